"""The action form (prefilled from a source or typed) and the log's filters."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from maillage.accounts.models import Structure
from maillage.activity.domain.rules import counts_problems
from maillage.activity.enums import ActionKind
from maillage.activity.models import Action
from maillage.activity.selectors import ActionFilters
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.reporting.models import Mission
from maillage.territories.models import Commune

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Action
        fields = [
            "title", "kind", "missions", "date_start", "date_end", "sessions", "duration_hours", "place",
            "commune", "online", "organisers", "partners", "audience", "participants", "women", "men",
            "professionals", "age_range", "links", "narrative",
        ]  # fmt: skip
        widgets = {
            "date_start": DATE,
            "date_end": DATE,
            "links": forms.Textarea(attrs={"rows": 2}),
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "missions": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "age_range": "Par exemple « 20 à 23 ans » ou « 17 à 40 ans ».",
            "organisers": "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
            "partners": "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
        }

    def __init__(self, *args: Any, structures: list[Structure] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["missions"].queryset = Mission.objects.select_related("convention").order_by(  # type: ignore[attr-defined]
            "convention", "position"
        )
        self.fields["place"].queryset = Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name")  # type: ignore[attr-defined]
        self.fields["commune"].queryset = Commune.objects.filter(in_territory=True).order_by("name")  # type: ignore[attr-defined]
        all_structures = Structure.objects.order_by("name")
        self.fields["partners"].queryset = all_structures  # type: ignore[attr-defined]
        # A member logs actions of their own structures only; animators of any structure.
        self.fields["organisers"].queryset = (  # type: ignore[attr-defined]
            all_structures if structures is None else all_structures.filter(pk__in=[s.pk for s in structures])
        )
        if structures is not None:
            self.fields["organisers"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_start"), data.get("date_end")
        if start and end and end < start:
            self.add_error("date_end", "La date de fin précède la date de début.")
        for field, message in counts_problems(
            participants=data.get("participants") or 0,
            women=data.get("women"),
            men=data.get("men"),
            professionals=data.get("professionals"),
        ).items():
            self.add_error(field, message)
        return data


class ActionFilterForm(forms.Form):
    du = forms.DateField(label="Du", required=False, widget=DATE)
    au = forms.DateField(label="Au", required=False, widget=DATE)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), *ActionKind.choices])
    mission = forms.ModelChoiceField(label="Mission", required=False, queryset=Mission.objects.none())
    structure = forms.ModelChoiceField(label="Structure", required=False, queryset=Structure.objects.none())
    q = forms.CharField(label="Recherche", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = Mission.objects.order_by("convention", "position")  # type: ignore[attr-defined]
        self.fields["structure"].queryset = Structure.objects.order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> ActionFilters:
        if not self.is_valid():
            return ActionFilters()
        data = self.cleaned_data
        return ActionFilters(
            date_from=data["du"],
            date_to=data["au"],
            kind=data["type"],
            mission_id=data["mission"].pk if data["mission"] else None,
            structure_id=data["structure"].pk if data["structure"] else None,
            q=data["q"].strip(),
        )


def initial_from_prefill(prefill: dict[str, Any]) -> dict[str, Any]:
    """Form initial values from an `activity_prefill` answer (contract keys, plus optional extras)."""
    initial = {
        name: prefill[name]
        for name in ("title", "kind", "date_start", "date_end", "narrative", "online", "sessions",
                     "duration_hours", "participants")
        if prefill.get(name) not in (None, "")
    }  # fmt: skip
    for name in ("date_start", "date_end"):
        if isinstance(initial.get(name), datetime.datetime):
            initial[name] = initial[name].date()
    if prefill.get("place_id"):
        initial["place"] = prefill["place_id"]
    if prefill.get("commune_insee"):
        initial["commune"] = prefill["commune_insee"]
    if prefill.get("structure_ids"):
        initial["organisers"] = list(prefill["structure_ids"])
    return initial
