"""Label candidate pairs of the dedup evaluation set by hand: both records side by side, never the score.

    .venv/bin/python scripts/dedup/label.py sample            # draw the pairs (once), labels left empty
    .venv/bin/python scripts/dedup/label.py sample --add 74 --seed 74  # draw a new département's pairs,
                                                   # appended (all in the train part), the others kept
    .venv/bin/python scripts/dedup/label.py show --next 20    # print the next undecided pairs
    .venv/bin/python scripts/dedup/label.py decide P0042 SAME "même SIRET, même adresse, nom du programme"
    .venv/bin/python scripts/dedup/label.py decide --batch decisions.tsv  # pair_id TAB label TAB reason
    .venv/bin/python scripts/dedup/label.py interactive --by "Prénom N."  # s / d / u, then the reason

The pairs are drawn from the records of tests/data/dedup/records.jsonl.gz without looking at the engine:
every pair that shares a commune, an identifier (SIRET or SIREN, phone, e-mail, website), a numbered
street address, or that lies within 1 km, is in the pool; the sample keeps every pair that shares an
identifier or an address or lies within 150 m, and draws at random among the rest of one commune, so
that it holds the hard cases (same SIRET at different places, one place under two names, pairs inside
one source) and the plain ones. Shown: distance and shared identifiers, as a person would check them.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from maillage.core.geo import Point, haversine_km
from maillage.places.domain.dedup_eval import (
    LABELS,
    LabelledPair,
    load_labels,
    load_records,
    split_of,
    write_labels,
)
from maillage.places.domain.names import clean_siret, normalize_address, phone_key, split_address

DATA = ROOT / "tests" / "data" / "dedup"
RECORDS, LABELS_FILE = DATA / "records.jsonl.gz", DATA / "labels.csv"
SEED = 17
# Pairs drawn at random in the large strata (the others are kept whole).
CAPS = {"intra-source:identifiant": 90, "inter-sources:commune": 75, "intra-source:commune": 35}
HEADER = (
    "# Hand-labelled candidate pairs of the census (Drôme 26, Puy-de-Dôme 63, Rhône 69; Haute-Savoie 74 and\n"
    "# Isère 38, added later, all in the train part): see README.md.\n"
    "# label: SAME (one place), DIFFERENT (two places), UNSURE (counted nowhere); reason: why, as read.\n"
)
SHOWN = (
    ("source", "source"), ("key", "clé"), ("name", "nom"), ("address", "adresse"),
    ("address_complement", "complément"), ("postal_code", "code postal"), ("commune_name", "commune"),
    ("insee_code", "INSEE"), ("pivot", "SIRET"), ("phone", "téléphone"), ("emails", "courriels"),
    ("websites", "sites"), ("national_programmes", "programmes"), ("typologies", "typologies"),
    ("attributes", "attributs"),
)  # fmt: skip
GENERIC_HOSTS = {"facebook.com", "www.facebook.com", "sites.google.com", "wixsite.com", "linktr.ee"}


def _point(record: dict) -> Point | None:
    if record.get("position_approximate") or record.get("latitude") is None:
        return None
    return Point(record["latitude"], record["longitude"])


def _hosts(record: dict) -> set[str]:
    hosts = set()
    for url in record.get("websites") or []:
        host = url.split("//")[-1].split("/")[0].lower().removeprefix("www.")
        if host and host not in GENERIC_HOSTS:
            hosts.add(host)
    return hosts


def shared(a: dict, b: dict) -> list[str]:
    """What a person checks first: shared identifiers, postal code, numbered address, distance."""
    found = []
    siret_a, siret_b = clean_siret(a.get("pivot") or ""), clean_siret(b.get("pivot") or "")
    if siret_a and siret_b:
        found.append(
            "même SIRET"
            if siret_a == siret_b
            else "même SIREN"
            if siret_a[:9] == siret_b[:9]
            else "SIRET différents"
        )
    phone_a, phone_b = phone_key(a.get("phone") or ""), phone_key(b.get("phone") or "")
    if phone_a and phone_a == phone_b:
        found.append("même téléphone")
    if {e.lower() for e in a.get("emails") or []} & {e.lower() for e in b.get("emails") or []}:
        found.append("même courriel")
    if _hosts(a) & _hosts(b):
        found.append("même site")
    if a.get("insee_code") and a.get("insee_code") == b.get("insee_code"):
        found.append("même commune")
    number_a, street_a = split_address(normalize_address(a.get("address") or "", a.get("commune_name") or ""))
    number_b, street_b = split_address(normalize_address(b.get("address") or "", b.get("commune_name") or ""))
    if street_a and street_a == street_b and (number_a == number_b or not (number_a and number_b)):
        found.append("même adresse" if number_a and number_a == number_b else "même voie")
    point_a, point_b = _point(a), _point(b)
    if point_a and point_b:
        found.append(f"distance {round(haversine_km(point_a, point_b) * 1000)} m")
    return found


def _stratum(a: dict, b: dict, signals: list[str]) -> str | None:
    """The sampling stratum of a pair of the pool, or None when the pair is not in the pool."""
    identifier = [
        s
        for s in signals
        if s in ("même SIRET", "même SIREN", "même téléphone", "même courriel", "même site")
    ]
    distance = next((int(s.split()[1]) for s in signals if s.startswith("distance")), None)
    inside = "intra-source" if a["source"] == b["source"] else "inter-sources"
    if identifier:
        return f"{inside}:identifiant"
    if "même adresse" in signals or "même voie" in signals:
        return f"{inside}:adresse"
    if distance is not None and distance <= 150:
        return f"{inside}:proches"
    if "même commune" in signals or (distance is not None and distance <= 1000):
        return f"{inside}:commune"
    return None


def sample(
    departments: tuple[str, ...] = (), seed: int = SEED, first: int = 1, split: str = ""
) -> list[LabelledPair]:
    """Draw the pairs of `departments` (all when empty), numbered from `first`; their part is `split`
    when given (a département added later goes to train whole), else by commune (split_of)."""
    records = load_records(RECORDS)
    by_department: dict[str, list[dict]] = defaultdict(list)
    for record in records.values():
        department = (record.get("insee_code") or "")[:2]
        if not departments or department in departments:
            by_department[department].append(record)
    strata: dict[str, list[tuple[dict, dict, str]]] = defaultdict(list)
    for department in sorted(by_department):
        members = sorted(by_department[department], key=lambda r: r["key"])
        for a, b in itertools.combinations(members, 2):
            stratum = _stratum(a, b, shared(a, b))
            if stratum is not None:
                strata[stratum].append((a, b, stratum))
    chosen = []
    for stratum in sorted(strata):
        members = strata[stratum]
        if stratum in CAPS:
            members = random.Random(f"{seed}:{stratum}").sample(members, min(CAPS[stratum], len(members)))
        chosen.extend(members)
    chosen.sort(key=lambda t: (t[0]["key"], t[1]["key"]))
    random.Random(seed).shuffle(chosen)  # labelled in a random order: no run of easy cases
    return [
        LabelledPair(
            pair_id=f"P{index:04d}",
            key_a=a["key"],
            key_b=b["key"],
            stratum=stratum,
            split=split or split_of(a.get("insee_code") or ""),
            label="",
            reason="",
            labelled_by="",
        )
        for index, (a, b, stratum) in enumerate(chosen, start=first)
    ]


def _value(record: dict, name: str) -> str:
    value = record.get(name)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def render(pair: LabelledPair, records: dict[str, dict]) -> str:
    a, b = records[pair.key_a], records[pair.key_b]
    lines = [f"── {pair.pair_id} ({pair.stratum})"]
    for name, label in SHOWN:
        left, right = _value(a, name), _value(b, name)
        if not left and not right:
            continue
        mark = "=" if left and left == right else " "
        lines.append(f"  {label:<12}{mark} {left[:75]:<75} | {right[:75]}")
    position = [("précise" if _point(r) else "approchée / absente") for r in (a, b)]
    lines.append(f"  {'position':<12}  {position[0]:<58} | {position[1]}")
    lines.append("  en commun : " + (", ".join(shared(a, b)) or "rien"))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    sampling = commands.add_parser("sample")
    sampling.add_argument("--force", action="store_true", help="redraw even if labels exist (loses them)")
    sampling.add_argument("--add", nargs="+", default=[], help="départements whose pairs are appended")
    sampling.add_argument("--seed", type=int, default=SEED)
    showing = commands.add_parser("show")
    showing.add_argument("--next", type=int, default=10)
    showing.add_argument("--id", action="append", default=[])
    deciding = commands.add_parser("decide")
    deciding.add_argument("pair_id", nargs="?")
    deciding.add_argument("label", nargs="?", choices=LABELS)
    deciding.add_argument("reason", nargs="?", default="")
    deciding.add_argument("--batch", type=Path)
    deciding.add_argument("--by", required=True, help="who labels (recorded on each decision)")
    interactive = commands.add_parser("interactive")
    interactive.add_argument("--by", required=True)
    args = parser.parse_args()

    if args.command == "sample" and args.add:
        existing = load_labels(LABELS_FILE)
        known = {(p.key_a, p.key_b) for p in existing}
        added = sample(tuple(args.add), args.seed, first=len(existing) + 1, split="train")
        if any((p.key_a, p.key_b) in known for p in added):
            print("Ces paires sont déjà dans le fichier.", file=sys.stderr)
            return 1
        write_labels(LABELS_FILE, [*existing, *added], HEADER)
        print(f"{len(added)} paires ajoutées (train) dans {LABELS_FILE.relative_to(ROOT)}")
        return 0
    if args.command == "sample":
        if LABELS_FILE.exists() and any(p.label for p in load_labels(LABELS_FILE)) and not args.force:
            print("Des paires sont déjà étiquetées : --force pour tout retirer.", file=sys.stderr)
            return 1
        pairs = sample()
        write_labels(LABELS_FILE, pairs, HEADER)
        print(f"{len(pairs)} paires tirées dans {LABELS_FILE.relative_to(ROOT)}")
        return 0
    records, pairs = load_records(RECORDS), load_labels(LABELS_FILE)
    if args.command == "show":
        chosen = [p for p in pairs if p.pair_id in args.id] if args.id else [p for p in pairs if not p.label]
        for pair in chosen[: args.next]:
            print(render(pair, records))
        print(f"{sum(1 for p in pairs if p.label)} décidées sur {len(pairs)}")
        return 0
    decisions: dict[str, tuple[str, str]] = {}
    if args.command == "decide":
        if args.batch:
            for number, line in enumerate(args.batch.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    pair_id, label, reason = ([*line.split("\t"), "", ""])[:3]
                    if label not in LABELS:
                        print(
                            f"{args.batch.name}, ligne {number} : étiquette « {label} » inconnue",
                            file=sys.stderr,
                        )
                        return 1
                    decisions[pair_id.strip()] = (label, reason.strip())
        elif args.pair_id and args.label:
            decisions[args.pair_id] = (args.label, args.reason)
    else:
        keys = {"s": "SAME", "d": "DIFFERENT", "u": "UNSURE"}
        for pair in [p for p in pairs if not p.label]:
            print(render(pair, records))
            answer = input("s (même lieu) / d (différents) / u (incertain) / q : ").strip().lower()
            if answer == "q":
                break
            if answer in keys:
                decisions[pair.pair_id] = (keys[answer], input("raison : ").strip())
    known = {p.pair_id for p in pairs}
    unknown = sorted(set(decisions) - known)
    if unknown:
        print("paires inconnues : " + ", ".join(unknown), file=sys.stderr)
        return 1
    updated = [
        LabelledPair(**{**p.__dict__, "label": decisions[p.pair_id][0], "reason": decisions[p.pair_id][1],
                        "labelled_by": args.by}) if p.pair_id in decisions else p
        for p in pairs
    ]  # fmt: skip
    write_labels(LABELS_FILE, updated, HEADER)
    print(
        f"{len(decisions)} décisions enregistrées ; {sum(1 for p in updated if p.label)} sur {len(updated)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
