"""The animators' screen for partner tokens: list, create (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.partners.forms import PartnerTokenForm
from maillage.partners.models import PartnerToken
from maillage.partners.selectors import tokens_with_activity
from maillage.partners.services import partner_token_create, partner_token_revoke


@require_safe
@animator_required
def token_list(request: HttpRequest) -> HttpResponse:
    context = {"tokens": tokens_with_activity(), "form": PartnerTokenForm()}
    return render(request, "partners/token_list.html", context)


@require_POST
@animator_required
def token_create(request: HttpRequest) -> HttpResponse:
    form = PartnerTokenForm(request.POST)
    if not form.is_valid():
        context = {"tokens": tokens_with_activity(), "form": form}
        return render(request, "partners/token_list.html", context, status=400)
    new = partner_token_create(
        name=form.cleaned_data["name"],
        contact_email=form.cleaned_data["contact_email"],
        scopes=form.cleaned_data["scopes"],
        pushes_per_hour=form.cleaned_data["pushes_per_hour"],
        created_by=request.user,  # type: ignore[arg-type]
    )
    response = render(request, "partners/token_created.html", {"token": new.token, "secret": new.secret})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@animator_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = partner_token_revoke(token=get_object_or_404(PartnerToken, pk=token_id))
    messages.success(request, f"Jeton de « {token.name} » révoqué : il est refusé dès maintenant.")
    return redirect("partners:token-list")
