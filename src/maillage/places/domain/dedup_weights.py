"""Weights of the learned pair scorer, written by scripts/dedup/train.py: do not edit by hand.

Fitted on the 304 decided pairs of the train part of tests/data/dedup/labels.csv (108 SAME), L2 = 0.3.
"""

BIAS = -2.9960
WEIGHTS: dict[str, float] = {
    "rule": 2.4445,
    "same_numbered_address": 4.7587,
    "same_street_unnumbered": 4.1851,
    "other_house_number": 1.1957,
    "placeholder_address": -0.1935,
    "close": 1.7087,
    "near": 0.0857,
    "far": -0.6039,
    "same_siret": 0.4465,
    "same_siren_only": -0.4740,
    "other_siren": 0.5827,
    "name_contained": -0.2190,
    "acronym": 2.0692,
    "shared_contact": 0.2333,
    "shared_contact_close": 0.5795,
    "same_source_other_phone": -1.6227,
    "kind_conflict": 1.0405,
    "mobile_vs_fixed": -3.1100,
    "head_office_vs_site": -4.2975,
    "kind_conflict_unproven": -2.0697,
    "same_source": -1.7113,
}
