"""The card's edit form (editors, animators, the place's contact through its freshness link).

Every value is checked the way an import checks it: by the national standard's `Lieu` model (formats,
enumerations, phone in the +33 form, http(s) URLs), plus the opening hours (`validate_hours`) and the
INSEE code (a commune we know). `changes()` gives only the fields whose value differs from the card.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from pydantic import ValidationError

from maillage.interop.mediation_numerique.mapping import (
    PLACE_TO_STANDARD,
    STANDARD_TO_PLACE,
    lieu_to_place_fields,
    place_fields_to_lieu,
)
from maillage.interop.mediation_numerique.schema import ENUMERATIONS, TYPOLOGIES
from maillage.places.domain.hours import EXAMPLE, describe_hours, validate_hours
from maillage.places.labels import FIELD_LABELS
from maillage.places.models import Place
from maillage.territories.models import Commune

# The fields an editor sets, grouped as the page shows them (`source_label` and `updated_on` are ours
# to set: the source is Maillage, the update date is the day of the change).
FIELD_GROUPS: list[tuple[str, list[str]]] = [
    ("Le lieu", ["name", "pivot", "parent_structure", "typologies"]),
    (
        "Adresse",
        [
            "address", "address_complement", "postal_code", "commune_name", "insee_code", "latitude",
            "longitude",
        ],
    ),
    ("Contact", ["phone", "emails", "websites", "booking_url", "acceslibre_url"]),
    ("Horaires", ["opening_hours"]),
    ("Présentation", ["summary", "description"]),
    (
        "Ce que propose le lieu",
        [
            "services", "publics", "specific_support", "fees", "access_modes", "support_modes",
            "national_programmes", "training_labels", "other_labels", "mobility",
        ],
    ),
]  # fmt: skip
EDITABLE_FIELDS = [name for _, names in FIELD_GROUPS for name in names]
LINE_LIST_FIELDS = {"emails", "websites"}  # typed one per line
COORDINATE_FIELDS = {"latitude", "longitude"}
LIST_SEPARATORS = re.compile(r"[\s,;]+")

HELP = {
    "pivot": "14 chiffres pour un SIRET, ou W suivi de 9 caractères pour un RNA. Inconnu : 00000000000000.",
    "postal_code": "5 chiffres.",
    "insee_code": "Code officiel géographique de la commune, par exemple 42218 pour Saint-Étienne.",
    "latitude": "En degrés décimaux, par exemple 45.4397. À renseigner avec la longitude.",
    "longitude": "En degrés décimaux, par exemple 4.3872. À renseigner avec la latitude.",
    "phone": "Un seul numéro, par exemple 04 77 00 00 00.",
    "emails": "Une adresse par ligne. La première reçoit les demandes de vérification de la fiche.",
    "websites": "Une adresse par ligne, commençant par https:// ou http://.",
    "booking_url": "Commençant par https:// ou http://.",
    "acceslibre_url": "Adresse de la fiche du lieu sur acceslibre.beta.gouv.fr.",
    "opening_hours": (
        "Au format OpenStreetMap : jours en abrégé anglais (Mo, Tu, We, Th, Fr, Sa, Su), heures sur "
        f"24 h. Exemple : {EXAMPLE}"
    ),
    "summary": "280 caractères au plus.",
}
AUTOCOMPLETE = {
    "name": "organization",
    "address": "street-address",
    "postal_code": "postal-code",
    "commune_name": "address-level2",
    "phone": "tel",
}


def _choices(name: str) -> list[tuple[str, str]]:
    if name == "typologies":
        return sorted(((code, f"{label} ({code})") for code, label in TYPOLOGIES.items()), key=lambda c: c[1])
    return [(value, value) for value in ENUMERATIONS[PLACE_TO_STANDARD[name]]]


def _form_field(name: str) -> forms.Field:
    label, help_text = FIELD_LABELS[name], HELP.get(name, "")
    model_field = Place._meta.get_field(name)
    required = name in {"name", "pivot", "address", "postal_code", "commune_name"}
    if name == "typologies" or PLACE_TO_STANDARD[name] in ENUMERATIONS:
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            required=False,
            choices=_choices(name),
            widget=forms.CheckboxSelectMultiple,
        )
    attrs: dict[str, Any] = {}
    if name in AUTOCOMPLETE:
        attrs["autocomplete"] = AUTOCOMPLETE[name]
    if name in LINE_LIST_FIELDS or name in {"description", "summary", "opening_hours"}:
        rows = {"description": 8, "summary": 3}.get(name, 2)
        if name == "opening_hours":  # a live preview in plain French, where JavaScript runs (HTMX)
            attrs.update(
                {
                    "spellcheck": "false",
                    "hx-get": reverse_lazy("contributions:hours-preview"),
                    "hx-trigger": "input changed delay:400ms",
                    "hx-target": "#edit-hours-preview",
                    "hx-sync": "this:replace",
                }
            )
        return forms.CharField(
            label=label,
            help_text=help_text,
            required=required,
            widget=forms.Textarea(attrs={**attrs, "rows": rows}),
        )
    if name in COORDINATE_FIELDS or name in {"postal_code", "insee_code", "pivot"}:
        attrs["inputmode"] = "decimal" if name in COORDINATE_FIELDS else "numeric"
        if name == "pivot":
            attrs["inputmode"] = "text"
    widget: forms.Widget = forms.TextInput(attrs=attrs)
    if name == "phone":
        widget = forms.TextInput(attrs={**attrs, "type": "tel"})
    elif name in {"booking_url", "acceslibre_url"}:
        widget = forms.URLInput(attrs=attrs)
    max_length = getattr(model_field, "max_length", None)
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=max_length, widget=widget
    )


def _initial(place: Place, name: str) -> Any:
    value = getattr(place, name)
    if name in LINE_LIST_FIELDS:
        return "\n".join(value)
    if name in COORDINATE_FIELDS:
        return "" if value is None else repr(value)  # every digit: an untouched field stays unchanged
    return value


class PlaceEditForm(forms.Form):
    """The standard's fields of one place, and a comment for its history."""

    comment = forms.CharField(
        label="Commentaire pour l'historique (facultatif)",
        help_text="Par exemple : nouveaux horaires depuis septembre.",
        required=False,
        max_length=500,
    )

    def __init__(self, *args: Any, place: Place, today: datetime.date | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: _initial(place, name) for name in EDITABLE_FIELDS})
        super().__init__(*args, **kwargs)
        self.place = place
        self.today = today or timezone.localdate()
        self.values: dict[str, Any] = {}
        comment = self.fields.pop("comment")
        for name in EDITABLE_FIELDS:
            self.fields[name] = _form_field(name)
        self.fields["comment"] = comment

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in FIELD_GROUPS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values: dict[str, Any] = {
            name: getattr(self.place, name) for name in PLACE_TO_STANDARD if name != "id"
        }
        for name in EDITABLE_FIELDS:
            if name not in cleaned:
                continue
            value = cleaned[name]
            if name in LINE_LIST_FIELDS:
                value = [item for item in LIST_SEPARATORS.split(value or "") if item]
            elif name in COORDINATE_FIELDS:
                value = value or None
            values[name] = value
        values.update(id=str(self.place.pk), updated_on=self.today)
        self._check_standard(values)
        self._check_hours(values.get("opening_hours") or "")
        self._check_commune(values.get("insee_code") or "")
        return cleaned

    def _check_standard(self, values: dict[str, Any]) -> None:
        try:
            lieu = place_fields_to_lieu(values)
        except ValidationError as error:
            for problem in error.errors():
                location = problem["loc"][0] if problem["loc"] else (problem.get("ctx") or {}).get("field")
                name = STANDARD_TO_PLACE.get(str(location), str(location))
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problem["msg"])
                elif name not in self.fields:
                    self.add_error(None, problem["msg"])
            return
        canonical = lieu_to_place_fields(lieu)
        self.values = {name: canonical[name] for name in EDITABLE_FIELDS}  # type: ignore[literal-required]

    def _check_hours(self, expr: str) -> None:
        message = validate_hours(expr)
        if message and "opening_hours" not in self.errors:
            self.add_error("opening_hours", message)

    def _check_commune(self, code: str) -> None:
        if code and "insee_code" not in self.errors and not Commune.objects.filter(pk=code).exists():
            self.add_error("insee_code", f"Aucune commune connue n'a le code INSEE « {code} ».")

    def changes(self) -> dict[str, Any]:
        """The fields whose checked value differs from the card (call after `is_valid()`); ticking the
        same boxes in another order changes nothing."""
        changed = {}
        for name, value in self.values.items():
            current = getattr(self.place, name)
            if isinstance(value, list) and isinstance(current, list) and sorted(value) == sorted(current):
                continue
            if value != current:
                changed[name] = value
        return changed

    def hours_preview(self) -> tuple[list[str], str]:
        """The hours in plain French (the typed ones once the form is sent), or why there is no preview."""
        expr = self.data.get("opening_hours", "") if self.is_bound else self.place.opening_hours
        if validate_hours(expr):
            return (
                [],
                "Aperçu indisponible : les horaires saisis ne sont pas lisibles (voir le message ci-dessus).",
            )
        return describe_hours(expr), ""
