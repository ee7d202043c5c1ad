"""The search's enumerated parameters: their French labels, their values in the standard's order.

Read by the search form, the map's facet counts and the printed booklet's summary (no Django here).
"""

from __future__ import annotations

import functools

from maillage.interop.mediation_numerique.mapping import PLACE_TO_STANDARD
from maillage.interop.mediation_numerique.schema import ENUM_INPUT_ALIASES, ENUMERATIONS, TYPOLOGIES
from maillage.places.domain.search_params import LIST_PARAMETERS, PARAMETER_FIELDS, SearchVocabulary, shown

__all__ = [
    "FACET_LABELS",
    "LIST_PARAMETERS",
    "PARAMETER_FIELDS",
    "facet_choices",
    "search_vocabulary",
    "shown",
]
FACET_LABELS: dict[str, str] = {
    "services": "Services",
    "publics": "Publics spécifiquement adressés",
    "prise_en_charge_specifique": "Prise en charge spécifique",
    "frais_a_charge": "Frais à charge",
    "modalites_acces": "Modalités d'accès",
    "modalites_accompagnement": "Modalités d'accompagnement",
    "dispositif_programmes_nationaux": "Dispositifs et programmes nationaux",
    "formations_labels": "Formations et labels",
    "typologie": "Typologie",
    "itinerance": "Itinérance",
}


def search_vocabulary(
    territory: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None = None, *, france_only: bool = False
) -> SearchVocabulary:
    """What `parse_search` checks a search against: the standard's values of every enumerated field and,
    when given, the territory's (communes, EPCI) — else any well-formed code; the fields' French labels."""
    known: dict[str, frozenset[str]] = {
        parameter: frozenset(value for value, _ in _facet_choices(parameter)) for parameter in FACET_LABELS
    }
    if territory is not None:
        communes, epcis = territory
        known["code_insee"] = frozenset(code for code, _ in communes)
        known["epci"] = frozenset(siren for siren, _ in epcis)
    aliases = {
        alias: value for spellings in ENUM_INPUT_ALIASES.values() for alias, value in spellings.items()
    }
    return SearchVocabulary(known=known, labels=FACET_LABELS, aliases=aliases, france_only=france_only)


def facet_choices(parameter: str) -> list[tuple[str, str]]:
    """(value, French label) of an enumerated field, in the standard's order."""
    return list(_facet_choices(parameter))


@functools.cache
def _facet_choices(parameter: str) -> tuple[tuple[str, str], ...]:
    if parameter == "typologie":
        return tuple((code, f"{label} ({code})") for code, label in TYPOLOGIES.items())
    standard_name = PLACE_TO_STANDARD[PARAMETER_FIELDS[parameter]]
    return tuple((value, value) for value in ENUMERATIONS[standard_name])
