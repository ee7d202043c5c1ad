"""Forms of the census screens."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.census.presenters import PairComparison
from maillage.places.enums import Decision


class PairDecisionForm(forms.Form):
    """Merge or keep apart; when merging, which record's value to show for each field that differs."""

    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, comparison: PairComparison, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.comparison = comparison
        for compared in comparison.fields:
            if compared.choosable:
                self.fields[f"choice_{compared.name}"] = forms.ChoiceField(
                    label=compared.label,
                    choices=[
                        ("", "Automatique"),
                        (comparison.key_a, "Fiche A"),
                        (comparison.key_b, "Fiche B"),
                    ],
                    required=False,
                    widget=forms.RadioSelect,
                )

    def choices(self) -> dict[str, str]:
        return {
            name.removeprefix("choice_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("choice_") and value
        }
