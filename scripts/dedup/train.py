"""Fit the learned pair scorer on the train part of the labelled set; write dedup_weights.py.

    .venv/bin/python scripts/dedup/train.py            # fit, print cross-validated figures, write weights
    .venv/bin/python scripts/dedup/train.py --dry-run  # fit and print, write nothing

L2-regularised logistic regression (Newton's method, numpy) on the features of dedup_features, over the
decided pairs of the `train` part only (UNSURE left out); the `test` part is never read here. Five-fold
cross-validation on train (folds by commune, as the split) prints the precision and recall each threshold
would give, so that MAILLAGE_DEDUP_HIGH / LOW are chosen on train too.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from maillage.places.domain.dedup import rule_score
from maillage.places.domain.dedup_eval import candidate_from_record, load_labels, load_records
from maillage.places.domain.dedup_features import FEATURES, features
from maillage.places.domain.dedup_model import CAPPED_REVIEW, CAPS, REVIEWED

DATA = ROOT / "tests" / "data" / "dedup"
OUT = ROOT / "src" / "maillage" / "places" / "domain" / "dedup_weights.py"
L2 = 0.1  # ridge penalty on the weights (not on the bias)
THRESHOLDS = (
    0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
)  # fmt: skip


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> np.ndarray:
    """Weights (bias first) of the penalised logistic regression, by Newton's method."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ weights)))
        gradient = design.T @ (p - y) + penalty @ weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + np.eye(len(weights)) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def _fold(insee_code: str) -> int:
    """The cross-validation fold of a commune: a stable hash (Python's hash() changes at each run)."""
    return hashlib.sha256(f"fold:{insee_code}".encode()).digest()[1] % 5


def predict(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(weights[0] + x @ weights[1:])))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="name the cross-validated errors")
    args = parser.parse_args()
    records = load_records(DATA / "records.jsonl.gz")
    pairs = [
        p for p in load_labels(DATA / "labels.csv") if p.split == "train" and p.label in ("SAME", "DIFFERENT")
    ]
    rows, labels, folds = [], [], []
    for pair in pairs:
        a, b = candidate_from_record(records[pair.key_a]), candidate_from_record(records[pair.key_b])
        values = features(a, b, rule_score(a, b).value)
        rows.append([values[name] for name in FEATURES])
        labels.append(1.0 if pair.label == "SAME" else 0.0)
        folds.append(_fold(records[pair.key_a].get("insee_code") or ""))
    x, y, fold = np.array(rows), np.array(labels), np.array(folds)
    cap = np.ones(len(y))
    for name, value in CAPS.items():
        cap = np.where(x[:, FEATURES.index(name)] > 0, np.minimum(cap, value), cap)
    reviewed = x[:, [FEATURES.index(name) for name in REVIEWED]].any(axis=1)
    capped = (cap < 1) | reviewed
    out_of_fold = np.zeros(len(y))
    for k in range(5):
        held = fold == k
        out_of_fold[held] = predict(fit(x[~held], y[~held]), x[held])
    out_of_fold = np.minimum(out_of_fold, cap)  # as dedup_model.learned_score
    out_of_fold[reviewed] = CAPPED_REVIEW
    print(f"{len(y)} train pairs ({int(y.sum())} SAME); cross-validated, pair by pair:")
    for threshold in THRESHOLDS:
        said = out_of_fold >= threshold
        tp, fp, fn = int((said & (y == 1)).sum()), int((said & (y == 0)).sum()), int((~said & (y == 1)).sum())
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"  ≥ {threshold:.2f}: precision {precision:.3f}, recall {recall:.3f} (fp {fp}, fn {fn})")
        if args.verbose:
            named = [f"{pairs[i].pair_id}:{out_of_fold[i]:.2f}" for i in range(len(y))]
            print("     ", *(named[i] for i in np.flatnonzero(said & (y == 0))), "|",
                  *(named[i] for i in np.flatnonzero(~said & (y == 1))))  # fmt: skip
    free = ~capped & (y == 0)
    print(f"  highest cross-validated score of a DIFFERENT pair no rule caps: {out_of_fold[free].max():.3f}")
    weights = fit(x, y)
    for name, weight in zip(("bias", *FEATURES), weights, strict=True):
        print(f"  {name:<26} {weight:+.3f}")
    if args.dry_run:
        return 0
    lines = [
        '"""Weights of the learned pair scorer, written by scripts/dedup/train.py: do not edit by hand.',
        "",
        f"Fitted on the {len(y)} decided pairs of the train part of tests/data/dedup/labels.csv "
        f"({int(y.sum())} SAME), L2 = {L2}.",
        '"""',
        "",
        f"BIAS = {weights[0]:.4f}",
        "WEIGHTS: dict[str, float] = {",
        *(f'    "{name}": {weight:.4f},' for name, weight in zip(FEATURES, weights[1:], strict=True)),
        "}",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"written {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
