"""The query parameters of `GET /api/v1/lieux`, validated, and their translation into `SearchFilters`.

Each enumerated parameter accepts the standard's exact values, repeated for several (`?services=A&
services=B`: any of them). An invalid value gets a 422 whose `detail[].loc` names the parameter.
"""

from __future__ import annotations

import base64
import datetime
import enum
import json
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from ninja import Schema
from ninja.errors import ValidationError
from pydantic import Field

from maillage.core.geo import Point
from maillage.interop.mediation_numerique.schema import ENUMERATIONS, ETAPES_LABEL, TYPOLOGIES
from maillage.places.domain.search import SearchFilters
from maillage.publishing.selectors import CursorKey

PARIS = ZoneInfo("Europe/Paris")


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


def query_error(parameter: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["query", parameter], "msg": message, "type": "value_error"}])


def filters_from_query(query: LieuxQuery, *, now: datetime.datetime) -> SearchFilters:
    """The search a valid query asks for; ValidationError (422) naming the parameter otherwise."""
    if (query.lat is None) != (query.lon is None):
        missing = "lon" if query.lon is None else "lat"
        raise query_error(missing, "lat et lon vont ensemble : donnez les deux")
    if query.distance_km is not None and query.lat is None:
        raise query_error("distance_km", "distance_km demande un point : lat et lon")
    for code in query.code_insee:
        if not (len(code) == 5 and code[:2].isalnum() and code[2:].isdigit()):
            raise query_error("code_insee", f"code INSEE invalide : {code!r} (5 caractères, ex. 42218)")
    for siren in query.epci:
        if not (len(siren) == 9 and siren.isdigit()):
            raise query_error("epci", f"SIREN d'EPCI invalide : {siren!r} (9 chiffres)")
    if query.ouvert_a is not None and query.ouvert_maintenant:
        raise query_error("ouvert_maintenant", "choisissez ouvert_a ou ouvert_maintenant, pas les deux")
    open_at = query.ouvert_a
    if open_at is not None and open_at.tzinfo is None:
        open_at = open_at.replace(tzinfo=PARIS)
    if query.ouvert_maintenant:
        open_at = now

    def as_tuple(items: list[Any]) -> tuple[str, ...]:
        return tuple(str(item) for item in items)

    return SearchFilters(
        q=query.q or "",
        services=as_tuple(query.services),
        publics=as_tuple(query.publics),
        specific_support=as_tuple(query.prise_en_charge_specifique),
        fees=as_tuple(query.frais_a_charge),
        access_modes=as_tuple(query.modalites_acces),
        support_modes=as_tuple(query.modalites_accompagnement),
        national_programmes=as_tuple(query.dispositif_programmes_nationaux),
        training_labels=as_tuple(_labels([str(label) for label in query.formations_labels])),
        typologies=as_tuple(query.typologie),
        mobility=as_tuple(query.itinerance),
        insee_codes=tuple(query.code_insee),
        epcis=tuple(query.epci),
        point=Point(query.lat, query.lon) if query.lat is not None and query.lon is not None else None,
        distance_km=query.distance_km,
        open_at=open_at,
    )


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
