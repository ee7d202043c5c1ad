"""The analysis and planner parameters, read from the query string (every page is a GET)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from maillage.core.forms import form_errors
from maillage.territory.domain.ranking import WEIGHT_MAX, Weights
from maillage.territory.planning import MAX_STOPS
from maillage.territory.selectors import DEFAULT_THRESHOLD_KM, FAMILIES

WEIGHT_CHOICES = [(value, str(value)) for value in range(WEIGHT_MAX + 1)]


def _epci_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="EPCI", required=False, choices=[("", "Tout le territoire")])


class _Parameters(forms.Form):
    """What both forms share: the EPCI choices, defaults for missing parameters, French errors."""

    def __init__(self, data: Any = None, *, epcis: Sequence[tuple[str, str]] = ()) -> None:
        if data is not None:  # a missing parameter shows its default value in the form
            data = data.copy()
            for name, field in self.base_fields.items():
                if name not in data and field.initial is not None:
                    data[name] = field.initial
        super().__init__(data)
        self.fields["epci"].choices = [("", "Tout le territoire"), *epcis]  # type: ignore[attr-defined]

    def value(self, name: str) -> Any:
        """The cleaned value, or the field's initial value when the parameter is missing or invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        found = data.get(name)
        return self.fields[name].initial if found in (None, "") else found

    def family(self) -> str:
        return str(self.value("service") or "")

    def epci_code(self) -> str:
        return str(self.value("epci") or "")

    def error_list(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return form_errors(self)


class AnalysisForm(_Parameters):
    service = forms.ChoiceField(label="Service", choices=FAMILIES, required=False)
    poids_fragilite = forms.TypedChoiceField(
        label="Poids de la fragilité (a)", choices=WEIGHT_CHOICES, coerce=int, initial=1, required=False
    )
    poids_population = forms.TypedChoiceField(
        label="Poids de la population (b)", choices=WEIGHT_CHOICES, coerce=int, initial=1, required=False
    )
    poids_distance = forms.TypedChoiceField(
        label="Poids de la distance (c)", choices=WEIGHT_CHOICES, coerce=int, initial=1, required=False
    )
    seuil = forms.FloatField(
        label="Distance seuil (km, route estimée)",
        min_value=1,
        max_value=60,
        initial=DEFAULT_THRESHOLD_KM,
        required=False,
    )
    epci = _epci_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = [data.get(name) for name in ("poids_fragilite", "poids_population", "poids_distance")]
        if all(value == 0 for value in weights):
            raise forms.ValidationError("Au moins un poids doit être supérieur à 0.")
        return data

    def weights(self) -> Weights:
        return Weights(
            int(self.value("poids_fragilite")),
            int(self.value("poids_population")),
            int(self.value("poids_distance")),
        )

    def threshold(self) -> float:
        return float(self.value("seuil"))


class PlanForm(_Parameters):
    arrets = forms.IntegerField(
        label="Arrêts par semaine", min_value=1, max_value=MAX_STOPS, initial=5, required=False
    )
    distance = forms.FloatField(
        label="Distance maximale d'un arrêt (km, route estimée)",
        min_value=1,
        max_value=60,
        initial=10.0,
        required=False,
    )
    service = forms.ChoiceField(label="Service", choices=FAMILIES, required=False)
    epci = _epci_field()

    def stops(self) -> int:
        return int(self.value("arrets"))

    def max_km(self) -> float:
        return float(self.value("distance"))
