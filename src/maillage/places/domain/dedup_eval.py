"""The hand-labelled evaluation set of deduplication, and the figures measured on it (pure Python).

The set lives in tests/data/dedup/ (see its README): `records.jsonl.gz` holds real census records of five
départements outside the Loire (one JSON object a line, the fields deduplication reads and those a person
labelling needs), `labels.csv` the sampled pairs with a person's decision (SAME / DIFFERENT / UNSURE) and
the reason written while reading both records. UNSURE pairs count in no figure.

A labelled pair of the first three départements is split into the `train` or `test` part by its commune
(both records of most pairs share it), so that a scorer fitted on the train part is judged on communes it
never saw; the pairs of the two départements added later (Haute-Savoie, Isère) are all in `train`.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from maillage.places.domain.dedup import Candidate, MatchScore, candidate_pairs, classify, group, score
from maillage.places.domain.dedup_model import kept_apart_automatically

Label = Literal["SAME", "DIFFERENT", "UNSURE"]
LABELS: tuple[Label, ...] = ("SAME", "DIFFERENT", "UNSURE")
LABEL_COLUMNS = ["pair_id", "key_a", "key_b", "stratum", "split", "label", "reason", "labelled_by"]


@dataclass(frozen=True)
class LabelledPair:
    pair_id: str
    key_a: str
    key_b: str
    stratum: str
    split: str
    label: str  # "" while not yet decided
    reason: str
    labelled_by: str


@dataclass(frozen=True)
class Confusion:
    """Counts of one decision rule on the decided pairs (UNSURE left out)."""

    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float:
        proposed = self.true_positive + self.false_positive
        return self.true_positive / proposed if proposed else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def figures(self, prefix: str) -> dict[str, float | int]:
        return {
            f"{prefix}_precision": round(self.precision, 4),
            f"{prefix}_recall": round(self.recall, 4),
            f"{prefix}_f1": round(self.f1, 4),
            f"{prefix}_tp": self.true_positive,
            f"{prefix}_fp": self.false_positive,
            f"{prefix}_fn": self.false_negative,
            f"{prefix}_tn": self.true_negative,
        }


def candidate_from_record(record: Mapping[str, Any]) -> Candidate:
    """A record of records.jsonl.gz as deduplication sees it (what census.rebuild builds from a record)."""
    return Candidate(
        key=record["key"],
        source=record["source"],
        name=record.get("name") or "",
        address=record.get("address") or "",
        postal_code=record.get("postal_code") or "",
        insee_code=record.get("insee_code") or "",
        latitude=record.get("latitude"),
        longitude=record.get("longitude"),
        position_approximate=bool(record.get("position_approximate")),
        siret=record.get("pivot") or "",
        typologies=tuple(record.get("typologies") or ()),
        phone=record.get("phone") or "",
        emails=tuple(record.get("emails") or ()),
        commune_name=record.get("commune_name") or "",
    )


def load_records(path: Path) -> dict[str, dict[str, Any]]:
    """key → record, from a JSON-lines file (gzip-compressed when its name ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {record["key"]: record for record in records}


def load_labels(path: Path) -> list[LabelledPair]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(line for line in handle if not line.startswith("#"))]
    pairs = []
    for number, row in enumerate(rows, start=2):
        if row["label"] and row["label"] not in LABELS:
            raise ValueError(f"{path.name}, pair {row['pair_id']} : étiquette inconnue « {row['label']} »")
        if not row["pair_id"]:
            raise ValueError(f"{path.name}, ligne {number} : pair_id manquant")
        pairs.append(LabelledPair(**{name: row.get(name) or "" for name in LABEL_COLUMNS}))
    return pairs


def write_labels(path: Path, pairs: Iterable[LabelledPair], header: str) -> None:
    """Rewrite the labels file: `header` (comment lines, each opened by '#') then the CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        writer = csv.DictWriter(handle, fieldnames=LABEL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for pair in pairs:
            writer.writerow({name: getattr(pair, name) for name in LABEL_COLUMNS})


def split_of(insee_code: str) -> str:
    """'test' for about one commune in three (a stable hash of its INSEE code), else 'train'."""
    digest = hashlib.sha256(insee_code.encode()).digest()
    return "test" if digest[0] % 3 == 0 else "train"


def confusion(pairs: Iterable[LabelledPair], says_same: Callable[[LabelledPair], bool]) -> Confusion:
    """Confusion counts of `says_same` against the people's labels (undecided and UNSURE pairs skipped)."""
    tp = fp = fn = tn = 0
    for pair in pairs:
        if pair.label not in ("SAME", "DIFFERENT"):
            continue
        predicted, actual = says_same(pair), pair.label == "SAME"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not actual and not predicted
    return Confusion(tp, fp, fn, tn)


@dataclass(frozen=True)
class EngineRun:
    """What the census would do with a set of records: its groups, and the pairs left to a reviewer.

    `auto_group` maps each key to its group after the automatic merges (as census.rebuild groups them);
    `proposed_group` after the automatic merges and every pair of the review queue, i.e. what a reviewer
    who accepts every true pair of the queue could reach. `review` holds the queue's pairs: as in
    census.rebuild, a pair to review whose records the automatic merges already joined is not put to a
    person (it is stored merged).
    """

    auto_group: dict[str, int]
    proposed_group: dict[str, int]
    review: list[tuple[str, str]]
    places: int


def run_engine(
    candidates: Iterable[Candidate],
    *,
    high: float,
    low: float,
    blocking: Callable[[Iterable[Candidate]], Iterable[tuple[Candidate, Candidate]]] = candidate_pairs,
    scoring: Callable[[Candidate, Candidate], MatchScore] = score,
    cannot_link: Callable[[Candidate, Candidate, float, float], bool] = kept_apart_automatically,
) -> EngineRun:
    items = list(candidates)
    keys = [candidate.key for candidate in items]
    automatic: list[tuple[float, tuple[str, str]]] = []
    review: list[tuple[float, tuple[str, str]]] = []
    apart: list[tuple[str, str]] = []
    for a, b in blocking(items):
        value = scoring(a, b).value
        verdict = classify(value, high, low)
        pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        if cannot_link(a, b, value, high):
            apart.append(pair)
        if verdict == "merge":
            automatic.append((value, pair))
        elif verdict == "review":
            review.append((value, pair))
    automatic.sort(key=lambda item: (-item[0], item[1]))
    review.sort(key=lambda item: (-item[0], item[1]))
    merged = group([pair for _, pair in automatic], keys, cannot_link=apart)
    proposed = group([pair for _, pair in automatic + review], keys)
    auto_group = _group_index(merged.groups)
    return EngineRun(
        auto_group=auto_group,
        proposed_group=_group_index(proposed.groups),
        review=[pair for _, pair in review if auto_group[pair[0]] != auto_group[pair[1]]],
        places=len(merged.groups),
    )


def _group_index(groups: Iterable[frozenset[str]]) -> dict[str, int]:
    return {key: index for index, members in enumerate(groups) for key in members}


def evaluate(pairs: Sequence[LabelledPair], run: EngineRun, part: str = "") -> dict[str, float | int]:
    """Figures of `run` on the labelled pairs (of one `part`, 'train' or 'test', when given)."""
    chosen = [pair for pair in pairs if not part or pair.split == part]
    prefix = f"{part}_" if part else ""
    auto = confusion(chosen, lambda p: run.auto_group[p.key_a] == run.auto_group[p.key_b])
    proposed = confusion(chosen, lambda p: run.proposed_group[p.key_a] == run.proposed_group[p.key_b])
    figures: dict[str, float | int] = {f"{prefix}decided_pairs": auto.true_positive + auto.false_positive
                                       + auto.false_negative + auto.true_negative}  # fmt: skip
    figures.update(auto.figures(f"{prefix}auto"))
    figures.update(proposed.figures(f"{prefix}with_review"))
    return figures
