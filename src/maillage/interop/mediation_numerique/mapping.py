"""Pure functions between a `Lieu` (the standard's names) and our domain's place fields (a plain dict).

Domain conventions: empty text is "" (never None), empty lists are [], coordinates are None when
unknown, `updated_on` is a `datetime.date`, `id` is our UUID as text. The Django `Place` model is checked
against `PLACE_FIELD_NAMES` and `LIST_FIELDS`.
"""

import datetime
import uuid
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypedDict, cast

from maillage.interop.mediation_numerique.schema import FIELD_ORDER, MULTI_VALUED_FIELDS, Lieu


class PlaceFields(TypedDict):
    id: str
    pivot: str
    name: str
    commune_name: str
    postal_code: str
    insee_code: str
    address: str
    address_complement: str
    latitude: float | None
    longitude: float | None
    typologies: list[str]
    phone: str
    emails: list[str]
    websites: list[str]
    opening_hours: str
    summary: str
    description: str
    source_label: str
    mobility: list[str]
    parent_structure: str
    updated_on: datetime.date
    services: list[str]
    publics: list[str]
    specific_support: list[str]
    fees: list[str]
    national_programmes: list[str]
    training_labels: list[str]
    other_labels: str
    access_modes: list[str]
    support_modes: list[str]
    acceslibre_url: str
    booking_url: str


STANDARD_TO_PLACE: Final = MappingProxyType(
    {
        "id": "id",
        "pivot": "pivot",
        "nom": "name",
        "commune": "commune_name",
        "code_postal": "postal_code",
        "code_insee": "insee_code",
        "adresse": "address",
        "complement_adresse": "address_complement",
        "latitude": "latitude",
        "longitude": "longitude",
        "typologie": "typologies",
        "telephone": "phone",
        "courriels": "emails",
        "site_web": "websites",
        "horaires": "opening_hours",
        "presentation_resume": "summary",
        "presentation_detail": "description",
        "source": "source_label",
        "itinerance": "mobility",
        "structure_parente": "parent_structure",
        "date_maj": "updated_on",
        "services": "services",
        "publics_specifiquement_adresses": "publics",
        "prise_en_charge_specifique": "specific_support",
        "frais_a_charge": "fees",
        "dispositif_programmes_nationaux": "national_programmes",
        "formations_labels": "training_labels",
        "autres_formations_labels": "other_labels",
        "modalites_acces": "access_modes",
        "modalites_accompagnement": "support_modes",
        "fiche_acces_libre": "acceslibre_url",
        "prise_rdv": "booking_url",
    }
)
"""Standard field name → domain field name, in schema order."""
PLACE_TO_STANDARD: Final = MappingProxyType(
    {place: standard for standard, place in STANDARD_TO_PLACE.items()}
)
"""Domain field name → standard field name."""
STANDARD_NAMES: Final = PLACE_TO_STANDARD
"""Alias of `PLACE_TO_STANDARD`: the standard's name of each domain field (for error reports)."""

PLACE_FIELD_NAMES: Final[tuple[str, ...]] = tuple(STANDARD_TO_PLACE[name] for name in FIELD_ORDER)
LIST_FIELDS: Final = frozenset(STANDARD_TO_PLACE[name] for name in MULTI_VALUED_FIELDS)
"""Domain fields holding a list of strings."""
COORDINATE_FIELDS: Final = frozenset({"latitude", "longitude"})
TEXT_FIELDS: Final = frozenset(PLACE_FIELD_NAMES) - LIST_FIELDS - COORDINATE_FIELDS - {"updated_on"}
"""Domain fields holding text, "" when empty."""


def lieu_to_place_fields(lieu: Lieu) -> PlaceFields:
    """The place's fields under our domain's names ("" and [] for empty values)."""
    fields: dict[str, object] = {}
    for standard, place in STANDARD_TO_PLACE.items():
        value = getattr(lieu, standard)
        if place in LIST_FIELDS:
            value = list(value)
        elif place in TEXT_FIELDS and value is None:
            value = ""
        fields[place] = value
    return cast(PlaceFields, fields)


def place_fields_to_lieu(fields: Mapping[str, object]) -> Lieu:
    """Build (and validate) a `Lieu` from domain fields; missing keys count as empty.

    Raises `ValueError` for a key that is not a domain field name, and pydantic's `ValidationError`
    (whose locations are standard field names, see `PLACE_TO_STANDARD`) for invalid values.
    """
    unknown = sorted(set(fields) - set(PLACE_TO_STANDARD))
    if unknown:
        raise ValueError("champs inconnus : " + ", ".join(unknown))
    values: dict[str, object] = {}
    for place, value in fields.items():
        if isinstance(value, uuid.UUID):
            value = str(value)
        values[PLACE_TO_STANDARD[place]] = None if value == "" else value
    return Lieu.model_validate(values)
