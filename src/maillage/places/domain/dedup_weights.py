"""Weights of the learned pair scorer, written by scripts/dedup/train.py: do not edit by hand.

Fitted on the 855 decided pairs of the train part of tests/data/dedup/labels.csv (222 SAME), L2 = 0.1.
"""

BIAS = -4.6179
WEIGHTS: dict[str, float] = {
    "rule": 2.6952,
    "same_numbered_address": 7.6677,
    "same_street_unnumbered": 5.2716,
    "other_house_number": 2.1892,
    "placeholder_address": 0.6005,
    "close": -1.2248,
    "near": -0.6367,
    "far": -1.6367,
    "same_siret": -0.8552,
    "same_siren_only": -0.3482,
    "other_siren": 1.0825,
    "name_contained": 1.3972,
    "acronym": 1.2857,
    "shared_contact": 1.4947,
    "shared_contact_close": 1.0731,
    "same_source_other_phone": -1.3598,
    "kind_conflict": 1.0253,
    "mobile_vs_fixed": -6.6006,
    "head_office_vs_site": -3.7169,
    "kind_conflict_unproven": -3.1732,
    "same_source": -2.4256,
    "same_siret_same_premises": 1.5889,
    "other_number_close": 2.2447,
    "programme_at_place": -0.0939,
    "same_source_other_siren": -0.6212,
    "public_bodies_same_premises": 1.2942,
    "head_office_unproven": -3.7169,
    "two_organisations_one_address": 0.0000,
    "one_list_two_phones_one_address": 3.9386,
    "same_siret_vague_address": 4.0546,
    "hosted_programme_close": 3.4956,
}
