"""Read API of the census (django-ninja Router mounted at /api/v1/lieux)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from maillage.core.http import conditional_response
from maillage.places.api_params import LieuxQuery, filters_from_query
from maillage.places.domain.search import SearchFilters
from maillage.places.map_data import points_etag, points_geojson
from maillage.places.models import Place
from maillage.places.schemas import LieuOut, place_to_lieu
from maillage.places.search import places_search
from maillage.places.selectors import place_get_public

router = Router(tags=["lieux"])
maps_router = Router(tags=["lieux"])  # mounted at /api/v1: /api/v1/lieux.geojson


class LieuResultOut(LieuOut):
    distance_km: float | None = Field(None, description="Distance à vol d'oiseau au point demandé, en km")


class LieuxPage(Schema):
    count: int = Field(description="Nombre total de lieux trouvés")
    limit: int
    offset: int
    items: list[LieuResultOut]


class Pagination(Schema):
    limit: int = Field(20, ge=1, le=100, description="Nombre de lieux par page (100 au plus)")
    offset: int = Field(0, ge=0, description="Rang du premier lieu renvoyé")


@router.get("", response=LieuxPage, url_name="lieux-list", summary="Rechercher des lieux publiés")
def lieux_list(request: HttpRequest, query: Query[LieuxQuery], page: Query[Pagination]) -> dict[str, Any]:
    """Lieux publiés qui répondent à tous les filtres donnés (plusieurs valeurs d'un même filtre : l'une
    d'elles suffit). Avec un point (`lat`, `lon`), les plus proches d'abord et leur distance à vol d'oiseau ;
    sinon par nom."""
    filters = filters_from_query(query, now=timezone.now())
    result = places_search(filters)
    window = result.hits[page.offset : page.offset + page.limit]
    items = [{**place_to_lieu(hit.place).model_dump(), "distance_km": _km(hit.distance_km)} for hit in window]
    return {"count": result.total, "limit": page.limit, "offset": page.offset, "items": items}


def _km(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


@maps_router.get(
    "/lieux.geojson",
    url_name="lieux-geojson",
    summary="Tous les lieux publiés, en GeoJSON compact (pour une carte)",
    response={200: dict[str, Any]},
)
def lieux_geojson(request: HttpRequest) -> HttpResponseBase:
    """Un point par lieu publié positionné : identifiant du lieu en `id`, propriétés courtes `n` (nom) et
    `c` (commune), coordonnées arrondies à 5 décimales (≈ 1 m). ETag : renvoie 304 si rien n'a changé."""
    everything = SearchFilters()
    etag = points_etag(everything, [], timezone.now())
    return conditional_response(request, etag=etag, max_age=300, body=lambda: points_geojson(everything))


@router.get("/{place_id}", response=LieuOut, url_name="lieux-detail", summary="Un lieu publié")
def lieux_detail(request: HttpRequest, place_id: uuid.UUID) -> Place:
    return place_get_public(place_id=place_id)
