"""Territory analysis rules, without a database, on the shipped real data (communes of the Loire and the
ANCT list of France Services of 2024-08-01)."""

from __future__ import annotations

import csv
import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest

from maillage.core.geo import Point, haversine_km
from maillage.territory.domain import classes, planner, ranking
from maillage.territory.domain.coverage import (
    ALL_SERVICES,
    ROAD_DETOUR,
    Area,
    Site,
    coverage,
    distance_matrix,
    road_km,
)
from maillage.territory.domain.hours import weekly_hours

DATA = Path(__file__).resolve().parents[2] / "src" / "maillage" / "data"
DEMARCHES = "Aide aux démarches administratives"


def _communes() -> list[Area]:
    with (DATA / "loire" / "communes_42.csv").open(encoding="utf-8") as stream:
        return [
            Area(
                row["code_insee"],
                row["nom"],
                float(row["lat_centre"]),
                float(row["lon_centre"]),
                int(row["population"]),
                float(row["ifn_total"]) if row["ifn_total"] else None,
                row["epci_siren"],
            )
            for row in csv.DictReader(stream)
        ]


def _france_services() -> list[Site]:
    path = DATA / "sources" / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
    with path.open(encoding="utf-8") as stream:
        return [
            Site(
                row["id_fs"],
                row["lib_fs"],
                float(row["latitude"]),
                float(row["longitude"]),
                (DEMARCHES,),
                1.0,
            )
            for row in csv.DictReader(stream)
        ]


def test_the_shipped_data_is_what_the_tests_expect() -> None:
    assert len(_communes()) == 320
    assert len(_france_services()) == 25


@pytest.mark.parametrize("insee", ["42001", "42159", "42218", "42094", "42330"])
def test_coverage_of_real_communes_matches_a_recomputation_by_hand(insee: str) -> None:
    communes, sites = _communes(), _france_services()
    index = next(i for i, area in enumerate(communes) if area.insee_code == insee)
    area = communes[index]
    cover = coverage(communes, sites, [DEMARCHES, ALL_SERVICES])[DEMARCHES]
    # The same figures, recomputed one place at a time with core.geo's haversine.
    centre = Point(area.latitude, area.longitude)
    distances = [haversine_km(centre, Point(site.latitude, site.longitude)) for site in sites]
    nearest = min(range(len(sites)), key=lambda i: distances[i])
    assert int(cover.nearest[index]) == nearest
    assert cover.nearest_km[index] == pytest.approx(distances[nearest], abs=1e-6)
    assert cover.road_km()[index] == pytest.approx(distances[nearest] * 1.3, abs=1e-6)
    for radius in (5.0, 10.0, 20.0):
        assert int(cover.within[radius][index]) == sum(1 for d in distances if d <= radius)
    assert cover.hours_within[index] == sum(1.0 for d in distances if d <= 10.0)


def test_a_commune_with_its_own_france_services_is_at_its_doorstep() -> None:
    communes, sites = _communes(), _france_services()
    cover = coverage(communes, sites, [DEMARCHES])[DEMARCHES]
    noiretable = next(i for i, area in enumerate(communes) if area.insee_code == "42159")
    assert sites[int(cover.nearest[noiretable])].name == "France services Noirétable"
    assert cover.nearest_km[noiretable] < 3.0  # the centre of the commune, not its town


def test_a_family_nobody_offers_has_no_nearest_place() -> None:
    cover = coverage(_communes()[:3], _france_services(), ["Loisirs et créations numériques"])
    family = cover["Loisirs et créations numériques"]
    assert list(family.nearest) == [-1, -1, -1]
    assert all(math.isinf(km) for km in family.nearest_km)
    assert list(family.within[20.0]) == [0, 0, 0]


def test_distance_matrix_agrees_with_core_geo() -> None:
    a = np.array([45.43, 46.03]), np.array([4.39, 4.07])
    b = np.array([45.60, 45.0]), np.array([4.07, 4.5])
    matrix = distance_matrix(a[0], a[1], b[0], b[1])
    for i, j in itertools.product(range(2), range(2)):
        expected = haversine_km(Point(a[0][i], a[1][i]), Point(b[0][j], b[1][j]))
        assert matrix[i, j] == pytest.approx(expected, rel=1e-9)


def test_road_distance_is_the_crow_distance_times_the_detour() -> None:
    assert road_km(0.0) == 0.0
    assert road_km(10.0) == pytest.approx(13.0)
    assert ROAD_DETOUR == 1.3


def test_weekly_hours() -> None:
    assert weekly_hours("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00") == 33.0
    assert weekly_hours("") == 0.0
    assert weekly_hours("lundi matin") == 0.0
    assert weekly_hours("Tu 14:00-18:30; PH off") == 4.5


# --- Ranking ------------------------------------------------------------------------------------


def test_ranking_follows_the_written_formula() -> None:
    rows = [("A", 8.0, 100, 26.0), ("B", 2.0, 10_000, 1.3), ("C", None, 500, math.inf)]
    scored = {item.insee_code: item for item in ranking.rank(rows, ranking.Weights(2, 1, 1))}
    expected_a = 100 * (2 * 0.8 + math.log1p(100) / math.log1p(10_000) + 26.0 / 30.0) / 4
    assert scored["A"].score == pytest.approx(expected_a, abs=0.01)
    assert scored["B"].score == pytest.approx(100 * (2 * 0.2 + 1 + 1.3 / 30) / 4, abs=0.01)
    assert scored["C"].distance_part == 1.0
    assert scored["C"].fragility_missing


def test_weights_change_the_order() -> None:
    rows = [("far", 1.0, 100, 30.0), ("fragile", 9.0, 100, 0.0)]
    assert ranking.rank(rows, ranking.Weights(0, 0, 1))[0].insee_code == "far"
    assert ranking.rank(rows, ranking.Weights(1, 0, 0))[0].insee_code == "fragile"


@pytest.mark.parametrize(("weights", "message"), [((0, 0, 0), "Au moins un"), ((6, 1, 1), "entre 0 et 5")])
def test_bad_weights_are_refused_in_french(weights: tuple[int, int, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ranking.Weights(*weights)


def test_share_beyond() -> None:
    assert ranking.share_beyond([(100, 5.0), (300, 12.0), (600, 10.0)], 10.0) == (300, 1000, 0.3)
    assert ranking.share_beyond([], 10.0) == (0, 0, 0.0)


# --- Planner ------------------------------------------------------------------------------------


def _random_instance(rng: random.Random) -> tuple[np.ndarray, np.ndarray, int]:
    candidates, communes = rng.randint(4, 9), rng.randint(5, 14)
    covers = np.array([[rng.random() < 0.35 for _ in range(communes)] for _ in range(candidates)])
    weights = np.array([float(rng.randint(0, 50)) for _ in range(communes)])
    return covers, weights, rng.randint(1, 4)


def test_greedy_never_falls_below_the_guarantee_and_is_deterministic() -> None:
    rng = random.Random(16)  # noqa: S311 - reproducible test instances
    worse = 0
    for _ in range(60):
        covers, weights, k = _random_instance(rng)
        plan = planner.greedy(covers, weights, k)
        _, optimum = planner.exhaustive(covers, weights, k)
        assert plan.total <= optimum + 1e-9
        assert plan.total >= planner.GREEDY_GUARANTEE * optimum - 1e-9
        assert plan.total == pytest.approx(
            planner.covered_weight(covers, weights, [s.candidate for s in plan.stops])
        )
        assert planner.greedy(covers, weights, k) == plan
        worse += plan.total < optimum - 1e-9
    assert worse < 60  # the instances are not all ones where greedy is optimal by construction


def test_greedy_equals_the_optimum_where_it_must() -> None:
    rng = random.Random(42)  # noqa: S311 - reproducible test instances
    for _ in range(25):
        covers, weights, k = _random_instance(rng)
        # One stop: the greedy choice is the best single candidate.
        assert planner.greedy(covers, weights, 1).total == pytest.approx(
            planner.exhaustive(covers, weights, 1)[1]
        )
        # Candidates reaching disjoint sets of communes: each greedy step is part of an optimum.
        disjoint = np.zeros_like(covers)
        for commune in range(covers.shape[1]):
            disjoint[rng.randrange(covers.shape[0]), commune] = True
        assert planner.greedy(disjoint, weights, k).total == pytest.approx(
            planner.exhaustive(disjoint, weights, k)[1]
        )


def test_a_known_instance_where_greedy_is_not_optimal() -> None:
    # The textbook case: the middle set is biggest, but the two side sets together cover everything.
    covers = np.array([[1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], dtype=bool)
    covers[0] = [0, 1, 1, 1, 1, 0]
    weights = np.ones(6)
    plan = planner.greedy(covers, weights, 2)
    best, optimum = planner.exhaustive(covers, weights, 2)
    assert [stop.candidate for stop in plan.stops] == [0, 1]
    assert plan.total == 5.0
    assert best == (1, 2)
    assert optimum == 6.0


def test_greedy_stops_early_when_nothing_is_left_to_cover() -> None:
    covers = np.array([[1, 0], [1, 0], [0, 0]], dtype=bool)
    plan = planner.greedy(covers, np.array([3.0, 0.0]), 3)
    assert [(stop.candidate, stop.gain, stop.communes) for stop in plan.stops] == [(0, 3.0, (0,))]


def test_already_covered_communes_count_for_nothing() -> None:
    road = np.array([[5.0, 50.0], [50.0, 5.0]])
    covers = planner.covers_matrix(road, 10.0, np.array([True, False]))
    assert covers.tolist() == [[False, False], [False, True]]
    assert planner.fragile_population(1000, 6.5) == 650.0
    assert planner.fragile_population(1000, None) == 0.0


def test_exhaustive_refuses_huge_instances() -> None:
    with pytest.raises(ValueError, match="trop pour une recherche exhaustive"):
        planner.exhaustive(np.zeros((320, 3), dtype=bool), np.ones(3), 10)


# --- Colour classes -----------------------------------------------------------------------------


def test_quantile_classes_cover_every_value_once() -> None:
    values = [float(v) for v in range(100)]
    found = classes.quantile_classes(values)
    assert len(found) == 5
    assert found[0].low == 0.0
    assert found[-1].high == 99.0
    assert [classes.class_of(v, found).index for v in (0.0, 20.0, 21.0, 99.0)] == [0, 0, 1, 4]  # type: ignore[union-attr]
    assert classes.class_of(None, found) is None
    assert len(classes.quantile_classes([3.0] * 10)) == 1
    assert classes.quantile_classes([]) == []


def test_greedy_against_the_optimum_on_real_small_epcis() -> None:
    """The Loire's small EPCI (≤ 16 communes), candidates at their communes' centres, real populations and
    IFN, the France Services of 2024 as the places already there."""
    communes, sites = _communes(), _france_services()
    cover = coverage(communes, sites, [DEMARCHES])[DEMARCHES]
    by_epci: dict[str, list[int]] = {}
    for index, area in enumerate(communes):
        by_epci.setdefault(area.epci, []).append(index)
    small = [indexes for indexes in by_epci.values() if len(indexes) <= 16]
    assert len(small) >= 5
    for indexes in small:
        areas = [communes[i] for i in indexes]
        lat, lon = np.array([a.latitude for a in areas]), np.array([a.longitude for a in areas])
        road = distance_matrix(lat, lon, lat, lon) * ROAD_DETOUR
        already = cover.road_km()[indexes] <= 6.0
        weights = np.array([planner.fragile_population(a.population, a.fragility) for a in areas])
        weights[already] = 0.0
        covers = planner.covers_matrix(road, 6.0, already)
        for k in (1, 2, 3):
            plan = planner.greedy(covers, weights, k)
            _, optimum = planner.exhaustive(covers, weights, k)
            assert plan.total >= planner.GREEDY_GUARANTEE * optimum - 1e-9
            assert plan.total <= optimum + 1e-9
            if k == 1:
                assert plan.total == pytest.approx(optimum)
