"""Weights of the learned pair scorer, written by scripts/dedup/train.py: do not edit by hand.

Fitted on the 304 decided pairs of the train part of tests/data/dedup/labels.csv (108 SAME), L2 = 0.3.
"""

BIAS = -3.2128
WEIGHTS: dict[str, float] = {
    "rule": 1.4600,
    "same_numbered_address": 5.2161,
    "same_street_unnumbered": 4.1436,
    "other_house_number": 1.3337,
    "placeholder_address": -0.2040,
    "close": 0.8619,
    "near": 0.1682,
    "far": -0.7021,
    "same_siret": -0.8603,
    "same_siren_only": -0.3821,
    "other_siren": -0.0658,
    "name_contained": 0.8692,
    "acronym": 0.7037,
    "shared_contact": 0.2658,
    "shared_contact_close": 0.7050,
    "same_source_other_phone": -1.2245,
    "kind_conflict": 0.4003,
    "mobile_vs_fixed": -2.9089,
    "head_office_vs_site": -2.5390,
    "kind_conflict_unproven": -2.2310,
    "same_source": -1.6024,
    "same_siret_same_premises": 1.5919,
    "other_number_close": 1.7933,
    "programme_at_place": -0.0785,
    "same_source_other_siren": -0.3508,
    "public_bodies_same_premises": 2.0719,
    "head_office_unproven": -2.5390,
    "two_organisations_one_address": 0.0000,
}
