"""People and structures for the accounts tests: an animator, the editors of two structures, a
professional, a person with no role; one place in each structure and one with none."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from maillage.accounts.models import PROFESSIONALS_GROUP, Membership, Structure
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

PASSWORD = "mot-de-passe-solide"  # noqa: S105 (test accounts)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Log-in throttling lives in the cache: every test starts (and leaves) it empty."""
    cache.clear()
    yield
    cache.clear()


def make_user(username: str, email: str = "", **fields: Any) -> Any:
    return get_user_model().objects.create_user(username, email=email, password=PASSWORD, **fields)


def make_place(name: str, structure: Structure | None, status: str = PlaceStatus.PUBLISHED) -> Place:
    return Place.objects.create(
        name=name,
        status=status,
        structure=structure,
        pivot="00000000000000",
        commune_name="Saint-Étienne",
        postal_code="42000",
        address="1 rue de la Paix",
        updated_on=datetime.date(2025, 1, 1),
    )


@dataclass
class World:
    structure_a: Structure
    structure_b: Structure
    place_a: Place
    place_b: Place
    place_orphan: Place
    animator: Any
    editor_a: Any
    editor_b: Any
    professional: Any
    nobody: Any


@pytest.fixture
def world(db: None) -> World:
    structure_a = Structure.objects.create(name="Médiathèque de Roanne")
    structure_b = Structure.objects.create(name="Centre social de Firminy")
    editor_a = make_user("alice", "Alice@Roanne.example", first_name="Alice", last_name="Martin")
    editor_b = make_user("bruno", "bruno@firminy.example")
    Membership.objects.create(user=editor_a, structure=structure_a)
    Membership.objects.create(user=editor_b, structure=structure_b)
    professional = make_user("paula", "paula@partenaire.example")
    professional.groups.add(Group.objects.get_or_create(name=PROFESSIONALS_GROUP)[0])
    return World(
        structure_a=structure_a,
        structure_b=structure_b,
        place_a=make_place("Espace numérique de Roanne", structure_a),
        place_b=make_place("Point numérique de Firminy", structure_b),
        place_orphan=make_place("Lieu sans structure", None),
        animator=make_user("anim", "animation@reseau.example", is_staff=True),
        editor_a=editor_a,
        editor_b=editor_b,
        professional=professional,
        nobody=make_user("nadia", "nadia@ailleurs.example"),
    )


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
