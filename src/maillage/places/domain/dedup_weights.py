"""Weights of the learned pair scorer, written by scripts/dedup/train.py: do not edit by hand.

Fitted on the 304 decided pairs of the train part of tests/data/dedup/labels.csv (108 SAME), L2 = 0.3.
"""

BIAS = -3.0617
WEIGHTS: dict[str, float] = {
    "rule": 1.9824,
    "same_numbered_address": 4.9305,
    "same_street_unnumbered": 4.2841,
    "other_house_number": 1.2895,
    "placeholder_address": -0.1957,
    "close": 1.6977,
    "near": 0.0809,
    "far": -0.6183,
    "same_siret": 0.3099,
    "same_siren_only": -0.4671,
    "other_siren": 0.5650,
    "name_contained": 0.1048,
    "acronym": 2.1604,
    "shared_contact": 0.2309,
    "shared_contact_close": 0.5963,
    "same_source_other_phone": -1.6527,
    "kind_conflict": 1.0380,
    "mobile_vs_fixed": -3.0343,
    "head_office_vs_site": -4.1350,
    "kind_conflict_unproven": -2.0831,
    "same_source": -1.6328,
}
