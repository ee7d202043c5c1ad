"""The one parser of a search's parameters, for the map, its list, the print, the embed and the API.

`parse_search(params, vocabulary)` reads every value given for each parameter (a query string's lists)
and returns what is right (`ParsedSearch.values`, canonical) and what is wrong (`ParameterError`s, one per
wrong value, each naming its parameter in French). Callers choose what to do with the errors: the API
answers 422 naming the parameter, the pages say them and search with the values that are right.
`ParsedSearch.filters(now)` is the `SearchFilters` asked for (`SearchFilters.from_params` does both).

Parameters: `q`; the standard's enumerated fields (the values of `FACET_PARAMETERS`), `code_insee` and
`epci`, each repeated for several values (any matches); `lat` + `lon` (a position: distances, nearest
first) and `distance_km` (a radius around it); `ouvert_maintenant`, `jour` + `heure` ("open on Thursday
at 14:30", the next such day that is not a public holiday) or `ouvert_a` (ISO 8601, Paris time when no
offset); `bbox` = "south,west,north,east". Pure Python, no Django.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from maillage.core.french import DAYS
from maillage.core.geo import BBox, Point, in_france
from maillage.places.domain.search import FACET_PARAMETERS, SearchFilters

PARIS = ZoneInfo("Europe/Paris")
Q_MAX_LENGTH = 200
DISTANCE_MAX_KM = 1000.0
LIST_PARAMETERS = (*FACET_PARAMETERS.values(), "code_insee", "epci")
PARAMETER_FIELDS = {parameter: name for name, parameter in FACET_PARAMETERS.items()}
HOUR = re.compile(r"^(\d{1,2})(?:\s*(?:[:h])\s*(\d{2})?)?$", re.IGNORECASE)
TRUE = {"1", "true", "t", "on", "oui", "yes", "y"}
FALSE = {"", "0", "false", "f", "off", "non", "no", "n"}
# Each parameter's name in the messages, unless the vocabulary names it otherwise.
LABELS: dict[str, str] = {
    "q": "Rechercher un lieu",
    "code_insee": "Commune",
    "epci": "Intercommunalité",
    "lat": "Latitude",
    "lon": "Longitude",
    "distance_km": "Distance (distance_km)",
    "ouvert_maintenant": "Ouvert maintenant",
    "ouvert_a": "Ouvert à (ouvert_a)",
    "jour": "Jour",
    "heure": "Heure",
    "bbox": "Zone de la carte (bbox)",
}
# What a value must look like when the vocabulary gives no list of the known ones.
FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "code_insee": (
        re.compile(r"^[0-9AB][0-9AB]\d{3}$", re.IGNORECASE),
        "un code INSEE de 5 caractères, ex. 42218",
    ),
    "epci": (re.compile(r"^\d{9}$"), "un SIREN d'EPCI de 9 chiffres"),
}


def shown(value: str, limit: int = 80) -> str:
    """A value quoted back in a message: printable characters only, cut short."""
    return "".join(char if char.isprintable() else "�" for char in value[:limit])


@dataclass(frozen=True)
class ParameterError:
    parameter: str
    message: str  # French, begins with the parameter's label


@dataclass(frozen=True)
class SearchVocabulary:
    """What the values are checked against and how the parameters are named in the messages.

    `known`: for an enumerated parameter, its accepted values; for `code_insee`/`epci`, the territory's
    (without them, any well-formed code). `aliases`: other spellings of a value, read as it.
    `france_only`: a position outside France is refused (the pages; the API measures from anywhere)."""

    known: Mapping[str, Collection[str]]
    labels: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    france_only: bool = False

    def label(self, parameter: str) -> str:
        return self.labels.get(parameter) or LABELS.get(parameter, parameter)


@dataclass(frozen=True)
class ParsedSearch:
    values: dict[str, Any]  # the right values, canonical: see `parameters()`
    errors: tuple[ParameterError, ...]

    def filters(self, now: datetime.datetime) -> SearchFilters:
        """The search the right values ask for (`now`, aware, is "now" for the opening filters)."""
        values = self.values
        lists: dict[str, Any] = {
            PARAMETER_FIELDS[name]: tuple(values.get(name, ())) for name in FACET_PARAMETERS.values()
        }
        return SearchFilters(
            q=values.get("q", ""),
            insee_codes=tuple(values.get("code_insee", ())),
            epcis=tuple(values.get("epci", ())),
            point=self.position,
            distance_km=values.get("distance_km"),
            open_at=self.open_at(now),
            bbox=values.get("bbox"),
            **lists,
        )

    @property
    def position(self) -> Point | None:
        lat, lon = self.values.get("lat"), self.values.get("lon")
        return None if lat is None or lon is None else Point(lat, lon)

    def open_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The moment places must be open: `ouvert_a`; the next `jour` at `heure` that is not a public
        holiday; now for `ouvert_maintenant`; else None."""
        values = self.values
        if values.get("ouvert_a") is not None:
            return values["ouvert_a"]  # type: ignore[no-any-return]
        day, hour = values.get("jour"), values.get("heure")
        if day and hour:
            local = now.astimezone(PARIS)
            date = local.date() + datetime.timedelta(days=(DAYS.index(day) - local.weekday()) % 7)
            french_holidays = holidays.country_holidays("FR", years=[date.year, date.year + 1])
            while date in french_holidays:
                date += datetime.timedelta(days=7)
            return datetime.datetime.combine(date, hour, tzinfo=PARIS)
        return now if values.get("ouvert_maintenant") else None

    def parameters(self, *, with_bbox: bool = True) -> list[tuple[str, str]]:
        """The right values as (parameter, value) pairs, canonical, for a URL."""
        values = self.values
        pairs: list[tuple[str, str]] = [("q", values["q"])] if values.get("q") else []
        for name in LIST_PARAMETERS:
            pairs += [(name, value) for value in values.get(name, ())]
        if values.get("ouvert_maintenant"):
            pairs.append(("ouvert_maintenant", "1"))
        if values.get("jour") and values.get("heure"):
            pairs += [("jour", values["jour"]), ("heure", values["heure"].strftime("%H:%M"))]
        if values.get("ouvert_a") is not None:
            pairs.append(("ouvert_a", values["ouvert_a"].isoformat()))
        if self.position is not None:
            pairs += [("lat", str(values["lat"])), ("lon", str(values["lon"]))]
        if values.get("distance_km") is not None:
            pairs.append(("distance_km", f"{values['distance_km']:g}"))
        box = values.get("bbox")
        if with_bbox and box is not None:
            pairs.append(("bbox", f"{box.south},{box.west},{box.north},{box.east}"))
        return pairs


def parse_search(params: Mapping[str, Sequence[str]], vocabulary: SearchVocabulary) -> ParsedSearch:
    """Every parameter of a search read and checked once (see the module's docstring)."""
    return _Parser(params, vocabulary).run()


class _Parser:
    def __init__(self, params: Mapping[str, Sequence[str]], vocabulary: SearchVocabulary) -> None:
        self.params, self.vocabulary = params, vocabulary
        self.values: dict[str, Any] = {}
        self.errors: list[ParameterError] = []

    def run(self) -> ParsedSearch:
        self._text()
        for name in LIST_PARAMETERS:
            self._list(name)
        self._position()
        self._opening()
        self._bbox()
        order = {name: index for index, name in enumerate(("q", *LIST_PARAMETERS, *LABELS))}
        errors = sorted(self.errors, key=lambda error: order.get(error.parameter, len(order)))
        return ParsedSearch(self.values, tuple(errors))

    def _fail(self, parameter: str, message: str) -> None:
        self.errors.append(ParameterError(parameter, f"{self.vocabulary.label(parameter)} : {message}"))

    def _one(self, name: str) -> str:
        """A parameter given once (the last value counts, as in a query string read by Django)."""
        values = self.params.get(name) or ()
        return str(values[-1]).strip() if values else ""

    def _text(self) -> None:
        text = self._one("q")
        if len(text) > Q_MAX_LENGTH:
            self._fail("q", f"{Q_MAX_LENGTH} caractères au plus.")
        elif "\x00" in text:
            self._fail("q", "les caractères nuls ne sont pas autorisés.")
        elif text:
            self.values["q"] = text

    def _list(self, name: str) -> None:
        unique: list[str] = []
        for item in self.params.get(name) or ():
            text = str(item).strip()
            text = self.vocabulary.aliases.get(text, text)
            if text and text not in unique:
                unique.append(text)
        known = self.vocabulary.known.get(name)
        if known is not None:
            wrong = [value for value in unique if value not in known]
            if wrong:
                quoted = ", ".join(f"« {shown(value)} »" for value in wrong)
                verb = "n'est pas une valeur connue" if len(wrong) == 1 else "ne sont pas des valeurs connues"
                self._fail(name, f"{quoted} {verb}.")
        elif name in FORMATS:
            pattern, expected = FORMATS[name]
            wrong = [value for value in unique if not pattern.match(value)]
            for value in wrong:
                self._fail(name, f"« {shown(value)} » n'est pas {expected}.")
        else:
            wrong = []
        right = [value for value in unique if value not in wrong]
        if right:
            self.values[name] = right

    def _number(self, name: str, low: float, high: float) -> float | None:
        text = self._one(name).replace(",", ".") if name == "distance_km" else self._one(name)
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not low <= number <= high:  # also NaN and the infinities
            self._fail(name, f"« {shown(text)} » n'est pas un nombre entre {low:g} et {high:g}.")
            return None
        return number

    def _position(self) -> None:
        lat, lon = self._number("lat", -90, 90), self._number("lon", -180, 180)
        wrong = any(error.parameter in ("lat", "lon") for error in self.errors)
        if not wrong and (lat is None) != (lon is None):
            missing = "lon" if lon is None else "lat"
            self._fail(missing, "indiquez la latitude et la longitude.")
        elif lat is not None and lon is not None and not wrong:
            if self.vocabulary.france_only and not in_france(Point(lat, lon)):
                self.errors.append(ParameterError("lat", f"Position : « {lat}, {lon} » n'est pas en France."))
            else:
                self.values["lat"], self.values["lon"] = lat, lon
        distance = self._number("distance_km", 0, DISTANCE_MAX_KM)
        if distance is not None and distance <= 0:
            self._fail("distance_km", f"« {distance:g} » : une distance plus grande que 0 km.")
        elif distance is not None and "lat" not in self.values:
            if not wrong:
                self._fail("distance_km", "une distance demande une position : lat et lon.")
        elif distance is not None:
            self.values["distance_km"] = distance

    def _opening(self) -> None:
        now_text = self._one("ouvert_maintenant").lower()
        if now_text in TRUE:
            self.values["ouvert_maintenant"] = True
        elif now_text not in FALSE:
            self._fail("ouvert_maintenant", f"« {shown(now_text)} » : attendu 1 (oui) ou 0 (non).")
        day, hour = self._day(), self._hour()
        if (day is None) != (hour is None) and not any(e.parameter in ("jour", "heure") for e in self.errors):
            self._fail("heure" if day else "jour", "indiquez le jour et l'heure (« ouvert le … à … »).")
        elif day and hour:
            self.values["jour"], self.values["heure"] = day, hour
        at = self._moment()
        if at is not None and (self.values.get("ouvert_maintenant") or self.values.get("jour")):
            self._fail("ouvert_a", "choisissez ouvert_a, ou ouvert_maintenant, ou jour et heure.")
        elif at is not None:
            self.values["ouvert_a"] = at

    def _day(self) -> str | None:
        text = self._one("jour").lower()
        if text and text not in DAYS:
            self._fail("jour", f"« {shown(text)} » n'est pas un jour de la semaine.")
        return text if text in DAYS else None

    def _hour(self) -> datetime.time | None:
        text = self._one("heure")
        if not text:
            return None
        match = HOUR.match(text)
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (-1, -1)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            self._fail(
                "heure", f"« {shown(text)} » n'est pas une heure valide (attendu hh:mm, par exemple 14:30)."
            )
            return None
        return datetime.time(hour, minute)

    def _moment(self) -> datetime.datetime | None:
        text = self._one("ouvert_a")
        if not text:
            return None
        try:
            moment = datetime.datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            self._fail(
                "ouvert_a", f"« {shown(text)} » n'est pas une date et heure ISO 8601 (2026-03-12T14:30)."
            )
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=PARIS)

    def _bbox(self) -> None:
        text = self._one("bbox")
        if not text:
            return
        try:
            south, west, north, east = (float(part) for part in text.split(","))
        except ValueError:
            south = west = north = east = float("nan")
        if -90 <= south < north <= 90 and -180 <= west < east <= 180:
            self.values["bbox"] = BBox(south, west, north, east)
        else:
            self._fail(
                "bbox",
                f"« {shown(text)} » n'est pas une zone valide "
                "(attendu « sud,ouest,nord,est » en degrés décimaux).",
            )
