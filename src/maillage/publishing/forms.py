"""The search form of the map, its list, the print and the embed: its fields render the search; its values
are read by the search's one parser (`SearchFilters.from_params` / `parse_search`, the API's too).

Parameter names are the API's (see `places.domain.search_params`). A wrong value never breaks a page:
the form reports it in French, naming the field, and the search runs with the values that are right.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator

from maillage.core.french import DAYS, MONTHS
from maillage.core.geo import Point
from maillage.core.text import normalize
from maillage.places.domain.search import SearchFilters
from maillage.places.domain.search_params import PARIS, Q_MAX_LENGTH, ParsedSearch, parse_search
from maillage.places.spelling import ShownCorrection, search_corrected
from maillage.publishing.facets import FACET_LABELS, LIST_PARAMETERS, facet_choices, search_vocabulary
from maillage.territories.models import Commune, Epci


def _sorted_by_name(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(rows, key=lambda row: (normalize(row[1]), row[0]))


TERRITORY_CHOICES_KEY = "places:territory-choices"
# The territory changes rarely, and mostly from another process (`territories_load`, run from the
# command line, writes by bulk upserts that send no signal): its choices show here within this delay.
TERRITORY_CHOICES_SECONDS = 60


def territory_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(INSEE code, name) of the territory's communes and (SIREN, name) of their EPCI, by name.

    Cached (every search form asks for them; reading and sorting them was a third of a map request),
    forgotten when a commune or an EPCI is saved in this process. Inside a transaction they are read
    from the database, as `census_version` does: the transaction may have changed them."""
    if transaction.get_connection().in_atomic_block:
        return _territory_choices_read()
    cached: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None = cache.get(TERRITORY_CHOICES_KEY)
    if cached is None:
        cached = _territory_choices_read()
        cache.set(TERRITORY_CHOICES_KEY, cached, TERRITORY_CHOICES_SECONDS)
    communes, epcis = cached
    return list(communes), list(epcis)


def _territory_choices_read() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    communes = list(Commune.objects.filter(in_territory=True).values_list("insee_code", "name"))
    epcis = list(Epci.objects.filter(communes__in_territory=True).distinct().values_list("siren", "name"))
    return _sorted_by_name(communes), _sorted_by_name(epcis)


@receiver([post_save, post_delete], sender=Commune, dispatch_uid="places-territory-choices-commune")
@receiver([post_save, post_delete], sender=Epci, dispatch_uid="places-territory-choices-epci")
def _territory_written(**kwargs: object) -> None:
    cache.delete(TERRITORY_CHOICES_KEY)
    transaction.on_commit(lambda: cache.delete(TERRITORY_CHOICES_KEY))


class NormalChoices(BaseChoiceIterator):
    """Choices already in Django's normal form ((value, label) pairs of strings): a widget keeps them as
    they are, where a list is normalised again on every assignment and copy (27 times per search form,
    300 communes each: most of a cached map request's time)."""

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        self.choices = tuple(choices)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


class ValueListField(forms.Field):
    """Several values of one parameter (`services=A&services=B`); unknown ones are reported apart."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.choices = choices
        self.widget.choices = NormalChoices(choices)  # type: ignore[attr-defined]

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        unique: list[str] = []
        for item in values:
            text = str(item).strip()
            if text and text not in unique:
                unique.append(text)
        return unique


class SingleSelectList(forms.Select):
    """A single <select> whose value is read as a list (the API may repeat the parameter)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getlist = getattr(data, "getlist", None)
        return getlist(name) if getlist is not None else data.get(name)


class RawField(forms.Field):
    """A field that renders its value and checks nothing: the search's parser reads and checks it."""

    def to_python(self, value: Any) -> str:
        return "" if value in self.empty_values else str(value)


class PlaceSearchForm(forms.Form):
    q = RawField(
        label="Rechercher un lieu",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "maxlength": Q_MAX_LENGTH}),
    )
    ouvert_maintenant = forms.BooleanField(label="Ouvert maintenant", required=False)
    jour = RawField(
        label="Jour",
        required=False,
        widget=forms.Select(choices=[("", "—"), *((day, day.capitalize()) for day in DAYS)]),
    )
    heure = RawField(label="Heure", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    bbox = RawField(label="Zone de la carte", required=False, widget=forms.HiddenInput)
    # A position to measure distances from (the list is then nearest first); it narrows nothing.
    lat = RawField(label="Latitude", required=False, widget=forms.HiddenInput)
    lon = RawField(label="Longitude", required=False, widget=forms.HiddenInput)

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        self.corrections: list[ShownCorrection] = []
        for parameter, label in FACET_LABELS.items():
            self.fields[parameter] = ValueListField(label=label, choices=facet_choices(parameter))
        territory = territory_choices()
        communes, epcis = territory
        self.fields["code_insee"] = ValueListField(label="Commune", choices=communes, widget=SingleSelectList)
        self.fields["epci"] = ValueListField(label="Intercommunalité", choices=epcis, widget=SingleSelectList)
        self.fields["code_insee"].widget.choices = NormalChoices([("", "Toutes les communes"), *communes])  # type: ignore[attr-defined]
        self.fields["epci"].widget.choices = NormalChoices([("", "Toutes les intercommunalités"), *epcis])  # type: ignore[attr-defined]
        self.vocabulary = search_vocabulary(territory, france_only=True)
        self.parsed = ParsedSearch({}, ())

    def clean(self) -> dict[str, Any]:
        """Every value read and checked by the search's parser; each wrong one is an error of its field."""
        data = self.data
        params = (
            dict(data.lists()) if isinstance(data, QueryDict) else {k: _as_list(v) for k, v in data.items()}
        )
        self.parsed = parse_search(params, self.vocabulary)
        for error in self.parsed.errors:
            self.add_error(error.parameter if error.parameter in self.fields else None, error.message)
        return {"q": "", **{name: [] for name in LIST_PARAMETERS}, **self.parsed.values}

    def _cleaned(self) -> dict[str, Any]:
        _ = self.errors  # cleans the data once
        return self.cleaned_data

    def position(self) -> Point | None:
        self._cleaned()
        return self.parsed.position

    def open_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The moment places must be open: the next `jour` at `heure` (not a public holiday), or now."""
        self._cleaned()
        return self.parsed.open_at(now)

    def search_filters(self, *, now: datetime.datetime) -> SearchFilters:
        """What the right parameters ask for (`now` is aware)."""
        self._cleaned()
        # A word found nowhere in the census is searched as its nearest spelling (said on the page).
        filters, self.corrections = search_corrected(self.parsed.filters(now))
        return filters

    def error_list(self) -> list[tuple[str, str]]:
        """(parameter, French message naming the field) of every wrong value, in the order of the fields."""
        self._cleaned()
        return [(error.parameter, error.message) for error in self.parsed.errors]

    def parameters(self, *, with_bbox: bool = True) -> list[tuple[str, str]]:
        """The right parameters, canonical, for a URL (the points of the map, "all places" link)."""
        self._cleaned()
        return self.parsed.parameters(with_bbox=with_bbox)

    def _choice_labels(self, parameter: str) -> dict[str, str]:
        field = self.fields[parameter]
        return {str(value): str(label) for value, label in getattr(field, "choices", [])}

    def selection_lines(self) -> list[str]:
        """The filters of the map, said in French (one line per criterion)."""
        pairs = self.parameters()
        lines = []
        values = dict(pairs)
        if values.get("q"):
            lines.append(f"Recherche : « {values['q']} »")
        for parameter in LIST_PARAMETERS:
            chosen = [value for name, value in pairs if name == parameter]
            if chosen:
                labels = self._choice_labels(parameter)
                lines.append(
                    f"{self.fields[parameter].label} : " + ", ".join(labels.get(v, v) for v in chosen)
                )
        if values.get("jour") and values.get("heure"):
            lines.append(f"Ouverts le {values['jour']} à {values['heure'].replace(':', 'h')}")
        elif values.get("ouvert_a"):
            lines.append(f"Ouverts le {_moment_text(self.parsed.values['ouvert_a'])}")
        elif values.get("ouvert_maintenant"):
            lines.append("Ouverts au moment de l'impression")
        if values.get("distance_km"):
            lines.append(f"À {_km_text(values['distance_km'])} km au plus de la position indiquée")
        if values.get("bbox"):
            lines.append("Dans la zone affichée sur la carte")
        return lines or ["Tous les lieux publiés du territoire"]


def _km_text(text: str) -> str:
    return text.replace(".", ",")


def _moment_text(moment: datetime.datetime) -> str:
    local = moment.astimezone(PARIS)
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {MONTHS[local.month - 1]} {local.year} à {local.hour} h {local.minute:02d}"


def _as_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


@dataclass(frozen=True)
class Criterion:
    """One thing a search asked for, said in French, and the query string of the same search without it."""

    parameter: str
    text: str  # « Services : Aide aux démarches administratives », « « mediateque » »
    without: str  # the query string (no "?") of the search without this criterion

    @property
    def is_filter(self) -> bool:
        return self.parameter != "q"


def search_criteria(form: PlaceSearchForm) -> list[Criterion]:
    """What the search asked for, one criterion per value (the words, each filter value, the time, the
    zone of the map), each with the link that removes it."""
    pairs = form.parameters()
    found: list[Criterion] = []

    def without(*names: str, value: str | None = None) -> str:
        kept = [(n, v) for n, v in pairs if not (n in names and (value is None or v == value))]
        return urlencode(kept)

    for name, value in pairs:
        if name == "q":
            found.append(Criterion("q", f"«\u00a0{value}\u00a0»", without("q")))
        elif name in LIST_PARAMETERS:
            labels = {str(v): str(text) for v, text in getattr(form.fields[name], "choices", [])}
            text = f"{form.fields[name].label} : {labels.get(value, value)}"
            found.append(Criterion(name, text, without(name, value=value)))
        elif name == "ouvert_maintenant":
            found.append(Criterion(name, "Ouvert maintenant", without(name)))
        elif name == "jour":
            hour = dict(pairs).get("heure", "").replace(":", " h ")
            found.append(Criterion(name, f"Ouvert le {value} à {hour}", without("jour", "heure")))
        elif name == "ouvert_a":
            moment = form.parsed.values["ouvert_a"]
            found.append(Criterion(name, f"Ouvert le {_moment_text(moment)}", without(name)))
        elif name == "distance_km":
            found.append(Criterion(name, f"À {_km_text(value)} km au plus", without(name)))
        elif name == "bbox":
            found.append(Criterion(name, "Dans la zone affichée de la carte", without("bbox")))
    return found
