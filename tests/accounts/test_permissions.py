"""Permission predicates for each role against places of structure A, of structure B, and of none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.accounts.enums import Role
from maillage.accounts.models import Membership
from maillage.accounts.permissions import (
    can_edit_place,
    is_animator,
    is_editor,
    is_professional,
    roles_of,
    structure_ids_forget,
    structures_of,
)
from tests.accounts.conftest import World

pytestmark = pytest.mark.django_db


def test_can_edit_place_for_each_role(world: World) -> None:
    places = (world.place_a, world.place_b, world.place_orphan)
    expected = {
        "animator": (True, True, True),
        "editor_a": (True, False, False),
        "editor_b": (False, True, False),
        "professional": (False, False, False),
        "nobody": (False, False, False),
    }
    for name, rights in expected.items():
        user = getattr(world, name)
        assert tuple(can_edit_place(user, place) for place in places) == rights, name
    assert [can_edit_place(AnonymousUser(), place) for place in places] == [False, False, False]


def test_role_predicates(world: World) -> None:
    anonymous = AnonymousUser()
    assert [is_animator(u) for u in (world.animator, world.editor_a, world.professional, anonymous)] == [
        True,
        False,
        False,
        False,
    ]
    assert [is_professional(u) for u in (world.animator, world.editor_a, world.professional, anonymous)] == [
        True,
        False,
        True,
        False,
    ]
    assert [is_editor(u) for u in (world.animator, world.editor_a, world.professional, anonymous)] == [
        True,
        True,
        False,
        False,
    ]
    assert roles_of(world.animator) == [Role.ANIMATOR, Role.PROFESSIONAL]
    assert roles_of(world.editor_a) == [Role.EDITOR]
    assert roles_of(world.professional) == [Role.PROFESSIONAL]
    assert roles_of(world.nobody) == []
    assert roles_of(anonymous) == []


def test_inactive_accounts_hold_no_role(world: World) -> None:
    for user in (world.animator, world.editor_a, world.professional):
        user.is_active = False
        assert not is_animator(user)
        assert not is_professional(user)
        assert not can_edit_place(user, world.place_a)
        assert roles_of(user) == []


def test_structures_of(world: World) -> None:
    assert list(structures_of(world.editor_a)) == [world.structure_a]
    Membership.objects.create(user=world.editor_a, structure=world.structure_b)
    assert list(structures_of(world.editor_a)) == [world.structure_b, world.structure_a]  # by name
    assert list(structures_of(world.animator)) == []  # animators edit everything without belonging
    assert list(structures_of(AnonymousUser())) == []


def test_memberships_are_read_once_per_user_object(world: World) -> None:
    user = world.editor_b
    with CaptureQueriesContext(connection) as queries:
        for _ in range(10):
            can_edit_place(user, world.place_a)
            can_edit_place(user, world.place_b)
    assert len(queries) == 1
    Membership.objects.create(user=user, structure=world.structure_a)
    assert not can_edit_place(user, world.place_a)  # still the memberships read before
    structure_ids_forget(user)
    assert can_edit_place(user, world.place_a)


def test_predicates_write_nothing(world: World) -> None:
    users = (world.animator, world.editor_a, world.professional, world.nobody, AnonymousUser())
    with CaptureQueriesContext(connection) as queries:
        for user in users:
            roles_of(user)
            can_edit_place(user, world.place_a)
            list(structures_of(user))
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
