"""Read API of the directory: `/api/v1/reseau/acteurs` and `/api/v1/reseau/structures` (listed only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from maillage.accounts.models import Structure
from maillage.core.api_errors import ValidationErrorOut
from maillage.network.enums import ContactMode
from maillage.network.models import Actor
from maillage.network.schemas import ActorsPage, StructuresPage
from maillage.network.selectors import DirectoryFilters, actors_listed, structures_listed
from maillage.territories.schemas import Pagination

router = Router(tags=["réseau"])


class DirectoryQuery(Schema):
    role: str = Field("", max_length=20, description="Code du rôle (conseiller, mediateur, animateur…)")
    thematique: str = Field("", max_length=200, description="Un service du Standard des lieux")
    commune: str = Field("", max_length=5, description="Code INSEE")
    epci: str = Field("", max_length=9, description="SIREN de l'EPCI")
    q: str = Field("", max_length=100, description="Texte dans le nom")

    def filters(self) -> DirectoryFilters:
        return DirectoryFilters(
            role=self.role,
            theme=self.thematique,
            insee_code=self.commune,
            epci=self.epci,
            text=self.q.strip(),
        )


def _actor(actor: Actor) -> dict[str, Any]:
    public = actor.contact_mode == ContactMode.PUBLIC
    return {
        "id": actor.pk,
        "nom": actor.name,
        "role": actor.role,
        "role_libelle": actor.get_role_display(),
        "structure": actor.structure_label,
        "structure_id": actor.structure_id,
        "thematiques": actor.skills,
        "communes": [c.pk for c in actor.communes.all()],
        "epci": [e.pk for e in actor.epcis.all()],
        "tout_le_departement": actor.department_wide,
        "langues": actor.languages,
        "courriel": actor.email if public else None,
        "telephone": (actor.phone or None) if public else None,
        "exemple_fictif": actor.fictitious,
    }


def _structure(structure: Structure) -> dict[str, Any]:
    profile = structure.network_profile  # type: ignore[attr-defined]
    return {
        "id": structure.pk,
        "nom": structure.name,
        "presentation": profile.summary,
        "thematiques": profile.themes,
        "site_web": profile.website,
    }


def _page(found: QuerySet[Any], page: Pagination, shape: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    items = [shape(item) for item in found[page.offset : page.offset + page.limit]]
    return {"count": found.count(), "limit": page.limit, "offset": page.offset, "items": items}


@router.get(
    "/acteurs",
    response={200: ActorsPage, 422: ValidationErrorOut},
    url_name="network-actors",
    summary="Personnes de l'annuaire du réseau",
)
def actors(request: HttpRequest, page: Query[Pagination], query: Query[DirectoryQuery]) -> dict[str, Any]:
    """Les personnes qui ont confirmé leur inscription et ne l'ont ni masquée ni supprimée."""
    return _page(actors_listed(query.filters()), page, _actor)


@router.get(
    "/structures",
    response={200: StructuresPage, 422: ValidationErrorOut},
    url_name="network-structures",
    summary="Structures de l'annuaire du réseau",
)
def structures(request: HttpRequest, page: Query[Pagination], query: Query[DirectoryQuery]) -> dict[str, Any]:
    """Les structures membres présentes dans l'annuaire (thématique et territoire : aussi par leurs lieux)."""
    return _page(structures_listed(query.filters()), page, _structure)
