"""The learned pair scorer of deduplication: a logistic regression over dedup_features (pure Python).

    logit = BIAS + Σ WEIGHTS[name] × feature[name]        value = 1 / (1 + exp(-logit))

The weights are fitted by `scripts/dedup/train.py` on the `train` part of the hand-labelled set
(tests/data/dedup/, five départements outside the Loire) and written to dedup_weights.py; the `test` part
is never seen by the fit. Every term is one readable fact, so the score explains itself: `reasons` lists
rule_score's reasons, then each feature that weighed, with its share of the log-odds ("même adresse
numérotée (+1,8)"). `components` keeps rule_score's similarities and adds the features that are on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from maillage.places.domain.dedup import Candidate, MatchScore, rule_score
from maillage.places.domain.dedup_features import FEATURES, features
from maillage.places.domain.dedup_weights import BIAS, WEIGHTS
from maillage.places.domain.names import clean_siret

LABELS: dict[str, str] = {
    "rule": "ressemblance des noms, adresses et identifiants",
    "same_numbered_address": "même adresse numérotée",
    "same_street_unnumbered": "même voie, numéro absent",
    "other_house_number": "autre numéro de la même voie",
    "placeholder_address": "adresse vague (« le village », « Mairie »)",
    "close": "à moins de 60 m",
    "near": "à moins de 200 m",
    "far": "à plus de 1 km",
    "same_siret": "même SIRET",
    "same_siren_only": "même SIREN seulement",
    "other_siren": "SIREN différents",
    "name_contained": "un nom contient l’autre",
    "acronym": "un nom est le sigle de l’autre",
    "shared_contact": "téléphone ou courriel commun",
    "shared_contact_close": "contact commun au même endroit",
    "same_source_other_phone": "même source, téléphones différents",
    "kind_conflict": "natures de lieu différentes",
    "mobile_vs_fixed": "service itinérant et lieu fixe",
    "head_office_vs_site": "siège d’une collectivité et un de ses sites",
    "kind_conflict_unproven": "natures différentes sans même numéro ni contact",
    "same_source": "même source",
    "same_siret_same_premises": "même SIRET à la même adresse",
    "other_number_close": "numéros voisins à moins de 60 m",
    "programme_at_place": "un nom de programme et un nom de lieu au même endroit",
    "same_source_other_siren": "même source, deux organismes privés (SIREN différents)",
    "public_bodies_same_premises": "deux organismes publics (commune, CCAS, EPCI) à la même adresse",
    "head_office_unproven": "siège d’une collectivité et un site, sans contact commun",
    "two_organisations_one_address": "deux organismes d’une liste à la même adresse : décision humaine",
    "hosted_programme_close": "un conseiller numérique sans lieu à soi, à moins de 60 m d’un lieu",
    "same_siret_vague_address": "même SIRET, une adresse réduite à « Mairie » ou « le Bourg »",
    "one_list_two_phones_one_address": "deux services d’une liste à la même adresse, deux téléphones : "
    "décision humaine",
}
SHOWN_FROM = 0.25
# Facts a person set as rules, not learned, each capping the score.
# - Never merged nor proposed (at most CAPPED, below MAILLAGE_DEDUP_LOW): a mobile service (a bus) and a
#   fixed place; two entries of one list with different phones; two kinds of place (a médiathèque and a
#   France services) with nothing that proves one premises; a Département's (Région's, Métropole's) head
#   office and one of its sites filed under the head office's address, no contact shared there.
# - Never merged automatically, put to a person (at most CAPPED_REVIEW, between LOW and HIGH): two entries
#   of one list under two SIRENs not both public (FACE and CIBC, two associations in one building; a
#   commune and its CCAS, both public, share the town hall). Two such entries at one address (UDAF's
#   permanence in Montbrison's « Maison des permanences », FACE and CIBC) always wait for a person: their
#   score is set to CAPPED_REVIEW (REVIEWED). So are two entries of one list with two phones at one address
#   (no bus among them): the médiathèque and Info Jeunes of one building, or two neighbours (issue 17's
#   third pass: five such true pairs in the train part, one false).
# tests/places/test_dedup_eval.py checks that the settings' thresholds keep the caps on their side.
CAPPED = 0.1
CAPPED_REVIEW = 0.65
CAPS: dict[str, float] = {
    "mobile_vs_fixed": CAPPED,
    "same_source_other_phone": CAPPED,
    "kind_conflict_unproven": CAPPED,
    "head_office_unproven": CAPPED,
    "same_source_other_siren": CAPPED_REVIEW,
}
REVIEWED = ("two_organisations_one_address", "one_list_two_phones_one_address")
CAPPING = (*CAPS, *REVIEWED)  # each shown as a reason « règle : … » whenever it applies
# A learned term whose share of the log-odds is smaller than SHOWN_FROM is left out of the reasons.


def logit_terms(a: Candidate, b: Candidate, *, explain: bool = True) -> tuple[MatchScore, dict[str, float]]:
    """rule_score's result and each feature's share of the log-odds (bias under the key "")."""
    rule = rule_score(a, b, explain=explain)
    values = features(a, b, rule.value)
    terms = {name: WEIGHTS[name] * values[name] for name in FEATURES if values[name]}
    return rule, {"": BIAS, **terms}


def _value(terms: dict[str, float]) -> float:
    logit = sum(terms.values())
    value = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))
    value = min([value, *(cap for name, cap in CAPS.items() if name in terms)])
    if any(name in terms for name in REVIEWED):
        value = CAPPED_REVIEW
    return value


def learned_value(a: Candidate, b: Candidate) -> float:
    """`learned_score(a, b).value`, computed the same way, without its reasons and components."""
    return _value(logit_terms(a, b, explain=False)[1])


def learned_score(a: Candidate, b: Candidate) -> MatchScore:
    rule, terms = logit_terms(a, b)
    value = _value(terms)
    weighed = sorted(
        ((name, share) for name, share in terms.items() if name and abs(share) >= SHOWN_FROM),
        key=lambda item: -abs(item[1]),
    )
    reasons = [
        *rule.reasons,
        *(f"règle : {LABELS[name]}" for name in CAPPING if name in terms),  # a rule always says so
        *(f"{LABELS[name]} ({share:+.1f})".replace(".", ",") for name, share in weighed),
    ]
    components = {**rule.components, **{f"f_{name}": 1.0 for name in terms if name and name != "rule"}}
    return MatchScore(value=value, components=components, reasons=tuple(reasons))


@dataclass(frozen=True)
class Explanation:
    """A pair's stored reasons sorted for a reviewer: the facts read on both records, then the learned
    terms that brought the records together (`for_`) or apart (`against`), each (label, share)."""

    facts: list[str]
    for_: list[tuple[str, float]]
    against: list[tuple[str, float]]


_TERM = re.compile(r"^(?P<label>.+) \((?P<share>[+-]\d+,\d)\)$")


def explain_reasons(reasons: Sequence[str]) -> Explanation:
    """Split stored reasons (learned_score's) into facts and signed terms, strongest first."""
    facts: list[str] = []
    for_: list[tuple[str, float]] = []
    against: list[tuple[str, float]] = []
    for reason in reasons:
        match = _TERM.match(reason)
        if match is None:
            facts.append(reason)
            continue
        share = float(match["share"].replace(",", "."))
        (for_ if share > 0 else against).append((match["label"], share))
    return Explanation(
        facts=facts,
        for_=sorted(for_, key=lambda item: -item[1]),
        against=sorted(against, key=lambda item: item[1]),
    )


def kept_apart_automatically(a: Candidate, b: Candidate, value: float, high: float) -> bool:
    """Whether grouping must not join `a` and `b` through other records (a cannot-link no person set):
    two records of one source with different SIRETs whose own pair does not merge are two organisations
    (FACE Loire and CIBC Loire in one building must not meet through a third record at that address)."""
    siret_a, siret_b = clean_siret(a.siret), clean_siret(b.siret)
    return a.source == b.source and bool(siret_a and siret_b) and siret_a != siret_b and value < high
