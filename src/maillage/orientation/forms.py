"""The query of the orientation flow, read from the URL one step at a time.

Every error message starts with the name of the field it is about ("Commune : …"), so that the error
summary at the top of a step makes sense read on its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import QueryDict

from maillage.orientation.domain import (
    ALL_SLOTS,
    PUBLICS,
    SPECIFIC_SUPPORTS,
    Appointment,
    Constraints,
    Need,
    Slot,
    SupportMode,
    need_get,
    needs_catalogue,
    slug_choices,
)

ORIGIN_KEYS = ("insee", "lat", "lon")
CONSTRAINT_KEYS = ("publics", "accessibilite", "gratuit", "rdv", "accompagnement", "creneaux")
MAX_SHEET_PLACES = 3
PUBLIC_CHOICES = slug_choices(PUBLICS)
SUPPORT_CHOICES = slug_choices(SPECIFIC_SUPPORTS)
APPOINTMENT_LABELS = {
    Appointment.ANY: "Indifférent",
    Appointment.WALK_IN: "Sans rendez-vous : la personne se présente",
    Appointment.BOOKED: "Sur rendez-vous",
}
SUPPORT_MODE_LABELS = {
    SupportMode.ANY: "Indifférent",
    SupportMode.ON_SITE: "Sur place",
    SupportMode.REMOTE: "À distance (téléphone, visio)",
}


def carried(query: QueryDict, keys: Iterable[str]) -> list[tuple[str, str]]:
    """The parameters of `query` named in `keys`, to carry through a step as hidden fields."""
    return [(key, value) for key in keys for value in query.getlist(key) if value]


def _messages(label: str) -> dict[str, str]:
    return {
        "required": f"{label} : ce champ est obligatoire.",
        "invalid": f"{label} : valeur non valide.",
        "invalid_choice": f"{label} : « %(value)s » ne fait pas partie des choix proposés.",
        "invalid_list": f"{label} : valeur non valide.",
        "max_length": f"{label} : %(limit_value)d caractères au plus.",
        "min_value": f"{label} : valeur trop petite.",
        "max_value": f"{label} : valeur trop grande.",
    }


class NeedForm(forms.Form):
    besoin = forms.ChoiceField(
        choices=[(need.slug, need.label) for need in needs_catalogue()],
        error_messages={
            **_messages("Besoin"),
            "required": "Besoin : choisissez d'abord le besoin de la personne.",
            "invalid_choice": "Besoin : « %(value)s » ne fait pas partie du catalogue, choisissez un besoin.",
        },
    )

    def need(self) -> Need:
        need = need_get(self.cleaned_data["besoin"])
        if need is None:  # pragma: no cover - the choices are the catalogue's slugs
            raise forms.ValidationError("Besoin inconnu")
        return need


class WhereForm(forms.Form):
    commune = forms.CharField(required=False, max_length=100, error_messages=_messages("Commune"))
    insee = forms.RegexField(
        regex=r"^[0-9][0-9AB][0-9]{3}$", required=False, error_messages=_messages("Commune (code INSEE)")
    )
    lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, error_messages=_messages("Position (latitude)")
    )
    lon = forms.FloatField(
        required=False, min_value=-180, max_value=180, error_messages=_messages("Position (longitude)")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("lat") is None) != (data.get("lon") is None) and not self.errors:
            raise forms.ValidationError("Position : latitude et longitude vont ensemble.")
        return data

    def position(self) -> tuple[float, float] | None:
        lat, lon = self.cleaned_data.get("lat"), self.cleaned_data.get("lon")
        return None if lat is None or lon is None else (lat, lon)


class ConstraintsForm(forms.Form):
    publics = forms.MultipleChoiceField(
        choices=list(PUBLIC_CHOICES.items()), required=False, error_messages=_messages("Public")
    )
    accessibilite = forms.MultipleChoiceField(
        choices=list(SUPPORT_CHOICES.items()),
        required=False,
        error_messages=_messages("Prise en charge spécifique"),
    )
    gratuit = forms.BooleanField(required=False, error_messages=_messages("Gratuité"))
    rdv = forms.ChoiceField(
        choices=[(key.value, label) for key, label in APPOINTMENT_LABELS.items()],
        required=False,
        error_messages=_messages("Rendez-vous"),
    )
    accompagnement = forms.ChoiceField(
        choices=[(key.value, label) for key, label in SUPPORT_MODE_LABELS.items()],
        required=False,
        error_messages=_messages("Accompagnement"),
    )
    creneaux = forms.MultipleChoiceField(
        choices=[(slot.code, slot.label) for slot in ALL_SLOTS],
        required=False,
        error_messages=_messages("Disponibilités"),
    )

    def constraints(self) -> Constraints:
        data = self.cleaned_data
        slots = (Slot.parse(code) for code in data["creneaux"])
        return Constraints(
            publics=tuple(PUBLIC_CHOICES[slug] for slug in data["publics"]),
            specific_support=tuple(SUPPORT_CHOICES[slug] for slug in data["accessibilite"]),
            free_only=data["gratuit"],
            appointment=Appointment(data["rdv"]),
            support=SupportMode(data["accompagnement"]),
            slots=tuple(sorted({slot for slot in slots if slot is not None})),
        )


class SheetForm(forms.Form):
    """The places chosen for the printed sheet and the first names printed on it (never stored)."""

    lieux = forms.CharField(required=False, error_messages=_messages("Lieux"))
    orienteur = forms.CharField(
        required=False, max_length=40, strip=True, error_messages=_messages("Orienteur")
    )
    beneficiaire = forms.CharField(
        required=False, max_length=40, strip=True, error_messages=_messages("Personne orientée")
    )

    def __init__(self, *, query: QueryDict, body: QueryDict) -> None:
        # The places may come in the URL (`lieux=a,b`) or the body (the results page's checkboxes);
        # first names only in the body: a URL ends up in access logs, histories and shared links.
        bound = {
            "lieux": ",".join([*query.getlist("lieux"), *body.getlist("lieux")]),
            "orienteur": body.get("orienteur", ""),
            "beneficiaire": body.get("beneficiaire", ""),
        }
        super().__init__(bound)

    def clean_lieux(self) -> list[uuid.UUID]:
        ids: list[uuid.UUID] = []
        for text in self.cleaned_data["lieux"].split(","):
            if not text.strip():
                continue
            try:
                place_id = uuid.UUID(text.strip())
            except ValueError:
                raise forms.ValidationError("Lieux : identifiant de lieu non valide.") from None
            if place_id not in ids:
                ids.append(place_id)
        if not ids:
            raise forms.ValidationError("Lieux : cochez au moins un lieu à mettre sur la fiche.")
        if len(ids) > MAX_SHEET_PLACES:
            raise forms.ValidationError(
                f"Lieux : une fiche tient sur une page, {MAX_SHEET_PLACES} lieux au plus."
            )
        return ids
