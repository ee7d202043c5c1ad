"""Benchmark worker: deduplication judged on the hand-labelled pairs of tests/data/dedup/.

Runs the census's grouping (blocking, scoring, automatic merges, review queue) on the 1,040 records of the
evaluation set, with the thresholds of the settings, and compares it with the people's labels: precision,
recall and F1 of the automatic merge and of "merge + review queue" (a reviewer who accepts every true pair
of the queue), with the confusion counts, on the whole set and on its train and test parts, and the size
of the review queue. `before_*` figures are the engine before issue 17 (hand-tuned rule_score, blocking
without shared keys), kept runnable to measure the change. Prints one JSON line; needs no database.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.conf import settings

from maillage.places.domain.dedup import candidate_pairs, rule_score
from maillage.places.domain.dedup_eval import (
    candidate_from_record,
    evaluate,
    load_labels,
    load_records,
    run_engine,
)

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "dedup"


def main() -> None:
    records = load_records(DATA / "records.jsonl.gz")
    pairs = load_labels(DATA / "labels.csv")
    candidates = [candidate_from_record(record) for record in records.values()]
    high, low = settings.MAILLAGE_DEDUP_HIGH, settings.MAILLAGE_DEDUP_LOW
    figures: dict[str, object] = {"dedup_records": len(candidates), "dedup_high": high, "dedup_low": low}
    started = time.perf_counter()
    after = run_engine(candidates, high=high, low=low)
    figures["dedup_run_s"] = round(time.perf_counter() - started, 3)
    before = run_engine(
        candidates, high=high, low=low, scoring=rule_score,
        blocking=lambda items: candidate_pairs(items, shared_keys=False), cannot_link=lambda *_: False,
    )  # fmt: skip
    for name, run in (("dedup", after), ("dedup_before", before)):
        for part in ("", "train", "test"):
            figures.update({f"{name}_{key}": value for key, value in evaluate(pairs, run, part).items()})
        figures[f"{name}_review_queue"] = len(run.review)
        figures[f"{name}_places"] = run.places
        figures[f"{name}_queue_share"] = round(len(run.review) / run.places, 4)
    figures["_targets"] = [
        ["dedup auto precision (test) >= 0.99", "dedup_test_auto_precision", 0.99, "", "min"],
        ["dedup auto recall (test) >= 0.95", "dedup_test_auto_recall", 0.95, "", "min"],
        ["dedup merge+review recall (test) >= 0.98", "dedup_test_with_review_recall", 0.98, "", "min"],
        ["dedup review queue <= 10 % of places", "dedup_queue_share", 0.10, "", "max"],
    ]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
