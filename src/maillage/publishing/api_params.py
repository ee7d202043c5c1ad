"""The query parameters of `GET /api/v1/lieux`: documented and typed (`LieuxQuery`, the OpenAPI), then read
into `SearchFilters` by the search's one parser (`SearchFilters.from_params`, the map's and the print's too).

Each enumerated parameter accepts the standard's exact values, repeated for several (`?services=A&
services=B`: any of them). An invalid value gets a 422 whose `detail[].loc` names the parameter.
"""

from __future__ import annotations

import base64
import datetime
import enum
import json
import uuid

from django.http import QueryDict
from ninja import Schema
from ninja.errors import ValidationError
from pydantic import Field

from maillage.interop.mediation_numerique.schema import ENUMERATIONS, ETAPES_LABEL, TYPOLOGIES
from maillage.places.domain.search import SearchFilters
from maillage.publishing.facets import search_vocabulary
from maillage.publishing.selectors import CursorKey


def _enum(name: str, values: list[str]) -> type[enum.StrEnum]:
    return enum.StrEnum(name, {f"V{index}": value for index, value in enumerate(values)})  # type: ignore[return-value]


def _labels(values: tuple[str, ...] | list[str]) -> list[str]:
    return [
        ETAPES_LABEL if value.replace(" ", "") == ETAPES_LABEL.replace(" ", "") else value for value in values
    ]


Service = _enum("Service", list(ENUMERATIONS["services"]))
Public = _enum("Public", list(ENUMERATIONS["publics_specifiquement_adresses"]))
SpecificSupport = _enum("SpecificSupport", list(ENUMERATIONS["prise_en_charge_specifique"]))
Fee = _enum("Fee", list(ENUMERATIONS["frais_a_charge"]))
AccessMode = _enum("AccessMode", list(ENUMERATIONS["modalites_acces"]))
SupportMode = _enum("SupportMode", list(ENUMERATIONS["modalites_accompagnement"]))
Programme = _enum("Programme", list(ENUMERATIONS["dispositif_programmes_nationaux"]))
# Both spellings of « Étapes numériques (La Poste) » are accepted (the schema's regex lacks the space).
TrainingLabel = _enum(
    "TrainingLabel", [*_labels(ENUMERATIONS["formations_labels"]), "Étapes numériques(La Poste)"]
)
Typology = _enum("Typology", list(TYPOLOGIES))
Mobility = _enum("Mobility", list(ENUMERATIONS["itinerance"]))


class LieuxQuery(Schema):
    q: str | None = Field(
        None, max_length=200, description="Texte : mots du nom, de la commune, de l'adresse…"
    )
    services: list[Service] = Field(default_factory=list, description="Services (un au moins)")  # type: ignore[valid-type]
    publics: list[Public] = Field(default_factory=list, description="Publics spécifiquement adressés")  # type: ignore[valid-type]
    prise_en_charge_specifique: list[SpecificSupport] = Field(default_factory=list)  # type: ignore[valid-type]
    frais_a_charge: list[Fee] = Field(default_factory=list)  # type: ignore[valid-type]
    modalites_acces: list[AccessMode] = Field(default_factory=list)  # type: ignore[valid-type]
    modalites_accompagnement: list[SupportMode] = Field(default_factory=list)  # type: ignore[valid-type]
    dispositif_programmes_nationaux: list[Programme] = Field(default_factory=list)  # type: ignore[valid-type]
    formations_labels: list[TrainingLabel] = Field(default_factory=list)  # type: ignore[valid-type]
    typologie: list[Typology] = Field(default_factory=list)  # type: ignore[valid-type]
    itinerance: list[Mobility] = Field(default_factory=list)  # type: ignore[valid-type]
    code_insee: list[str] = Field(default_factory=list, description="Code INSEE de la commune (COG)")
    epci: list[str] = Field(default_factory=list, description="SIREN de l'EPCI")
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude du point de recherche (WGS84)")
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude du point de recherche (WGS84)")
    distance_km: float | None = Field(None, gt=0, le=1000, description="Rayon autour du point, en km")
    ouvert_a: datetime.datetime | None = Field(
        None, description="Ouvert à cette date et heure (ISO 8601 ; sans fuseau : heure de Paris)"
    )
    ouvert_maintenant: bool = Field(False, description="Ouvert maintenant")
    jour: str | None = Field(
        None,
        description="Ouvert ce jour de la semaine (lundi … dimanche), avec `heure` : le prochain qui "
        "n'est pas un jour férié",
    )
    heure: str | None = Field(None, max_length=20, description="Ouvert à cette heure (hh:mm), avec `jour`")
    bbox: str | None = Field(
        None,
        max_length=200,
        description="Dans cette zone : « sud,ouest,nord,est » en degrés décimaux (WGS84)",
    )


def query_error(parameter: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["query", parameter], "msg": message, "type": "value_error"}])


# The API searches the whole standard: any well-formed commune or EPCI code, a position anywhere.
API_VOCABULARY = search_vocabulary()


def filters_from_request(params: QueryDict, *, now: datetime.datetime) -> SearchFilters:
    """The search the query string asks for, read by the search's one parser (the map's too); a
    ValidationError (422) whose `detail[].loc` names each wrong parameter otherwise."""
    filters, errors = SearchFilters.from_params(dict(params.lists()), now=now, vocabulary=API_VOCABULARY)
    if errors:
        raise ValidationError(
            [
                {"loc": ["query", error.parameter], "msg": error.message, "type": "value_error"}
                for error in errors
            ]
        )
    return filters


def cursor_encode(key: CursorKey) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str) -> CursorKey:
    """The keyset a cursor holds; ValidationError (422) naming `cursor` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, place_hex = json.loads(raw)
        if not (isinstance(name, str) and isinstance(place_hex, str)):
            raise TypeError(cursor)
        return name, uuid.UUID(place_hex).hex
    except (ValueError, TypeError) as error:
        raise query_error("cursor", "curseur invalide : reprenez celui de `next_cursor`") from error
