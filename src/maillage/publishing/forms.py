"""The search of places from GET parameters (the map, its list, `/api/v1/lieux`) → `SearchFilters`.

Parameter names are the API's: `q`; the standard's names of the enumerated fields (the values of
`FACET_PARAMETERS`), each repeated for several values (any of them matches); `code_insee`; `epci`;
`ouvert_maintenant`; `jour` + `heure` ("ouvert le jeudi à 14:30"); `bbox` = "south,west,north,east".
A wrong value never breaks a search: the form reports it in French, naming the field, and the search
runs with the values that are right.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import holidays
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import QueryDict
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator

from maillage.core.forms import labelled_errors
from maillage.core.french import DAYS
from maillage.core.geo import BBox, Point, in_france
from maillage.core.text import normalize
from maillage.places.domain.search import SearchFilters
from maillage.places.spelling import ShownCorrection, search_corrected
from maillage.publishing.facets import FACET_LABELS, LIST_PARAMETERS, PARAMETER_FIELDS, facet_choices, shown
from maillage.territories.models import Commune, Epci

HOUR = re.compile(r"^(\d{1,2})(?:\s*(?:[:h])\s*(\d{2})?)?$", re.IGNORECASE)
Q_MAX_LENGTH = 200


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


class PlaceSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher un lieu",
        required=False,
        max_length=Q_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": "Rechercher un lieu : %(limit_value)d caractères au plus."},
    )
    ouvert_maintenant = forms.BooleanField(label="Ouvert maintenant", required=False)
    jour = forms.ChoiceField(
        label="Jour",
        required=False,
        choices=[("", "—"), *((day, day.capitalize()) for day in DAYS)],
        error_messages={"invalid_choice": "Jour : « %(value)s » n'est pas un jour de la semaine."},
    )
    heure = forms.CharField(label="Heure", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    bbox = forms.CharField(label="Zone de la carte", required=False, widget=forms.HiddenInput)
    # A position to measure distances from (the list is then nearest first); it narrows nothing.
    lat = forms.FloatField(label="Latitude", required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(label="Longitude", required=False, widget=forms.HiddenInput)

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        self.corrections: list[ShownCorrection] = []
        for parameter, label in FACET_LABELS.items():
            self.fields[parameter] = ValueListField(label=label, choices=facet_choices(parameter))
        communes, epcis = territory_choices()
        self.fields["code_insee"] = ValueListField(label="Commune", choices=communes, widget=SingleSelectList)
        self.fields["epci"] = ValueListField(label="Intercommunalité", choices=epcis, widget=SingleSelectList)
        self.fields["code_insee"].widget.choices = NormalChoices([("", "Toutes les communes"), *communes])  # type: ignore[attr-defined]
        self.fields["epci"].widget.choices = NormalChoices([("", "Toutes les intercommunalités"), *epcis])  # type: ignore[attr-defined]
        self.known_values = {
            parameter: {value for value, _ in facet_choices(parameter)} for parameter in FACET_LABELS
        } | {"code_insee": {code for code, _ in communes}, "epci": {siren for siren, _ in epcis}}

    def clean_heure(self) -> datetime.time | None:
        text = self.cleaned_data["heure"].strip()
        if not text:
            return None
        match = HOUR.match(text)
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (-1, -1)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValidationError(
                f"Heure : « {shown(text)} » n'est pas une heure valide (attendu hh:mm, par exemple 14:30)."
            )
        return datetime.time(hour, minute)

    def clean_bbox(self) -> BBox | None:
        text = self.cleaned_data["bbox"].strip()
        if not text:
            return None
        message = (
            f"Zone de la carte (bbox) : « {shown(text)} » n'est pas une zone valide "
            "(attendu « sud,ouest,nord,est » en degrés décimaux)."
        )
        try:
            south, west, north, east = (float(part) for part in text.split(","))
        except ValueError:
            raise ValidationError(message) from None
        valid = -90 <= south < north <= 90 and -180 <= west < east <= 180
        if not valid:
            raise ValidationError(message)
        return BBox(south, west, north, east)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        for parameter in LIST_PARAMETERS:
            known = self.known_values[parameter]
            values = cleaned.get(parameter) or []
            unknown = [value for value in values if value not in known]
            if unknown:
                quoted = ", ".join(f"« {shown(value)} »" for value in unknown)
                label = self.fields[parameter].label
                verb = (
                    "n'est pas une valeur connue" if len(unknown) == 1 else "ne sont pas des valeurs connues"
                )
                self.add_error(parameter, f"{label} : {quoted} {verb}.")
            # add_error drops the field: the search still runs with the values that are right.
            cleaned[parameter] = [value for value in values if value in known]
        self._clean_position(cleaned)
        if bool(cleaned.get("jour")) != bool(cleaned.get("heure")) and "heure" not in self.errors:
            missing = "heure" if cleaned.get("jour") else "jour"
            label = self.fields[missing].label
            self.add_error(missing, f"{label} : indiquez le jour et l'heure (« ouvert le … à … »).")
        return cleaned

    def _clean_position(self, cleaned: dict[str, Any]) -> None:
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        if "lat" in self.errors or "lon" in self.errors:
            cleaned["lat"] = cleaned["lon"] = None
        elif (lat is None) != (lon is None):
            missing = "lon" if lon is None else "lat"
            self.add_error(missing, f"{self.fields[missing].label} : indiquez la latitude et la longitude.")
            cleaned["lat"] = cleaned["lon"] = None
        elif lat is not None and lon is not None and not in_france(Point(lat, lon)):
            self.add_error("lat", f"Position : « {lat}, {lon} » n'est pas en France.")
            cleaned["lat"] = cleaned["lon"] = None

    def position(self) -> Point | None:
        cleaned = self._cleaned()
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        return None if lat is None or lon is None else Point(lat, lon)

    def _cleaned(self) -> dict[str, Any]:
        _ = self.errors  # cleans the data once
        return self.cleaned_data

    def open_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The moment places must be open: the next `jour` at `heure` (not a public holiday), or now."""
        cleaned = self._cleaned()
        day, hour = cleaned.get("jour"), cleaned.get("heure")
        if day and hour:
            local = timezone.localtime(now)
            date = local.date() + datetime.timedelta(days=(DAYS.index(day) - local.weekday()) % 7)
            french_holidays = holidays.country_holidays("FR", years=[date.year, date.year + 1])
            while date in french_holidays:
                date += datetime.timedelta(days=7)
            return datetime.datetime.combine(date, hour, tzinfo=local.tzinfo)
        return now if cleaned.get("ouvert_maintenant") else None

    def search_filters(self, *, now: datetime.datetime) -> SearchFilters:
        """What the right parameters ask for (`now` is aware)."""
        cleaned = self._cleaned()
        lists: dict[str, Any] = {
            PARAMETER_FIELDS[parameter]: tuple(cleaned.get(parameter) or ()) for parameter in FACET_LABELS
        }
        asked = SearchFilters(
            q=cleaned.get("q") or "",
            insee_codes=tuple(cleaned.get("code_insee") or ()),
            epcis=tuple(cleaned.get("epci") or ()),
            open_at=self.open_at(now),
            bbox=cleaned.get("bbox"),
            point=self.position(),
            **lists,
        )
        # A word found nowhere in the census is searched as its nearest spelling (said on the page).
        filters, self.corrections = search_corrected(asked)
        return filters

    def error_list(self) -> list[tuple[str, str]]:
        """(parameter, French message naming the field) of every wrong value, in the order of the fields."""
        return labelled_errors(self)

    def parameters(self, *, with_bbox: bool = True) -> list[tuple[str, str]]:
        """The right parameters, canonical, for a URL (the points of the map, "all places" link)."""
        cleaned = self._cleaned()
        pairs: list[tuple[str, str]] = []
        if cleaned.get("q"):
            pairs.append(("q", cleaned["q"]))
        for parameter in LIST_PARAMETERS:
            pairs += [(parameter, value) for value in cleaned.get(parameter) or []]
        if cleaned.get("ouvert_maintenant"):
            pairs.append(("ouvert_maintenant", "1"))
        if cleaned.get("jour") and cleaned.get("heure"):
            pairs += [("jour", cleaned["jour"]), ("heure", cleaned["heure"].strftime("%H:%M"))]
        point = self.position()
        if point is not None:
            pairs += [("lat", str(point.latitude)), ("lon", str(point.longitude))]
        box = cleaned.get("bbox")
        if with_bbox and box is not None:
            pairs.append(("bbox", f"{box.south},{box.west},{box.north},{box.east}"))
        return pairs

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
        elif values.get("ouvert_maintenant"):
            lines.append("Ouverts au moment de l'impression")
        if values.get("bbox"):
            lines.append("Dans la zone affichée sur la carte")
        return lines or ["Tous les lieux publiés du territoire"]


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
        elif name == "bbox":
            found.append(Criterion(name, "Dans la zone affichée de la carte", without("bbox")))
    return found
