"""Read API of the census (django-ninja Router mounted at /api/v1/lieux)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate

from maillage.places.models import Place
from maillage.places.schemas import LieuOut
from maillage.places.selectors import place_get_public, places_published

router = Router(tags=["lieux"])


@router.get("", response=list[LieuOut], url_name="lieux-list", summary="Lieux publiés")
@paginate(LimitOffsetPagination)
def lieux_list(request: HttpRequest) -> QuerySet[Place]:
    return places_published().order_by("name", "id")


@router.get("/{place_id}", response=LieuOut, url_name="lieux-detail", summary="Un lieu publié")
def lieux_detail(request: HttpRequest, place_id: uuid.UUID) -> Place:
    return place_get_public(place_id=place_id)
