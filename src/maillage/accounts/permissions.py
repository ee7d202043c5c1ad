"""Who may do what: permission predicates, the one place views and APIs ask (no database writes)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_animator(user: Any) -> bool:
    """The network's animators run the census: staff members of this instance."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def animator_required(view: View) -> View:
    """Anonymous visitors are sent to log in; signed-in people who are not animators get a 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_animator(request.user):
            raise PermissionDenied("Réservé à l'animation du réseau.")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
