"""List the engine's misses on one part of the labelled set, each as a blocking or a scoring miss.

    .venv/bin/python scripts/dedup/misses.py              # the train part (the only one to tune on)
    .venv/bin/python scripts/dedup/misses.py --part test  # once, at the end, to report

A SAME pair the automatic merge does not group is a *blocking* miss when candidate_pairs never yields it
(it is never scored), else a *scoring* miss (scored below MAILLAGE_DEDUP_HIGH, or kept apart by the
cannot-link); a DIFFERENT pair grouped is a false merge. Each miss is filed under the kinds of issue 17:
`siret+adresse` (same SIRET and same address), `contact proche` (shared phone or e-mail, ≤ 200 m or same
street), `intra-source` (both records of one source), `aidants-connect` (an Aidants Connect record), other.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.conf import settings

from maillage.places.domain.dedup import candidate_pairs, score
from maillage.places.domain.dedup_eval import candidate_from_record, load_labels, load_records, run_engine
from maillage.places.domain.dedup_features import features

DATA = ROOT / "tests" / "data" / "dedup"


def kinds(a, b, values: dict[str, float]) -> list[str]:
    found = []
    if values["same_siret"] and (values["same_numbered_address"] or values["same_street_unnumbered"]):
        found.append("siret+adresse")
    if values["shared_contact_close"]:
        found.append("contact proche")
    if a.source == b.source:
        found.append("intra-source")
    if "aidants-connect" in (a.source, b.source):
        found.append("aidants-connect")
    return found or ["autre"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="train", choices=("train", "test"))
    parser.add_argument("--high", type=float, default=settings.MAILLAGE_DEDUP_HIGH)
    parser.add_argument("--low", type=float, default=settings.MAILLAGE_DEDUP_LOW)
    args = parser.parse_args()
    records = load_records(DATA / "records.jsonl.gz")
    candidates = {key: candidate_from_record(record) for key, record in records.items()}
    run = run_engine(candidates.values(), high=args.high, low=args.low)
    blocked = {tuple(sorted((a.key, b.key))) for a, b in candidate_pairs(candidates.values())}
    tally: Counter[tuple[str, str]] = Counter()
    for pair in load_labels(DATA / "labels.csv"):
        if pair.split != args.part or pair.label not in ("SAME", "DIFFERENT"):
            continue
        a, b = candidates[pair.key_a], candidates[pair.key_b]
        grouped = run.auto_group[a.key] == run.auto_group[b.key]
        if (pair.label == "SAME") == grouped:
            continue
        match = score(a, b)
        values = features(a, b, 0.0)
        if pair.label == "DIFFERENT":
            miss = "fusion fausse"
        elif tuple(sorted((a.key, b.key))) not in blocked:
            miss = "blocage"
        else:
            miss = "score"
        in_review = run.proposed_group[a.key] == run.proposed_group[b.key]
        for kind in kinds(a, b, values):
            tally[(miss, kind)] += 1
        print(f"{pair.pair_id} [{miss}] {match.value:.3f}{' (revue)' if in_review else ''} {pair.stratum}")
        for c in (a, b):
            print(f"    {c.key:<28} {c.name!r} | {c.address!r} {c.postal_code} {c.insee_code} | "
                  f"siret={c.siret} tel={c.phone} mail={','.join(c.emails)} pos={c.point}")  # fmt: skip
        print(f"    label: {pair.reason}")
        print(f"    on: {[name for name, v in values.items() if v and name != 'rule']}")
        print(f"    reasons: {'; '.join(match.reasons)}")
    print("\ncounts (a miss may be of several kinds):")
    for (miss, kind), count in sorted(tally.items()):
        print(f"  {miss:<14} {kind:<16} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
