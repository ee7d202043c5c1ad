"""A small schema.org validator for our JSON-LD, against the committed extract `schemaorg_event_terms.json`.

Checks that every node's `@type` is known, every property is a property of that type (or of a parent),
every value has one of the property's expected types (datatypes, typed nodes and their subtypes,
enumeration members written as https://schema.org/<Member>), and that Google's required Event properties
are present. Returns the problems as readable strings (an empty list: valid).
"""

import json
import re
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

TERMS_PATH = Path(__file__).with_name("schemaorg_event_terms.json")
SCHEMA_PREFIX = "https://schema.org/"
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


@cache
def terms() -> dict:
    return json.loads(TERMS_PATH.read_text(encoding="utf-8"))


def ancestors(type_name: str) -> list[str]:
    chain, current = [], type_name
    while current is not None:
        chain.append(current)
        current = terms()["types"][current]["parent"]
    return chain


def properties_of(type_name: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in reversed(ancestors(type_name)):
        found.update(terms()["types"][name]["properties"])
    return found


def _is_iso(value: str, kind: str) -> bool:
    try:
        if kind == "Date":
            return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(date.fromisoformat(value))
        if kind == "Time":
            return bool(time.fromisoformat(value))
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value and parsed.utcoffset() is not None


def _datatype_ok(value: object, kind: str) -> bool:
    if kind == "Boolean":
        return isinstance(value, bool)
    if kind in ("Number", "Integer"):
        wanted = int if kind == "Integer" else (int, float)
        return isinstance(value, wanted) and not isinstance(value, bool)
    if not isinstance(value, str):
        return False
    if kind == "URL":
        return _URL.match(value) is not None
    if kind in ("Date", "DateTime", "Time"):
        return _is_iso(value, kind)
    return kind == "Text"


def _value_ok(value: object, expected: list[str], path: str, problems: list[str]) -> None:
    enumerations = terms()["enumerations"]
    if isinstance(value, dict):
        node_type = value.get("@type")
        known = node_type in terms()["types"]
        if not known or not any(kind in ancestors(node_type) for kind in expected):
            problems.append(f"{path}: a {node_type!r} node where {expected} is expected")
            return
        _node(value, path, problems)
        return
    for kind in expected:
        if kind in terms()["datatypes"] and _datatype_ok(value, kind):
            return
        if kind in enumerations and isinstance(value, str):
            member = value.removeprefix(SCHEMA_PREFIX)
            if value.startswith(SCHEMA_PREFIX) and member in enumerations[kind]:
                return
    problems.append(f"{path}: value {value!r} is none of {expected}")


def _node(node: dict, path: str, problems: list[str]) -> None:
    node_type = node.get("@type")
    if node_type not in terms()["types"]:
        problems.append(f"{path}: unknown @type {node_type!r}")
        return
    allowed = properties_of(node_type)
    for key, value in node.items():
        if key in ("@type", "@id", "@context"):
            continue
        if key not in allowed:
            problems.append(f"{path}.{key}: not a property of {node_type}")
            continue
        values = value if isinstance(value, list) else [value]
        for rank, item in enumerate(values):
            where = f"{path}.{key}" + (f"[{rank}]" if isinstance(value, list) else "")
            _value_ok(item, allowed[key], where, problems)
    for required in terms()["google_required"].get(node_type, []):
        if required not in node:
            problems.append(f"{path}: {node_type} lacks {required}, required by Google")


def validate(document: dict) -> list[str]:
    """Problems of a JSON-LD document (one node, or `@graph` of nodes) with `@context` schema.org."""
    problems: list[str] = []
    if document.get("@context") not in ("https://schema.org", "https://schema.org/"):
        problems.append(f"@context is {document.get('@context')!r}, not https://schema.org")
    nodes = document.get("@graph", [document])
    for rank, node in enumerate(nodes):
        _node(node, f"@graph[{rank}]" if "@graph" in document else "$", problems)
    return problems
