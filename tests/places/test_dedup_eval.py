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
# (figure, floor): measured on 2026-12-04 after issue 17's third pass (Haute-Savoie and Isère added to train,
# the learned scorer re-trained, thresholds 0.7 / 0.15 chosen on train's cross-validation). The second pass's
# floors were test 0.85 / 0.95, train 0.99 (in-sample on 304 pairs), whole set 0.94 / 0.98; the train floor is
# in-sample on another, larger train part now (855 pairs), where four pairs of one list with two phones at one
# address always wait for a person (dedup_model.REVIEWED).
FLOORS = [
    ("test_auto_precision", 1.0),
    ("test_auto_recall", 0.89),
    ("test_with_review_recall", 0.96),
    ("test_with_review_precision", 1.0),
    ("train_auto_precision", 1.0),
    ("train_auto_recall", 0.97),
    ("train_with_review_recall", 1.0),
    ("auto_recall", 0.95),
    ("with_review_recall", 0.99),
]


@pytest.fixture(scope="module")
def figures() -> dict[str, float | int]:
    run = run_engine([candidate_from_record(r) for r in RECORDS.values()], high=HIGH, low=LOW)
    result = {**evaluate(PAIRS, run), **evaluate(PAIRS, run, "train"), **evaluate(PAIRS, run, "test")}
    result["queue_share"] = len(run.review) / run.places
    return result


ADDED = ("74", "38")  # Haute-Savoie and Isère, added by issue 17's third pass, wholly in the train part


def test_the_set_is_what_its_readme_says() -> None:
    assert len(RECORDS) == 1040
    assert {key.split(":")[0] for key in RECORDS} >= {"france-services", "aidants-connect", "hinaura"}
    assert all(not (r.get("insee_code") or "").startswith("42") for r in RECORDS.values())  # not the Loire
    decided = [p for p in PAIRS if p.label in ("SAME", "DIFFERENT")]
    assert len(decided) >= 400 + 250
    assert all(p.reason and p.labelled_by for p in PAIRS if p.label)
    assert all("agent IA" in p.labelled_by for p in PAIRS if p.label)  # labelled by an AI agent, said so
    assert {p.stratum.split(":")[0] for p in decided} == {"intra-source", "inter-sources"}
    for pair in PAIRS:
        insee_code = RECORDS[pair.key_a].get("insee_code") or ""
        assert pair.split == ("train" if insee_code.startswith(ADDED) else split_of(insee_code))
    # the held-out part is the first pass's, unchanged: 154 pairs of Drôme, Puy-de-Dôme and Rhône
    test_part = [p for p in PAIRS if p.split == "test"]
    assert len(test_part) == 154
    assert all(int(p.pair_id[1:]) <= 462 for p in test_part)


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
        # issue 17, third pass (train part, Haute-Savoie and Isère):
        "P1024",  # mairie de L'Albenc, 65 rue de l'École / the commune, « HOTEL DE VILLE »: one SIRET
        "P0854",  # Cypiée, 20 route Napoléon / « LE BOURG » of Pierre-Châtel: one SIRET
        "P0592",  # the commune of Annecy and its CCAS, « ESP DE L HOTEL DE VILLE » both
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
        # issue 17, third pass (train part):
        "P0745",  # the town halls of Loisin and Massongy, « HOTEL DE VILLE » both, one postal code 74140
        "P0874",  # Pimms Grenoble's bus and its fixed France services, 97 galerie de l'Arlequin
        "P0967",  # France services of Morestel and Villemoirieu, 20 km apart, one phone and e-mail
    ],
)
def test_hard_different_places_do_not_merge(pair_id: str) -> None:
    assert BY_ID[pair_id].label == "DIFFERENT"
    assert _score(pair_id) < LOW


@pytest.mark.parametrize(
    "pair_id",
    [
        "P0683",  # médiathèque Bonlieu and Info Jeunes, 1 rue Jean Jaurès, two phones (Hinaura)
        "P0476",  # médiathèque and service seniors of Seynod, 1 place de l'Hôtel de ville, two phones
    ],
)
def test_two_services_of_one_list_at_one_address_wait_for_a_person(pair_id: str) -> None:
    # issue 17, third pass (train part): one building or two neighbours; never merged, always proposed
    assert BY_ID[pair_id].label == "SAME"
    assert LOW <= _score(pair_id) == CAPPED_REVIEW < HIGH
