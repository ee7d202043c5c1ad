"""Territory selectors on the real Loire communes and the real Hinaura 2022 places (81, published)."""

from __future__ import annotations

import datetime
import math
from zoneinfo import ZoneInfo

import pytest

from maillage.core.geo import Point, haversine_km
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune
from maillage.territory import planning, selectors
from maillage.territory.domain.coverage import ALL_SERVICES
from maillage.territory.domain.hours import weekly_hours
from maillage.territory.domain.ranking import Weights

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
DEMARCHES = "Aide aux démarches administratives"


@pytest.mark.parametrize("insee", ["42218", "42187", "42159", "42001", "42330"])
def test_indicators_match_a_recomputation_from_the_database(loire_census: None, insee: str) -> None:
    analysis = selectors.territory_analysis()
    row = next(
        r for r in selectors.commune_indicators(analysis, DEMARCHES) if r.insee_code == insee
    ).as_dict()
    commune = Commune.objects.get(pk=insee)
    centre = Point(commune.latitude, commune.longitude)  # type: ignore[arg-type]
    offering = [
        (haversine_km(centre, Point(p.latitude, p.longitude)), p)  # type: ignore[arg-type]
        for p in Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False)
        if DEMARCHES in p.services
    ]
    assert offering, "the Hinaura file offers administrative help"
    best_km, best = min(offering, key=lambda item: item[0])
    assert row["nearest_place"] == best.name
    assert row["crow_km"] == round(best_km, 2)
    assert row["road_km"] == round(best_km * 1.3, 2)
    assert row["population"] == commune.population
    assert row["ifn"] == commune.ifn_total
    for radius in (5, 10, 20):
        assert row[f"places_{radius}km"] == sum(1 for km, _ in offering if km <= radius)
    expected_hours = sum(weekly_hours(p.opening_hours) for km, p in offering if km <= 10)
    assert row["hours_10km"] == pytest.approx(round(expected_hours, 1), abs=0.05)


def test_the_analysis_is_recomputed_when_the_census_changes(loire_census: None) -> None:
    first = selectors.territory_analysis()
    assert selectors.territory_analysis() is first
    Place.objects.filter(status=PlaceStatus.PUBLISHED).update(status=PlaceStatus.ARCHIVED)
    Place.objects.filter(pk=Place.objects.order_by("pk").first().pk).update(status=PlaceStatus.PUBLISHED)  # type: ignore[union-attr]
    second = selectors.territory_analysis()
    assert len(second.sites) == 1
    assert len(first.sites) > 1


def test_underserved_ranking_and_epci_filter(loire_census: None) -> None:
    analysis = selectors.territory_analysis()
    ranked = selectors.underserved(analysis, ALL_SERVICES, Weights(1, 1, 1))
    assert len(ranked) == 320
    assert [r.rank for r in ranked[:3]] == [1, 2, 3]
    assert ranked[0].scored.score >= ranked[-1].scored.score
    only = selectors.underserved(analysis, ALL_SERVICES, Weights(1, 1, 1), epci="200065886")
    assert {r.row.epci_siren for r in only} == {"200065886"}
    assert len(only) == Commune.objects.filter(epci_id="200065886", in_territory=True).count()


def test_population_beyond_adds_up(loire_census: None) -> None:
    analysis = selectors.territory_analysis()
    shares = selectors.population_beyond(analysis, DEMARCHES, 10.0)
    territory, epcis = shares[0], shares[1:]
    assert territory.total == sum(c.population or 0 for c in Commune.objects.filter(in_territory=True))
    assert territory.far == sum(row.far for row in epcis)
    assert territory.total == sum(row.total for row in epcis)
    rows = selectors.commune_indicators(analysis, DEMARCHES)
    assert territory.far == sum(r.population for r in rows if r.road_km is None or r.road_km > 10.0)


def test_nearest_sites_are_sorted(loire_census: None) -> None:
    analysis = selectors.territory_analysis()
    found = selectors.nearest_sites(analysis, "42218", ALL_SERVICES, limit=4)
    assert len(found) == 4
    assert [km for _, km in found] == sorted(km for _, km in found)


def test_stop_plan_covers_uncovered_fragile_people_only(loire_census: None) -> None:
    analysis = selectors.territory_analysis()
    plan = planning.stops_plan(analysis, stops=5, max_km=10.0, family=DEMARCHES)
    assert 1 <= len(plan.stops) <= 5
    gains = [stop.gain for stop in plan.stops]
    assert gains == sorted(gains, reverse=True)  # greedy gains never grow
    covered = selectors.commune_indicators(analysis, DEMARCHES)
    already = {r.name for r in covered if r.road_km is not None and r.road_km <= 10.0}
    for stop in plan.stops:
        assert not set(stop.communes) & already
    assert [(s.weekday, s.half_day) for s in plan.stops][:2] == [("lundi", "matin"), ("mardi", "matin")]
    assert plan.already_covered == len(already)
    # Narrowed to two communes, the candidates are their town halls (or centres).
    narrow = planning.stops_plan(
        analysis, stops=5, max_km=10.0, family=DEMARCHES, communes={"42001", "42002"}
    )
    assert narrow.candidates == 2
    assert {s.candidate.insee_code for s in narrow.stops} <= {"42001", "42002"}


def test_period_figures_against_a_hand_built_census(loire: None) -> None:
    def place(name: str, insee: str, created: datetime.date) -> None:
        commune = Commune.objects.get(pk=insee)
        made = Place.objects.create(
            name=name,
            status=PlaceStatus.PUBLISHED,
            pivot="00000000000000",
            commune_name=commune.name,
            postal_code=commune.postal_codes[0],
            address="exemple fictif",
            latitude=commune.latitude,
            longitude=commune.longitude,
            updated_on=created,
        )
        moment = datetime.datetime.combine(created, datetime.time(12), tzinfo=PARIS)
        Place.objects.filter(pk=made.pk).update(created_at=moment)

    place("Lieu fictif A", "42218", datetime.date(2025, 3, 1))  # Saint-Étienne, before the period
    place("Lieu fictif B", "42187", datetime.date(2026, 2, 1))  # Roanne, during the period
    place("Lieu fictif C", "42159", datetime.date(2027, 1, 5))  # after the period: never counted
    figures = {
        f["key"]: f for f in selectors.period_figures(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    }
    communes = list(Commune.objects.filter(in_territory=True))

    def within(centres: list[str], km: float) -> set[str]:
        points = [Point(c.latitude, c.longitude) for c in communes if c.pk in centres]  # type: ignore[arg-type]
        return {
            c.pk
            for c in communes
            if any(haversine_km(Point(c.latitude, c.longitude), p) <= km for p in points)  # type: ignore[arg-type]
        }

    population = {c.pk: c.population or 0 for c in communes}
    before = sum(population[c] for c in within(["42218"], 10 / 1.3))
    after = sum(population[c] for c in within(["42218", "42187"], 10 / 1.3))
    assert figures["territory.population_within_10km"]["value"] == after
    assert figures["territory.population_within_10km_change"]["value"] == after - before
    total = sum(population.values())
    assert figures["territory.population_beyond_10km_share"]["value"] == round(
        100 * (total - after) / total, 1
    )
    assert figures["territory.communes_with_place_within_5km"]["value"] == len(within(["42218", "42187"], 5))
    assert all(f["topic"] == "territory" for f in figures.values())
    rows = figures["territory.population_within_10km"]["rows"]
    assert isinstance(rows, list)
    assert math.isclose(sum(v for _, v in rows), after)
