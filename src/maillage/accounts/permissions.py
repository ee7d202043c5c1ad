"""Who may do what: permission predicates, the one place views and APIs ask (no database writes).

Roles (see models.py): **animators** are active staff members and may do everything; a **structure
editor** is a member of one or more structures and edits their places; a **professional** belongs to
the group "professionnels" (animators count as professionals too); everyone else is a visitor.

Every predicate takes any user object (anonymous included) and never raises for a visitor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from maillage.accounts.enums import Role
from maillage.accounts.models import PROFESSIONALS_GROUP, Membership, Structure

View = TypeVar("View", bound=Callable[..., HttpResponse])

# Memberships are read once per user object (hence once per request) and kept on it under this name.
_STRUCTURE_IDS_CACHE = "_maillage_structure_ids"


class HasStructure(Protocol):
    """Anything with a nullable `structure` link, as `places.Place` has."""

    structure_id: int | None


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_animator(user: Any) -> bool:
    """The network's animators run the census: staff members of this instance."""
    return bool(_signed_in(user) and user.is_staff)


def is_professional(user: Any) -> bool:
    """Partners who see non-public contact details: the group "professionnels", and animators."""
    if not _signed_in(user):
        return False
    return is_animator(user) or user.groups.filter(name=PROFESSIONALS_GROUP).exists()


def structure_ids_of(user: Any) -> frozenset[int]:
    """The ids of the structures `user` is a member of (empty for visitors); read once per user object."""
    if not _signed_in(user):
        return frozenset()
    cached = getattr(user, _STRUCTURE_IDS_CACHE, None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("structure_id", flat=True))
        setattr(user, _STRUCTURE_IDS_CACHE, cached)
    return cached


def structures_of(user: Any) -> QuerySet[Structure]:
    """The structures `user` is a member of, by name (none for visitors, animators included)."""
    if not _signed_in(user):
        return Structure.objects.none()
    return Structure.objects.filter(memberships__user=user).order_by("name", "pk")


def is_editor(user: Any) -> bool:
    """Someone who edits places: an animator, or a member of at least one structure."""
    return is_animator(user) or bool(structure_ids_of(user))


def can_edit_place(user: Any, place: HasStructure) -> bool:
    """Animators edit every place; a structure's members edit the places of that structure."""
    if is_animator(user):
        return True
    return place.structure_id is not None and place.structure_id in structure_ids_of(user)


def roles_of(user: Any) -> list[Role]:
    """The roles `user` holds, most powerful first (empty for visitors and accounts without a role)."""
    roles = []
    if is_animator(user):
        roles.append(Role.ANIMATOR)
    if structure_ids_of(user):
        roles.append(Role.EDITOR)
    if is_professional(user):
        roles.append(Role.PROFESSIONAL)
    return roles


def _guard(predicate: Callable[[Any], bool], refusal: str) -> Callable[[View], View]:
    """Anonymous visitors are sent to log in; signed-in people the predicate refuses get a 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


ANIMATORS_ONLY = "Réservé à l'animation du réseau."
EDITORS_ONLY = "Réservé aux structures qui tiennent des fiches de lieux et à l'animation du réseau."


def animator_required(view: View) -> View:
    """Only animators; anonymous visitors are sent to log in, other signed-in people get a 403."""
    return _guard(is_animator, ANIMATORS_ONLY)(view)


def editor_required(view: View) -> View:
    """Animators and structure members; anonymous visitors log in first, other people get a 403.

    Whether the person may edit *this* place is `can_edit_place`, asked by the view itself.
    """
    return _guard(is_editor, EDITORS_ONLY)(view)


def structure_ids_forget(user: Any) -> None:
    """Drop the memberships read on this user object (after they changed, in the same request)."""
    with contextlib.suppress(AttributeError):
        delattr(user, _STRUCTURE_IDS_CACHE)
