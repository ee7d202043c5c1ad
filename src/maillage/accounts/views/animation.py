"""The animators' screens for structures: the list, a new structure, an invitation to join one."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from maillage.accounts.forms import InvitationForm, StructureForm
from maillage.accounts.models import Structure
from maillage.accounts.permissions import animator_required
from maillage.accounts.selectors import structures_with_members
from maillage.accounts.services import invitation_send, structure_create

SEND_FAILED = (
    "Le courriel d'invitation n'a pas pu partir (serveur d'envoi injoignable ou refus). Aucune invitation "
    "n'a été enregistrée : réessayez dans quelques minutes, ou signalez-le à l'hébergeur."
)


@require_GET
@animator_required
def structure_list(request: HttpRequest) -> HttpResponse:
    context = {"structures": structures_with_members(), "invitation_days": settings.MAILLAGE_INVITATION_DAYS}
    return render(request, "accounts/structure_list.html", context)


@animator_required
def structure_create_view(request: HttpRequest) -> HttpResponse:
    form = StructureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        structure = structure_create(**form.cleaned_data)
        messages.success(request, f"Structure « {structure.name} » créée. Invitez maintenant ses membres.")
        return redirect("accounts:structure-invite", structure.pk)
    return render(request, "accounts/structure_form.html", {"form": form})


@animator_required
def structure_invite(request: HttpRequest, structure_id: int) -> HttpResponse:
    structure = get_object_or_404(Structure, pk=structure_id)
    form = InvitationForm(request.POST or None, structure=structure)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                structure=structure,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except (smtplib.SMTPException, OSError):
            form.add_error(None, SEND_FAILED)
        else:
            messages.success(
                request, f"Invitation envoyée à {invitation.email} pour rejoindre « {structure.name} »."
            )
            return redirect("accounts:structure-list")
    return render(request, "accounts/structure_invite.html", {"form": form, "structure": structure})
