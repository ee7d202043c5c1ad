"""Benchmark worker: import every national source file and rebuild the census, in this process.

Run by scripts/bench.py with DATABASE_URL set to a fresh database; prints one JSON line of figures, with
`digest_identical`: whether the census written is the one stored in census_digest.json (census_digest.py
says what the digest covers). `--store-digest` writes the digest of this run there instead.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from census_digest import STORED, census_digest, compare  # scripts/bench/, beside this file
from django.core.management import call_command

from maillage.census.formats import FORMAT_READERS
from maillage.census.services import census_rebuild, source_import
from maillage.places.models import MatchPair, Place, SourceRecord
from maillage.territories.selectors import CommuneIndex
from maillage.territories.services import territories_load

SOURCES = Path(__file__).resolve().parents[2] / "src" / "maillage" / "data" / "sources"
NATIONAL = [
    ("hinaura", SOURCES / "hinaura-2022/lieux-mediation-numerique-hinaura-auvergne-rhone-alpes.json.gz"),
    ("france-services", SOURCES / "france-services-2024/liste-fs-20240801.csv.gz"),
    ("aidants-connect", SOURCES / "aidants-connect-2024/20240212-aidants_connect_structures.csv.gz"),
    ("cnfs-structures", SOURCES / "conseillers-numeriques-2023/20230405-3925-cnfs.csv.gz"),
    (
        "cnfs-permanences",
        SOURCES / "cartographie-nationale-cnfs-2022/lieux-de-mediation-numerique-cnfs-loire-42.json",
    ),
    ("etapes-numeriques", SOURCES / "etapes-numeriques-la-poste/etapes-numerique.json.gz"),
    ("bibliotheques", SOURCES / "bibliotheques-publiques/adresses-des-bibliotheques-publiques.csv.gz"),
]


def main() -> None:
    figures: dict[str, object] = {}
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    territories_load(with_france=True)
    figures["territories_s"] = round(time.perf_counter() - started, 2)
    rows = 0
    started, cpu = time.perf_counter(), time.process_time()
    communes = CommuneIndex.load()
    for fmt, path in NATIONAL:
        report = source_import(
            path=path, source=fmt, reader=FORMAT_READERS[fmt], rebuild=False, communes=communes
        )
        rows += report.rows
    figures["import_s"] = round(time.perf_counter() - started, 2)
    figures["peak_rss_after_import_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    started = time.perf_counter()
    census = census_rebuild()
    figures["dedup_merge_s"] = round(time.perf_counter() - started, 2)
    # This process's CPU time: less sensitive than wall time to other work on the machine (on SQLite it
    # is nearly all the work; PostgreSQL's own time is not in it).
    figures["import_and_dedup_cpu_s"] = round(time.process_time() - cpu, 2)
    figures["import_and_dedup_s"] = round(figures["import_s"] + figures["dedup_merge_s"], 2)  # type: ignore[operator]
    started = time.perf_counter()
    again = census_rebuild()
    figures["rebuild_unchanged_s"] = round(time.perf_counter() - started, 2)
    figures.update(
        rows=rows,
        records=SourceRecord.objects.count(),
        places=Place.objects.count(),
        pairs_scored=census.pairs_scored,
        auto_merged_pairs=census.auto_merged_pairs,
        review_pairs=census.review_pairs,
        pairs_stored=MatchPair.objects.count(),
        places_written_on_unchanged_rebuild=again.places_created + again.places_updated,
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
    digest = census_digest()  # after the peak memory is read: the digest's own memory is not the pipeline's
    if "--store-digest" in sys.argv:
        STORED.write_text(json.dumps(digest, indent=2) + "\n", encoding="utf-8")
    figures.update(compare(digest))
    print(json.dumps(figures), file=sys.stdout)


if __name__ == "__main__":
    main()
