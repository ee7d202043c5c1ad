"""« Mon compte », and the invitation link: choose a password (or log in) and join the structure."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from maillage.accounts.forms import EmailAuthenticationForm, NewPasswordForm
from maillage.accounts.models import Invitation
from maillage.accounts.permissions import is_animator, roles_of
from maillage.accounts.selectors import (
    invitation_from_token,
    structures_of_member_with_places,
    user_active_by_email,
)
from maillage.accounts.services import (
    AccountExistsError,
    WrongAccountError,
    invitation_accept_as,
    invitation_accept_new_account,
)
from maillage.accounts.tokens import InvitationLinkError

EMAIL_BACKEND = "maillage.accounts.backends.EmailBackend"


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "roles": roles_of(request.user),
        "is_animator": is_animator(request.user),
        "structures": structures_of_member_with_places(user=request.user),
    }
    return render(request, "accounts/account.html", context)


@never_cache
@sensitive_post_parameters("password", "password1", "password2")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token=token)
    except InvitationLinkError as error:
        return _invalid(request, error)
    user = request.user
    if user.is_authenticated:
        if (getattr(user, "email", "") or "").lower() != invitation.email.lower():
            return _other_account(request, invitation)
        return _join_signed_in(request, invitation)
    existing = user_active_by_email(email=invitation.email)
    if existing is not None and existing.has_usable_password():
        return _join_by_logging_in(request, invitation)
    return _join_with_new_password(request, invitation)


def _invalid(request: HttpRequest, error: InvitationLinkError) -> HttpResponse:
    context = {"problem": error.problem.value, "days": settings.MAILLAGE_INVITATION_DAYS}
    return render(request, "accounts/invitation_invalid.html", context, status=error.problem.http_status)


def _other_account(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    context = {"invitation": invitation}
    return render(request, "accounts/invitation_other_account.html", context, status=403)


def _page(request: HttpRequest, invitation: Invitation, mode: str, form: Any = None) -> HttpResponse:
    context = {"invitation": invitation, "structure": invitation.structure, "mode": mode, "form": form}
    return render(request, "accounts/invitation_accept.html", context)


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request, f"Bienvenue ! Vous pouvez désormais tenir à jour les lieux de « {invitation.structure} »."
    )
    return redirect("accounts:account")


def _join_signed_in(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if request.method != "POST":
        return _page(request, invitation, "join")
    try:
        invitation_accept_as(invitation=invitation, user=request.user)
    except InvitationLinkError as error:
        return _invalid(request, error)
    except WrongAccountError:  # pragma: no cover - checked above, kept against a change of address
        return render(
            request, "accounts/invitation_other_account.html", {"invitation": invitation}, status=403
        )
    return _welcome(request, invitation)


def _join_by_logging_in(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Someone who already has an account logs in with it, and joins in the same step."""
    if request.method != "POST":
        return _page(request, invitation, "login", EmailAuthenticationForm(request))
    data = {"username": invitation.email, "password": request.POST.get("password", "")}
    form = EmailAuthenticationForm(request, data=data)
    if not form.is_valid():
        response = _page(request, invitation, "login", form)
        if form.throttled:
            response.status_code = 429
        return response
    login(request, form.get_user())
    try:
        invitation_accept_as(invitation=invitation, user=request.user)
    except InvitationLinkError as error:
        return _invalid(request, error)
    return _welcome(request, invitation)


def _join_with_new_password(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    form = NewPasswordForm(request.POST or None, email=invitation.email)
    if request.method != "POST" or not form.is_valid():
        return _page(request, invitation, "password", form)
    try:
        user = invitation_accept_new_account(
            invitation=invitation,
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
    except InvitationLinkError as error:
        return _invalid(request, error)
    except AccountExistsError:  # the account appeared meanwhile: log in with it instead
        return _page(request, invitation, "login", EmailAuthenticationForm(request))
    login(request, user, backend=EMAIL_BACKEND)
    return _welcome(request, invitation)
