"""Reads of the territory analysis: every indicator of every commune, rankings, EPCI figures, the period's
coverage figures for the annual report.

The analysis is computed from the communes of the served territory (`territories`) and the census's
published places with a position (`places.Place`), once per state of the census: it is kept in memory
and recomputed when a published place is added, removed or changed.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune, Epci
from maillage.territory.domain import ranking
from maillage.territory.domain.coverage import (
    ALL_SERVICES,
    RADII_KM,
    ROAD_DETOUR,
    Area,
    FamilyCoverage,
    Site,
    coverage,
    distance_matrix,
)
from maillage.territory.domain.hours import weekly_hours

PARIS = ZoneInfo("Europe/Paris")
FAMILIES: tuple[tuple[str, str], ...] = (
    (ALL_SERVICES, "Tous services de médiation numérique"),
    *((value, value) for value in ENUMERATIONS["services"]),
)
FAMILY_LABELS = dict(FAMILIES)
DEFAULT_THRESHOLD_KM = 10.0


@dataclass(frozen=True)
class Analysis:
    """The communes (INSEE order), the sites (published places) and the coverage of every family."""

    areas: tuple[Area, ...]
    sites: tuple[Site, ...]
    families: dict[str, FamilyCoverage]
    epci_names: dict[str, str]

    def index_of(self, insee_code: str) -> int:
        for index, area in enumerate(self.areas):
            if area.insee_code == insee_code:
                return index
        raise Http404("Commune hors du territoire")


def published_sites() -> QuerySet[Place]:
    return Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False, longitude__isnull=False)


def territory_areas() -> list[Area]:
    rows = (
        Commune.objects.filter(in_territory=True, latitude__isnull=False, longitude__isnull=False)
        .order_by("insee_code")
        .values_list("insee_code", "name", "latitude", "longitude", "population", "ifn_total", "epci_id")
    )
    return [
        Area(code, name, lat or 0.0, lon or 0.0, population or 0, ifn, epci or "")
        for code, name, lat, lon, population, ifn, epci in rows  # positions filtered above
    ]


def sites_of(places: QuerySet[Place]) -> list[Site]:
    rows = places.order_by("pk").values_list(
        "pk", "name", "latitude", "longitude", "services", "opening_hours"
    )
    return [
        Site(str(pk), name, lat or 0.0, lon or 0.0, tuple(services or ()), weekly_hours(hours or ""))
        for pk, name, lat, lon, services, hours in rows.iterator(chunk_size=2000)
    ]


def analysis_compute(areas: Sequence[Area], sites: Sequence[Site]) -> Analysis:
    families = coverage(areas, sites, [family for family, _ in FAMILIES])
    names = dict(Epci.objects.values_list("siren", "name"))
    return Analysis(tuple(areas), tuple(sites), families, names)


_lock = threading.Lock()
_cached: dict[str, Analysis] = {}


def _version() -> str:
    found = published_sites().aggregate(count=Count("pk"), latest=Max("updated_at"))
    communes = Commune.objects.filter(in_territory=True).count()
    return f"{found['count']}@{found['latest']}@{communes}"


def territory_analysis() -> Analysis:
    """The analysis for the census as it is now (recomputed when it changed)."""
    version = _version()
    with _lock:
        found = _cached.get(version)
    if found is None:
        found = analysis_compute(territory_areas(), sites_of(published_sites()))
        with _lock:
            _cached.clear()
            _cached[version] = found
    return found


# --- Indicators -------------------------------------------------------------------------------


def _km(value: float) -> float | None:
    return None if value == float("inf") else round(value, 2)


@dataclass(frozen=True)
class CommuneRow:
    """A commune's indicators for one service family (distances in km, None when no place offers it)."""

    insee_code: str
    name: str
    epci_siren: str
    epci_name: str
    population: int
    ifn: float | None
    nearest_place: str
    nearest_place_id: str
    crow_km: float | None
    road_km: float | None
    places_5km: int
    places_10km: int
    places_20km: int
    hours_10km: float

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


INDICATOR_FIELDS = tuple(field.name for field in dataclasses.fields(CommuneRow))


def commune_indicators(analysis: Analysis, family: str) -> list[CommuneRow]:
    """One row per commune: population, IFN, nearest place of the family, counts within 5/10/20 km,
    weekly hours within 10 km."""
    cover = analysis.families[family]
    five, ten, twenty = (cover.within[radius] for radius in RADII_KM)
    rows = []
    for index, area in enumerate(analysis.areas):
        nearest = int(cover.nearest[index])
        crow = float(cover.nearest_km[index])
        site = analysis.sites[nearest] if nearest >= 0 else None
        rows.append(
            CommuneRow(
                insee_code=area.insee_code,
                name=area.name,
                epci_siren=area.epci,
                epci_name=analysis.epci_names.get(area.epci, ""),
                population=area.population,
                ifn=area.fragility,
                nearest_place=site.name if site else "",
                nearest_place_id=site.key if site else "",
                crow_km=_km(crow),
                road_km=_km(crow * ROAD_DETOUR),
                places_5km=int(five[index]),
                places_10km=int(ten[index]),
                places_20km=int(twenty[index]),
                hours_10km=round(float(cover.hours_within[index]), 1),
            )
        )
    return rows


@dataclass(frozen=True)
class RankedCommune:
    rank: int
    row: CommuneRow
    scored: ranking.Scored


def underserved(
    analysis: Analysis, family: str, weights: ranking.Weights, *, epci: str = ""
) -> list[RankedCommune]:
    """The communes, most underserved first (within one EPCI when `epci` is given)."""
    rows = [row for row in commune_indicators(analysis, family) if not epci or row.epci_siren == epci]
    by_code = {row.insee_code: row for row in rows}
    inf = float("inf")
    inputs = [
        (row.insee_code, row.ifn, row.population, inf if row.road_km is None else row.road_km) for row in rows
    ]
    scored = ranking.rank(inputs, weights)
    return [RankedCommune(i, by_code[item.insee_code], item) for i, item in enumerate(scored, start=1)]


@dataclass(frozen=True)
class ShareRow:
    code: str
    name: str
    far: int
    total: int
    share: float

    @property
    def percent(self) -> float:
        return round(100 * self.share, 1)


def population_beyond(analysis: Analysis, family: str, threshold_km: float) -> list[ShareRow]:
    """The population more than `threshold_km` (road, approximated) from a place of the family: the whole
    territory first, then each EPCI by name."""
    road = analysis.families[family].road_km()
    pairs = [(area, float(road[i])) for i, area in enumerate(analysis.areas)]
    far, total, share = ranking.share_beyond([(a.population, km) for a, km in pairs], threshold_km)
    result = [ShareRow("", "Territoire", far, total, share)]
    for code in sorted(
        {a.epci for a in analysis.areas if a.epci}, key=lambda c: analysis.epci_names.get(c, c)
    ):
        far, total, share = ranking.share_beyond(
            [(a.population, km) for a, km in pairs if a.epci == code], threshold_km
        )
        result.append(ShareRow(code, analysis.epci_names.get(code, code), far, total, share))
    return result


def epci_get(siren: str) -> Epci:
    epci = Epci.objects.filter(siren=siren, communes__in_territory=True).distinct().first()
    if epci is None:
        raise Http404("EPCI hors du territoire")
    return epci


def commune_get(insee_code: str) -> Commune:
    commune = Commune.objects.select_related("epci").filter(pk=insee_code, in_territory=True).first()
    if commune is None:
        raise Http404("Commune hors du territoire")
    return commune


def nearest_sites(
    analysis: Analysis, insee_code: str, family: str, *, limit: int = 5
) -> list[tuple[Site, float]]:
    """The `limit` nearest places of the family from the commune's centre, with crow-flies km."""
    area = analysis.areas[analysis.index_of(insee_code)]
    offering = [s for s in analysis.sites if family == ALL_SERVICES or family in s.services]
    if not offering:
        return []
    km = distance_matrix(
        np.array([area.latitude]),
        np.array([area.longitude]),
        np.array([s.latitude for s in offering]),
        np.array([s.longitude for s in offering]),
    )[0]
    order = np.argsort(km, kind="stable")[:limit]
    return [(offering[int(i)], float(km[int(i)])) for i in order]


# --- Annual report ----------------------------------------------------------------------------


def _end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """Coverage at the start and at the end of the period, and its change.

    A place counts on a day when it is published now and was recorded in the census by that day (the
    census keeps no published/unpublished history a coverage could be rebuilt from exactly).
    """
    areas = territory_areas()
    if not areas:
        return []
    states = []
    for day in (start - datetime.timedelta(days=1), end):
        places = published_sites().filter(created_at__lt=_end_of(day))
        states.append(analysis_compute(areas, sites_of(places)))
    before, after = (population_beyond(state, ALL_SERVICES, DEFAULT_THRESHOLD_KM)[0] for state in states)
    covered_before, covered_after = before.total - before.far, after.total - after.far
    by_epci = population_beyond(states[1], ALL_SERVICES, DEFAULT_THRESHOLD_KM)[1:]
    communes_with = [sum(1 for n in state.families[ALL_SERVICES].within[5.0] if n) for state in states]
    return [
        {
            "key": "territory.population_within_10km",
            "label": "Habitants à moins de 10 km d'un lieu (distance routière estimée), fin de période",
            "value": covered_after,
            "unit": "habitants",
            "topic": "territory",
            "rows": [[row.name, row.total - row.far] for row in by_epci],
        },
        {
            "key": "territory.population_within_10km_change",
            "label": "Évolution sur la période des habitants à moins de 10 km d'un lieu",
            "value": covered_after - covered_before,
            "unit": "habitants",
            "topic": "territory",
        },
        {
            "key": "territory.population_beyond_10km_share",
            "label": "Part de la population à plus de 10 km d'un lieu, fin de période",
            "value": round(100 * after.share, 1),
            "unit": "%",
            "topic": "territory",
            "rows": [[row.name, round(100 * row.share, 1)] for row in by_epci],
        },
        {
            "key": "territory.communes_with_place_within_5km",
            "label": "Communes ayant un lieu à moins de 5 km (vol d'oiseau), fin de période",
            "value": communes_with[1],
            "unit": "communes",
            "topic": "territory",
            "rows": [["Début de période", communes_with[0]], ["Fin de période", communes_with[1]]],
        },
    ]


def commune_outlines() -> dict[str, dict[str, object]]:
    """INSEE code -> GeoJSON geometry of the territory's communes (read once per process)."""
    if not _outlines:
        rows = Commune.objects.filter(in_territory=True, outline__isnull=False)
        _outlines.update(
            (code, outline) for code, outline in rows.values_list("insee_code", "outline") if outline
        )
    return _outlines


_outlines: dict[str, dict[str, object]] = {}


def epci_choices() -> list[tuple[str, str]]:
    return list(
        Epci.objects.filter(communes__in_territory=True)
        .distinct()
        .order_by("name")
        .values_list("siren", "name")
    )


@dataclass(frozen=True)
class GroupFigures:
    communes: int
    population: int
    road_km_mean: float | None  # population-weighted, over communes with a place of the family
    ifn_mean: float | None  # population-weighted
    places_10km_mean: float


def epci_comparison(rows: Sequence[CommuneRow]) -> GroupFigures:
    """Figures of a group of communes (an EPCI) to compare one of them with."""
    population = sum(row.population for row in rows)
    reached = [row for row in rows if row.road_km is not None]
    weighted_km = sum(row.population * (row.road_km or 0.0) for row in reached)
    reached_population = sum(row.population for row in reached)
    with_ifn = [row for row in rows if row.ifn is not None]
    ifn_population = sum(row.population for row in with_ifn)
    return GroupFigures(
        communes=len(rows),
        population=population,
        road_km_mean=round(weighted_km / reached_population, 1) if reached_population else None,
        ifn_mean=(
            round(sum(row.population * (row.ifn or 0.0) for row in with_ifn) / ifn_population, 1)
            if ifn_population
            else None
        ),
        places_10km_mean=round(sum(row.places_10km for row in rows) / len(rows), 1) if rows else 0.0,
    )
