"""The convention's and a mission's edit forms (animators)."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.reporting.enums import Topic
from maillage.reporting.models import Convention, Mission


class ConventionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Convention
        fields = ["title", "funder", "holder", "start_year", "end_year", "members_may_log"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "La dernière année précède la première.")
        return data


class MissionForm(forms.ModelForm):  # type: ignore[type-arg]
    topics = forms.MultipleChoiceField(
        label="Chiffres des modules rattachés à la mission",
        choices=[choice for choice in Topic.choices if choice[0] != Topic.ACTIVITY],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Mission
        fields = ["position", "axis", "title", "objective", "indicators", "topics"]
        widgets = {
            "objective": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.Textarea(attrs={"rows": 3}),
        }
