"""Read API of territory reference data: `/api/v1/communes` and `/api/v1/epci` (served territory)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from maillage.core.api_errors import ValidationErrorOut
from maillage.territories.schemas import CommunesPage, EpcisPage, Pagination
from maillage.territories.selectors import communes_in_territory, epcis_in_territory

router = Router(tags=["territoires"])


def _page(queryset: QuerySet[Any], page: Pagination) -> dict[str, Any]:
    return {
        "count": queryset.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(queryset[page.offset : page.offset + page.limit]),
    }


@router.get(
    "/communes",
    response={200: CommunesPage, 422: ValidationErrorOut},
    url_name="communes-list",
    summary="Communes du territoire",
)
def communes_list(request: HttpRequest, page: Query[Pagination]) -> dict[str, Any]:
    """Les communes du territoire servi, par code INSEE."""
    return _page(communes_in_territory().order_by("insee_code"), page)


@router.get(
    "/epci",
    response={200: EpcisPage, 422: ValidationErrorOut},
    url_name="epci-list",
    summary="EPCI du territoire",
)
def epci_list(request: HttpRequest, page: Query[Pagination]) -> dict[str, Any]:
    """Les EPCI qui ont au moins une commune dans le territoire servi, par SIREN."""
    return _page(epcis_in_territory().order_by("siren"), page)
