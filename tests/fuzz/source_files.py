"""Real source rows, mutated: hypothesis strategies that write broken versions of every census format.

Each format starts from a few real records of its shipped file (src/maillage/data/sources/, tests/data/);
a drawn file keeps some of them, damages cells (deleted, truncated, wrong type, unicode junk, huge) or
adds random rows, then may damage the file itself (truncated, random bytes, another encoding, the other
delimiter, a stray quote, no header). Nothing here is presented as real data once mutated.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ROOT / "src" / "maillage" / "data" / "sources"
TEST_DATA = ROOT / "tests" / "data"
ROWS_KEPT = 6

# format → real file it starts from (the Loire extracts; Étapes numériques only ships the national file).
REAL_FILES: dict[str, Path] = {
    "hinaura": SOURCES / "hinaura-2022" / "lieux-mediation-numerique-hinaura-loire-42.json",
    "mednum": TEST_DATA / "mediation_numerique" / "exemple-valide.csv",
    "france-services": SOURCES / "france-services-2024" / "liste-fs-20240801-loire-42.csv",
    "aidants-connect": SOURCES / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv",
    "cnfs-structures": SOURCES / "conseillers-numeriques-2023" / "20230405-3925-cnfs-loire-42.csv",
    "cnfs-permanences": SOURCES
    / "cartographie-nationale-cnfs-2022"
    / "lieux-de-mediation-numerique-cnfs-loire-42.json",
    "etapes-numeriques": SOURCES / "etapes-numeriques-la-poste" / "etapes-numerique.json.gz",
    "bibliotheques": SOURCES
    / "bibliotheques-publiques"
    / "adresses-des-bibliotheques-publiques-loire-42.csv",
    "data-inclusion": TEST_DATA / "data_inclusion" / "structures-generees-loire.json",
}


@dataclass(frozen=True)
class Sample:
    """The first real records of one format's file: a CSV header and rows, or JSON objects."""

    fmt: str
    header: tuple[str, ...]
    rows: tuple[Any, ...]  # tuple[str, ...] per CSV row, dict per JSON record
    delimiter: str  # "" for JSON

    @property
    def is_csv(self) -> bool:
        return bool(self.delimiter)

    @property
    def suffix(self) -> str:
        return ".csv" if self.is_csv else ".json"


@functools.cache
def sample(fmt: str) -> Sample:
    path = REAL_FILES[fmt]
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    text = raw.decode("utf-8-sig")
    if path.name.endswith((".json", ".json.gz")):
        records = json.loads(text)
        if fmt == "etapes-numeriques":  # the national file: keep Loire offices, as the demo does
            records = [r for r in records if str(r.get("Code postal", "")).startswith("42")] or records
        kept = tuple(records[:ROWS_KEPT])
        keys = tuple(dict.fromkeys(key for record in kept for key in record))
        return Sample(fmt, keys, kept, "")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = tuple(next(reader))
    rows = tuple(tuple(row) for _, row in zip(range(ROWS_KEPT), reader, strict=False))
    return Sample(fmt, header, rows, delimiter)


# --- cell values ------------------------------------------------------------------------------------

junk_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
)  # any printable or control character, RTL marks, emoji, NUL…
tricky_text = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u202e",
        "NaN",
        "inf",
        "-1e309",
        "null",
        "[]",
        "{}",
        "0",
        "-0",
        "99999999999999999999",
        "42",
        "4.2e1",
        "2A004",
        "31/02/2024",
        "2024-13-45",
        "Mo-Fr 09:00-12:00",
        "Lun 9h-12h",
        "<script>alert(1)</script>",
        "a@b",
        "http://",
        "javascript:alert(1)",
        "é" * 3,
        "\ufeff",
        '"',
        "'",
        ";",
        ",",
        "\n",
        "\r\n",
        "|",
        "||",
    ]
)
json_junk: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    junk_text,
    tricky_text,
    st.lists(st.one_of(st.none(), st.integers(), junk_text, tricky_text), max_size=3),
    st.dictionaries(junk_text, st.one_of(st.none(), junk_text), max_size=2),
)


def _cell(draw: st.DrawFn, original: Any, *, as_json: bool) -> tuple[bool, Any]:
    """(keep the cell?, its new value) for one damaged cell."""
    how = draw(st.sampled_from(["delete", "truncate", "junk", "tricky", "huge", "type", "empty"]))
    text = "" if original is None else str(original)
    if how == "delete":
        return False, None
    if how == "truncate":
        return True, text[: draw(st.integers(0, max(0, len(text) - 1)))]
    if how == "junk":
        return True, draw(junk_text)
    if how == "tricky":
        return True, draw(tricky_text)
    if how == "huge":
        return True, draw(st.sampled_from(["x", "é", "9", text or "a"])) * draw(
            st.sampled_from([5_000, 70_000])
        )
    if how == "type":
        return True, draw(json_junk) if as_json else str(draw(json_junk))
    return True, None if as_json else ""


@st.composite
def mutated_records(draw: st.DrawFn, fmt: str) -> tuple[tuple[str, ...], list[Any]]:
    """Header and records: some real ones, damaged cell by cell, and maybe random or duplicated ones."""
    real = sample(fmt)
    indexes = draw(st.lists(st.integers(0, len(real.rows) - 1), min_size=0, max_size=len(real.rows)))
    records: list[Any] = []
    for index in indexes:
        original = real.rows[index]
        if real.is_csv:
            cells = list(original)
            for _ in range(draw(st.integers(0, 3))):
                position = draw(st.integers(0, len(cells))) if cells else 0
                if position >= len(cells):
                    cells.append(draw(junk_text))  # one cell too many
                    continue
                keep, value = _cell(draw, cells[position], as_json=False)
                if keep:
                    cells[position] = value
                else:
                    del cells[position]  # the row is one cell short
            records.append(cells)
        else:
            record = dict(original)
            for _ in range(draw(st.integers(0, 3))):
                key = draw(st.sampled_from([*real.header, "champ_inconnu"]))
                keep, value = _cell(draw, record.get(key), as_json=True)
                if keep:
                    record[key] = value
                else:
                    record.pop(key, None)
            records.append(record)
    for _ in range(draw(st.integers(0, 2))):  # random rows on the real header
        if real.is_csv:
            records.append([draw(st.one_of(junk_text, tricky_text)) for _ in real.header])
        else:
            records.append(
                draw(
                    st.dictionaries(st.sampled_from(list(real.header)), json_junk, max_size=len(real.header))
                )
            )
    if records and draw(st.booleans()):
        records.append(records[0])  # the same record twice
    return real.header, records


def _serialise(real: Sample, header: tuple[str, ...], records: list[Any], delimiter: str) -> str:
    if not real.is_csv:
        return json.dumps(records, ensure_ascii=False)
    # Written by hand, as csv.writer would (quotes only where needed): CPython 3.11's csv.writer crashed
    # the process twice (a segfault) on drawn files in full `make fuzz` runs.
    return "".join(_csv_line(row, delimiter) for row in [header, *records])


def _csv_line(cells: Any, delimiter: str) -> str:
    quoted = []
    for cell in cells:
        text = "" if cell is None else str(cell)
        if any(mark in text for mark in (delimiter, '"', "\r", "\n")) or text != text.strip(" "):
            text = '"' + text.replace('"', '""') + '"'
        quoted.append(text)
    return delimiter.join(quoted) + "\r\n"


class Blob(bytes):
    """A drawn file: its repr stays short (hypothesis prints failing examples; some are megabytes)."""

    def __repr__(self) -> str:
        return f"Blob({len(self)} bytes, starting {bytes(self[:120])!r})"


@st.composite
def mutated_file(draw: st.DrawFn, fmt: str) -> Blob:
    """The bytes of a damaged file of `fmt` (cells damaged, then maybe the file as a whole)."""
    real = sample(fmt)
    header, records = draw(mutated_records(fmt))
    damage = draw(
        st.sampled_from(
            [
                "none",
                "none",
                "none",
                "truncate",
                "bytes",
                "latin-1",
                "utf-16",
                "delimiter",
                "quote",
                "headless",
                "bom",
                "empty",
                "not-a-list",
            ]
        )
    )
    delimiter = real.delimiter
    if damage == "delimiter" and real.is_csv:
        delimiter = "," if real.delimiter == ";" else ";"
    text = _serialise(real, header, records, delimiter)
    if damage == "headless" and real.is_csv:
        text = text.split("\r\n", 1)[-1]
    if damage == "not-a-list" and not real.is_csv:
        text = json.dumps(records[0] if records else {"nom": "fichier de test"}, ensure_ascii=False)
    if damage == "quote":
        position = draw(st.integers(0, len(text)))
        text = text[:position] + '"' + text[position:]
    if damage == "latin-1":
        data = text.encode("latin-1", errors="replace")
    elif damage == "utf-16":
        data = text.encode("utf-16")
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    else:
        data = text.encode("utf-8", errors="surrogatepass")
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    if damage == "bytes":
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.binary(min_size=1, max_size=12)) + data[position:]
    if damage == "empty":
        data = b""
    return Blob(data)
