"""The search's enumerated parameters: their French labels, their values in the standard's order.

Read by the search form, the map's facet counts and the printed booklet's summary (no Django here).
"""

from __future__ import annotations

import functools

from maillage.interop.mediation_numerique.mapping import PLACE_TO_STANDARD
from maillage.interop.mediation_numerique.schema import ENUMERATIONS, TYPOLOGIES
from maillage.places.domain.search import FACET_PARAMETERS

PARAMETER_FIELDS = {parameter: name for name, parameter in FACET_PARAMETERS.items()}
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
LIST_PARAMETERS = (*FACET_PARAMETERS.values(), "code_insee", "epci")


def shown(value: str, limit: int = 80) -> str:
    """A value quoted back in a message: printable characters only, cut short."""
    return "".join(char if char.isprintable() else "�" for char in value[:limit])


def facet_choices(parameter: str) -> list[tuple[str, str]]:
    """(value, French label) of an enumerated field, in the standard's order."""
    return list(_facet_choices(parameter))


@functools.cache
def _facet_choices(parameter: str) -> tuple[tuple[str, str], ...]:
    if parameter == "typologie":
        return tuple((code, f"{label} ({code})") for code, label in TYPOLOGIES.items())
    standard_name = PLACE_TO_STANDARD[PARAMETER_FIELDS[parameter]]
    return tuple((value, value) for value in ENUMERATIONS[standard_name])
