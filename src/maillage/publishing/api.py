"""Read API of the census (django-ninja Router mounted at /api/v1/lieux)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from maillage.core.api_errors import NOT_MODIFIED, MessageOut, ValidationErrorOut
from maillage.core.http import conditional_response, not_modified
from maillage.places.domain.search import SearchFilters
from maillage.places.models import Place
from maillage.places.selectors import census_version, place_get_public
from maillage.places.spelling import search_corrected
from maillage.publishing.api_params import (
    LieuxQuery,
    cursor_decode,
    cursor_encode,
    filters_from_request,
    query_error,
)
from maillage.publishing.schemas import LieuOut, place_to_lieu
from maillage.publishing.selectors import PagingError, lieux_window, points_etag, points_geojson

router = Router(tags=["lieux"])
maps_router = Router(tags=["lieux"])  # mounted at /api/v1: /api/v1/lieux.geojson


class LieuResultOut(LieuOut):
    distance_km: float | None = Field(None, description="Distance à vol d'oiseau au point demandé, en km")


class CorrectionOut(Schema):
    saisi: str = Field(
        description="Mot de `q` qu'aucun lieu ne contient (normalisé : sans accents, en minuscules)"
    )
    recherche: str = Field(
        description="Orthographe la plus proche trouvée dans le recensement, cherchée à sa place"
    )


class LieuxPage(Schema):
    count: int = Field(description="Nombre total de lieux trouvés")
    limit: int
    offset: int
    next_cursor: str | None = Field(
        None, description="Curseur de la page suivante (sans point de recherche) ; absent à la dernière page"
    )
    next: str | None = Field(None, description="Adresse de la page suivante, par curseur")
    corrections: list[CorrectionOut] = Field(
        default_factory=list,
        description="Mots de `q` corrigés : un mot qu'aucun lieu ne contient est cherché sous "
        "l'orthographe la plus proche du recensement (une faute de 4 à 7 lettres, deux au-delà)",
    )
    items: list[LieuResultOut]


MAX_OFFSET = 1_000_000  # far beyond any census; keeps the value inside every database's integer


class Pagination(Schema):
    limit: int = Field(20, ge=1, le=100, description="Nombre de lieux par page (100 au plus)")
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description="Rang du premier lieu renvoyé (1 000 000 au plus)"
    )
    cursor: str | None = Field(
        None,
        max_length=2000,
        description="Pagination stable par (nom, identifiant) : la valeur `next_cursor` de la page "
        "précédente (vide pour la première page). Un lieu présent du début à la fin du parcours est lu "
        "une fois et une seule, même si d'autres lieux sont ajoutés ou retirés entre deux pages. "
        "Sans `lat`/`lon` ni `offset`.",
    )


# Operation ids keep the names they had when the census was one app (`places`): clients keep theirs.
@router.get(
    "",
    response={200: LieuxPage, **NOT_MODIFIED, 422: ValidationErrorOut},
    url_name="lieux-list",
    operation_id="maillage_places_api_lieux_list",
    summary="Rechercher des lieux publiés",
)
def lieux_list(
    request: HttpRequest, response: HttpResponse, query: Query[LieuxQuery], page: Query[Pagination]
) -> Any:
    """Lieux publiés qui répondent à tous les filtres donnés (plusieurs valeurs d'un même filtre : l'une
    d'elles suffit). Avec un point (`lat`, `lon`), les plus proches d'abord et leur distance à vol d'oiseau ;
    sinon par nom, puis identifiant. `ETag` et `Last-Modified` : 304 si le recensement n'a pas changé."""
    now = timezone.now()
    filters, corrections = search_corrected(filters_from_request(request.GET, now=now))
    version = census_version()
    moment = now.strftime("%Y%m%d%H%M") if query.ouvert_maintenant else ""
    etag = hashlib.sha256(f"{version.tag}|{request.get_full_path()}|{moment}".encode()).hexdigest()[:32]
    cached, headers = not_modified(request, etag=etag, last_modified=None if moment else version.updated_at)
    if cached is not None:
        return cached
    for name, value in headers.items():
        response.headers[name] = value
    after = cursor_decode(page.cursor) if page.cursor else None
    try:
        found = lieux_window(
            filters, cursor=page.cursor is not None, after=after, offset=page.offset, limit=page.limit
        )
    except PagingError as error:
        raise query_error(error.parameter, error.message) from error
    next_cursor = cursor_encode(found.next_key) if found.next_key is not None else None
    window = found.hits
    answer: dict[str, Any] = {
        "count": found.total,
        "limit": page.limit,
        "offset": found.start,
        "next_cursor": next_cursor,
        "next": _next_url(request, next_cursor) if next_cursor else None,
        "corrections": [{"saisi": item.typed, "recherche": item.shown} for item in corrections],
    }
    if not FAST_JSON:
        items = [
            {**place_to_lieu(hit.place).model_dump(), "distance_km": _km(hit.distance_km)} for hit in window
        ]
        return {**answer, "items": items}
    answer["items"] = [{**_fragment(hit.place), "distance_km": _km(hit.distance_km)} for hit in window]
    body = orjson.dumps(answer, default=_json_default)
    rendered = HttpResponse(body, content_type="application/json; charset=utf-8")
    for name, value in response.headers.items():
        if name.lower() != "content-type":
            rendered.headers[name] = value
    return rendered


# The page is written with orjson from each place's item as `LieuxPage` validates and dumps it (kept on
# the place: the search index's places live until the census changes); the same JSON as django-ninja's
# rendering of the dict (tests/places/test_api_fast_json.py), without validating it again on each request.
FAST_JSON = True
_FRAGMENT = "_lieu_result_fragment"


def _fragment(place: Place) -> dict[str, Any]:
    found: dict[str, Any] | None = place.__dict__.get(_FRAGMENT)
    if found is None:
        found = LieuResultOut.model_validate(
            {**place_to_lieu(place).model_dump(), "distance_km": None}
        ).model_dump()
        del found["distance_km"]
        place.__dict__[_FRAGMENT] = found
    return found


_django_json = DjangoJSONEncoder()


def _json_default(value: object) -> object:
    return _django_json.default(value)


def _next_url(request: HttpRequest, cursor: str) -> str:
    params = request.GET.copy()
    params.pop("offset", None)
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _km(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


GEOJSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array"}},
}


@maps_router.get(
    "/lieux.geojson",
    url_name="lieux-geojson",
    operation_id="maillage_places_api_lieux_geojson",
    summary="Tous les lieux publiés, en GeoJSON compact (pour une carte)",
    response={200: None, **NOT_MODIFIED},
    openapi_extra={"responses": {200: {"content": {"application/geo+json": {"schema": GEOJSON_SCHEMA}}}}},
)
def lieux_geojson(request: HttpRequest) -> HttpResponseBase:
    """Un point par lieu publié positionné : identifiant du lieu en `id`, propriétés courtes `n` (nom) et
    `c` (commune), coordonnées arrondies à 5 décimales (≈ 1 m). ETag : renvoie 304 si rien n'a changé."""
    everything = SearchFilters()
    etag = points_etag(everything, [], timezone.now())
    return conditional_response(request, etag=etag, max_age=300, body=lambda: points_geojson(everything))


@router.get(
    "/{place_id}",
    response={200: LieuOut, **NOT_MODIFIED, 404: MessageOut, 422: ValidationErrorOut},
    url_name="lieux-detail",
    operation_id="maillage_places_api_lieux_detail",
    summary="Un lieu publié",
)
def lieux_detail(request: HttpRequest, response: HttpResponse, place_id: uuid.UUID) -> Any:
    """`ETag` et `Last-Modified` : 304 si le recensement n'a pas changé."""
    version = census_version()
    etag = hashlib.sha256(f"{version.tag}|{place_id}".encode()).hexdigest()[:32]
    cached, headers = not_modified(request, etag=etag, last_modified=version.updated_at)
    if cached is not None:
        return cached
    place = place_get_public(place_id=place_id)
    for name, value in headers.items():
        response.headers[name] = value
    return place
