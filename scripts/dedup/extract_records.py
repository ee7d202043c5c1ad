"""Extract the census records of a few départements (outside the Loire) for the dedup evaluation set.

Imports the national source files shipped in src/maillage/data/sources/ into a scratch database exactly as
`maillage import` does (same adapters, same commune resolution), then writes every place record of the
chosen départements to tests/data/dedup/records.jsonl.gz: what deduplication sees, plus what a person
labelling a pair needs to read (websites, programmes, the source's own type). Run once; its output is
committed (users' clones have the shipped files, the evaluation needs only the extract).

    DATABASE_URL=sqlite:////tmp/dedup-extract.sqlite3 .venv/bin/python scripts/dedup/extract_records.py
    # a later département, added to the committed extract (the records already there are kept as they are):
    DATABASE_URL=sqlite:////tmp/dedup-extract.sqlite3 .venv/bin/python scripts/dedup/extract_records.py \
        --departments 74 --append
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.core.management import call_command

from maillage.census.formats import FORMAT_READERS
from maillage.census.services.importing import source_import
from maillage.places.models import SourceRecord
from maillage.territories.selectors import CommuneIndex
from maillage.territories.services import territories_load

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "src" / "maillage" / "data" / "sources"
OUT = ROOT / "tests" / "data" / "dedup" / "records.jsonl.gz"
DEPARTMENTS = ("26", "63", "69")  # Drôme, Puy-de-Dôme, Rhône: each has all four place sources
# Added by issue 17's third pass (more training data, all in the train part): Haute-Savoie, then Isère.
ADDED_DEPARTMENTS = ("74", "38")
FILES = [
    ("hinaura", SOURCES / "hinaura-2022/lieux-mediation-numerique-hinaura-auvergne-rhone-alpes.json.gz"),
    ("france-services", SOURCES / "france-services-2024/liste-fs-20240801.csv.gz"),
    ("aidants-connect", SOURCES / "aidants-connect-2024/20240212-aidants_connect_structures.csv.gz"),
    ("cnfs-structures", SOURCES / "conseillers-numeriques-2023/20230405-3925-cnfs.csv.gz"),
    ("etapes-numeriques", SOURCES / "etapes-numeriques-la-poste/etapes-numerique.json.gz"),
]
KEPT_FIELDS = (
    "name", "address", "address_complement", "postal_code", "insee_code", "commune_name", "latitude",
    "longitude", "pivot", "typologies", "phone", "emails", "websites", "national_programmes",
    "parent_structure", "other_labels",
)  # fmt: skip
KEPT_ATTRIBUTES = ("type_fs", "format_fs", "France Services Label", "Type")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", nargs="+", default=list(DEPARTMENTS))
    parser.add_argument("--append", action="store_true", help="add to the extract, keep its records")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    departments = tuple(args.departments)
    call_command("migrate", verbosity=0)
    territories_load(with_france=True)
    communes = CommuneIndex.load()
    for department in departments:
        for fmt, path in FILES:
            report = source_import(
                path=path, source=fmt, reader=FORMAT_READERS[fmt], rebuild=False,
                department=department, communes=communes,
            )  # fmt: skip
            print(
                f"{department} {fmt}: {report.created + report.updated + report.unchanged} records",
                file=sys.stderr,
            )
    rows = []
    for record in SourceRecord.objects.filter(kind="place").order_by("source", "source_id"):
        fields = record.fields or {}
        if not str(fields.get("insee_code", "")).startswith(departments):
            continue
        attributes = record.attributes or {}
        rows.append(
            {
                "key": record.key,
                "source": record.source,
                "position_approximate": record.position_approximate,
                **{name: fields.get(name) for name in KEPT_FIELDS},
                "attributes": {name: attributes[name] for name in KEPT_ATTRIBUTES if attributes.get(name)},
            }
        )
    kept: list[str] = []
    if args.append and args.out.exists():
        with gzip.open(args.out, "rt", encoding="utf-8") as handle:
            kept = [line.rstrip("\n") for line in handle if line.strip()]
        known = {json.loads(line)["key"] for line in kept}
        rows = [row for row in rows if row["key"] not in known]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        for line in kept:
            handle.write(line + "\n")
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(rows)} records written to {args.out} ({len(kept)} kept)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
