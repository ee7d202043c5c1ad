"""Deduplication judged on the hand-labelled evaluation set (tests/data/dedup/, see its README).

The floors are the figures measured when the learned scorer was committed (make bench prints them with
the issue's targets): a change that loses precision or recall on the labelled pairs fails here. The pinned
pairs are real records of the set, each a kind of hard case issue 17 lists, both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from maillage.places.domain.dedup import score
from maillage.places.domain.dedup_eval import (
    LabelledPair,
    candidate_from_record,
    confusion,
    evaluate,
    load_labels,
    load_records,
    run_engine,
    split_of,
)
from maillage.places.domain.dedup_model import CAPPED, CAPPED_REVIEW

DATA = Path(__file__).resolve().parents[1] / "data" / "dedup"
HIGH, LOW = settings.MAILLAGE_DEDUP_HIGH, settings.MAILLAGE_DEDUP_LOW  # chosen on train's cross-validation
RECORDS = load_records(DATA / "records.jsonl.gz")
PAIRS = load_labels(DATA / "labels.csv")
BY_ID = {pair.pair_id: pair for pair in PAIRS}
# (figure, floor): measured on 2026-12-04 with the learned scorer re-trained in issue 17's second pass and
# the settings' thresholds (0.7 / 0.5, chosen on train's cross-validation); 2026-12-03's floors were
# test 0.79 / 0.92, whole set 0.86 / 0.93.
FLOORS = [
    ("test_auto_precision", 1.0),
    ("test_auto_recall", 0.85),
    ("test_with_review_recall", 0.95),
    ("test_with_review_precision", 1.0),
    ("train_auto_precision", 1.0),
    ("train_auto_recall", 0.99),
    ("auto_recall", 0.94),
    ("with_review_recall", 0.98),
]


@pytest.fixture(scope="module")
def figures() -> dict[str, float | int]:
    run = run_engine([candidate_from_record(r) for r in RECORDS.values()], high=HIGH, low=LOW)
    result = {**evaluate(PAIRS, run), **evaluate(PAIRS, run, "train"), **evaluate(PAIRS, run, "test")}
    result["queue_share"] = len(run.review) / run.places
    return result


def test_the_set_is_what_its_readme_says() -> None:
    assert len(RECORDS) == 591
    assert {key.split(":")[0] for key in RECORDS} >= {"france-services", "aidants-connect", "hinaura"}
    assert all(not (r.get("insee_code") or "").startswith("42") for r in RECORDS.values())  # not the Loire
    decided = [p for p in PAIRS if p.label in ("SAME", "DIFFERENT")]
    assert len(decided) >= 400
    assert all(p.reason and p.labelled_by for p in PAIRS if p.label)
    assert {p.stratum.split(":")[0] for p in decided} == {"intra-source", "inter-sources"}
    assert all(p.split == split_of(RECORDS[p.key_a].get("insee_code") or "") for p in PAIRS)


@pytest.mark.parametrize(("figure", "floor"), FLOORS)
def test_engine_keeps_its_measured_figures(
    figures: dict[str, float | int], figure: str, floor: float
) -> None:
    assert figures[figure] >= floor


def test_the_review_queue_stays_short(figures: dict[str, float | int]) -> None:
    assert figures["queue_share"] <= 0.10  # the target: a reviewer's time is a cost too


def test_the_thresholds_keep_the_rules_caps_on_their_side() -> None:
    # a capped pair is never proposed, a pair set to CAPPED_REVIEW always waits for a person
    assert CAPPED < LOW <= CAPPED_REVIEW < HIGH


def test_confusion_counts_skip_unsure_pairs() -> None:
    pairs = [
        LabelledPair("1", "a", "b", "", "test", "SAME", "r", "x"),
        LabelledPair("2", "a", "c", "", "test", "DIFFERENT", "r", "x"),
        LabelledPair("3", "b", "c", "", "test", "UNSURE", "r", "x"),
        LabelledPair("4", "c", "d", "", "test", "SAME", "r", "x"),
    ]
    counts = confusion(pairs, lambda p: p.pair_id in {"1", "2", "3"})
    assert (counts.true_positive, counts.false_positive, counts.false_negative, counts.true_negative) == (
        1,
        1,
        1,
        0,
    )
    assert (counts.precision, counts.recall) == (0.5, 0.5)


def _score(pair_id: str) -> float:
    pair = BY_ID[pair_id]
    return score(candidate_from_record(RECORDS[pair.key_a]), candidate_from_record(RECORDS[pair.key_b])).value


@pytest.mark.parametrize(
    "pair_id",
    [
        "P0125",  # France services Pontaumur / CC Chavanon Combrailles et Volcans: one SIRET, one address
        "P0390",  # Tourisme Info Services / TIS Vallée de la Roanne: two communes, "rue de la Poste"
        "P0252",  # France services of the centre social Nord / mairie annexe des Vergnes: one phone, 155 m
        "P0380",  # two Aidants Connect teams of the Aralis foundation at one address (inside one source)
        "P0316",  # "L'espoir aînés" twice in Aidants Connect
        "P0239",  # MSAP de Beaufort filed under Crest, "route de Suze" without a number
        "P0014",  # a France services housed in the médiathèque Latour-Maubourg, one numbered address
        # issue 17, second pass (train part):
        "P0094",  # « CCBDP » / CC des Baronnies en Drôme provençale: one SIRET, one street, no number
        "P0314",  # « REED » / Rhône Emplois Explorations Développement: « 42 GR DE VAISE » is a Grande Rue
        "P0365",  # France services Pays mornantais / its CC: one SIRET, « RTE ST LAURENT DAGNY » (d'Agny)
        "P0215",  # « ESCDD » / Espace social et culturel du Diois: an acronym keeping « du », not « et »
        "P0021",  # France services Givors / CCAS de Givors (one source): two public bodies at the town hall
        "P0189",  # France services Saint-Gervais / conseiller numérique: 1 and 3 rue Desaix, 2 m
    ],
)
def test_hard_duplicates_merge(pair_id: str) -> None:
    assert BY_ID[pair_id].label == "SAME"
    assert _score(pair_id) >= HIGH


@pytest.mark.parametrize(
    "pair_id",
    [
        "P0151",  # the fixed France services of Pimms Donzère and its bus, one address
        "P0048",  # two buses of one France services list, one address, two phones
        "P0426",  # "Maison du Rhône de Genas" filed under the Département's head office
        "P0012",  # two social centres of the Drôme under one SIRET
        "P0022",  # two town halls sharing a conseiller numérique's phone and e-mail
        "P0078",  # France services and médiathèque of Volvic, 75 m apart, each its own contacts
        "P0046",  # Thizy's France services and its town hall: one SIRET, two addresses
        "P0235",  # Maison des solidarités d'Ambert filed under the Département's head office, no contact
    ],
)
def test_hard_different_places_do_not_merge(pair_id: str) -> None:
    assert BY_ID[pair_id].label == "DIFFERENT"
    assert _score(pair_id) < LOW
