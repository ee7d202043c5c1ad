"""A member structure's editors (and animators) edit what the directory says of it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from maillage.accounts.models import Structure
from maillage.accounts.permissions import editor_required, is_animator, structure_ids_of
from maillage.network.forms import StructureProfileForm
from maillage.network.models import StructureProfile
from maillage.network.services.directory import structure_profile_update

REFUSED = "Réservé aux membres de cette structure et à l'animation du réseau."


def may_edit_structure(user: object, structure: Structure) -> bool:
    return is_animator(user) or structure.pk in structure_ids_of(user)


def _initial(structure: Structure) -> dict[str, object]:
    profile = StructureProfile.objects.filter(structure=structure).first()
    if profile is None:
        return {"listed": True}
    return {
        "summary": profile.summary,
        "website": profile.website,
        "themes": profile.themes,
        "communes": [c.pk for c in profile.communes.all()],
        "epcis": [e.pk for e in profile.epcis.all()],
        "department_wide": profile.department_wide,
        "listed": profile.listed,
    }


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def structure_edit(request: HttpRequest, structure_id: int) -> HttpResponse:
    structure = get_object_or_404(Structure, pk=structure_id)
    if not may_edit_structure(request.user, structure):
        raise PermissionDenied(REFUSED)
    if request.method != "POST":
        form = StructureProfileForm(initial=_initial(structure))
        return render(request, "network/structure_edit.html", {"structure": structure, "form": form})
    form = StructureProfileForm(request.POST)
    if not form.is_valid():
        return render(
            request, "network/structure_edit.html", {"structure": structure, "form": form}, status=400
        )
    profile = structure_profile_update(structure=structure, data=form.cleaned_data)
    messages.success(request, "Fiche de la structure enregistrée.")
    if profile.listed:
        return redirect("network:structure-detail", structure_id=structure.pk)
    return redirect("network:structure-edit", structure_id=structure.pk)
