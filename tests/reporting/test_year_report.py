"""A year of the network, written through every module's services (tests/reporting/year.py and
network_year.py), and every figure of the generated 2026 report, in its data and on its HTML page,
checked against counts computed independently from what the test wrote (tests/reporting/expected.py)."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections import Counter
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.activity.enums import ActionKind
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.reporting.domain.periods import Period
from maillage.reporting.models import Mission
from maillage.reporting.presenters import report_sections
from maillage.reporting.providers import PROVIDERS, provider_function
from maillage.reporting.selectors import report_data
from tests.agenda.factories import PASSWORD, user_make
from tests.reporting import expected as independent
from tests.reporting import letters_year as ly
from tests.reporting import network_year as ny
from tests.reporting.year import COUNTS, EVENTS, ActionSpec, year_build

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def year(loire_census: None) -> dict[str, Any]:
    places = list(Place.objects.order_by("name"))
    # Thirty places already there in 2025, ten of them updated in March 2026; the rest new in 2026.
    old = datetime.datetime(2025, 6, 1, 12, tzinfo=PARIS)
    Place.objects.filter(pk__in=[p.pk for p in places[:30]]).update(created_at=old, updated_at=old)
    Place.objects.filter(pk__in=[p.pk for p in places[:10]]).update(
        updated_at=datetime.datetime(2026, 3, 1, 12, tzinfo=PARIS)
    )
    Place.objects.filter(pk__in=[p.pk for p in places[30:]]).update(
        created_at=datetime.datetime(2026, 2, 1, 12, tzinfo=PARIS),
        updated_at=datetime.datetime(2026, 2, 1, 12, tzinfo=PARIS),
    )
    built = year_build(organiser=Structure.objects.create(name="Structure fictive organisatrice"))
    animator = user_make("animation@example.org", is_staff=True)
    structures = [Structure.objects.create(name=name) for name in ny.STRUCTURES]
    network = ny.lending_build(structures, animator) | ny.network_build(built["events"], animator)
    ly.newsletters_build(animator)
    missions = {m.position: m for m in Mission.objects.filter(convention=built["convention"])}
    logged = ny.logged_build(network, missions, animator)
    from_tools = [
        ActionSpec(d["title"], d["kind"], d["date_start"], d["mission"], d["participants"],
                   commune=d["commune"].pk if d["commune"] else None, source=d["source"])
        for d in logged
    ]  # fmt: skip
    return built | {"actions": [*built["actions"], *from_tools], "animator": animator}


def _in(year: int, specs: list[Any]) -> list[Any]:
    return [spec for spec in specs if spec.day.year == year]


def _expected_activity(year: int, specs: list[Any]) -> dict[str, Any]:
    chosen = _in(year, specs)
    communes = {spec.commune for spec in chosen if spec.commune}
    return {
        "activity.actions": len(chosen),
        "activity.participants": sum(spec.participants for spec in chosen),
        "activity.participants_gender": sum((spec.women or 0) + (spec.men or 0) for spec in chosen),
        "activity.professionals": sum(spec.professionals or 0 for spec in chosen),
        "activity.sessions": sum(spec.sessions for spec in chosen),
        "activity.hours": sum(spec.hours or 0 for spec in chosen),
        "activity.communes": len(communes),
    }


def _expected_agenda(year: int, logged: list[Any]) -> dict[str, int]:
    shown = [
        e for e in EVENTS if e.day.year == year and e.publication == "published" and e.status != "annule"
    ]
    return {
        "agenda.events": len(shown),
        # the slots of an event are a week apart: all in the same year here
        "agenda.sessions": sum(e.slots for e in shown),
        "agenda.registrations": sum(e.confirmed for e in shown),
        "agenda.waiting": sum(e.waiting for e in shown),
        "agenda.attendance": sum(spec.participants for spec in _in(year, logged)),
    }


def _expected_census(year: int, places: list[Place]) -> dict[str, Any]:
    published = [p for p in places if p.status == PlaceStatus.PUBLISHED]
    by_end = [p for p in published if p.created_at.astimezone(PARIS).year <= year]
    new = [p for p in by_end if p.created_at.astimezone(PARIS).year == year]
    updated = [
        p
        for p in by_end
        if p.created_at.astimezone(PARIS).year < year and p.updated_at.astimezone(PARIS).year == year
    ]
    with_hours = [p for p in by_end if p.opening_hours]
    return {
        "census.places": len(by_end),
        "census.new": len(new),
        "census.updated": len(updated),
        "census.communes": len({p.commune_id for p in by_end if p.commune_id}),
        "census.with_hours": round(100 * len(with_hours) / len(by_end), 1) if by_end else 0,
    }


def _expected_counters(year: int) -> dict[str, int]:
    def total(prefix: str) -> int:
        return sum(times for key, day, times in COUNTS if day.year == year and key.startswith(prefix))

    return {
        "map.page_views": total("map.page"),
        "map.place_views": total("map.place"),
        "opendata.page_views": total("opendata.page"),
        "opendata.downloads": total("opendata.download:"),
    }


def _expected(year: int, built: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """key → (value, rows or None) for every figure of `year`, counted from what the test wrote."""
    places = list(Place.objects.all())
    plain = (
        _expected_activity(year, built["actions"])
        | _expected_agenda(year, built["logged"])
        | _expected_census(year, places)
        | _expected_counters(year)
    )
    return (
        {key: (value, None) for key, value in plain.items()}
        | independent.lending(year)
        | independent.network(year)
        | independent.newsletters(year)
        | independent.territory(year)
    )


def _rows(figure: dict[str, Any], wanted: Any) -> Any:
    """The figure's rows, sorted when the expected rows are (ties may come in any order)."""
    rows = [list(row) for row in figure.get("rows", [])]
    return sorted(rows) if wanted == sorted(wanted) else rows


def test_every_figure_of_the_2026_report_matches_independent_counts(year: dict[str, Any]) -> None:
    data = report_data(year["convention"], Period(2026))
    figures = {figure["key"]: figure for figure in data["figures"]}
    now, before = _expected(2026, year), _expected(2025, year)
    assert set(figures) == set(now)  # every figure of every provider, none unexpected
    for path in PROVIDERS:  # each provider of the registry answers, and each of its figures is checked
        answered = provider_function(path)(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
        keys = {f["key"] for f in answered}
        assert keys, path
        assert keys <= set(now), path
    for key, (value, rows) in now.items():
        figure = figures[key]
        assert figure["value"] == pytest.approx(value), key
        previous = before.get(key, (None, None))[0]
        if previous is None:
            assert (figure["previous"], figure["change"]) == (None, None), key
        else:
            assert figure["previous"] == pytest.approx(previous), f"{key} (2025)"
            assert figure["change"] == pytest.approx(value - previous), key
        if rows is not None:
            assert _rows(figure, rows) == rows, key
    # The same figures on the page the animator reads: value, the year before and the change, per row.
    client = Client()
    assert client.login(username=year["animator"].username, password=PASSWORD)
    html = unescape(client.get(reverse("reporting:report-detail", args=[2026])).content.decode())
    shown = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td>'
        r'<td class="num">([^<]*)</td>',
        html,
    )
    first = min(spec.day for spec in _in(2026, year["actions"]))
    assert f"<td>{first:%d/%m/%Y}</td>" in html  # the actions' days as a French reader writes them
    watch = next(m for m in data["missions"] if m["topics"] == ["watch"])
    assert watch["actions_count"] == 0
    assert "0 action, 0 séance, 0 participant." in html  # French: the singular below two
    by_label: dict[str, set[tuple[str, str, str]]] = {}
    for label, *cells in shown:
        by_label.setdefault(label, set()).add(tuple(cells))  # type: ignore[arg-type]
    for key, (value, _) in now.items():
        previous = before.get(key, (None, None))[0]
        change = None if previous is None else value - previous
        cells = (independent.french(value), independent.french(previous), independent.french_change(change))
        assert by_label.get(figures[key]["label"]) == {cells}, key


def test_the_breakdowns_and_the_missions_of_the_2026_report(year: dict[str, Any]) -> None:
    data = report_data(year["convention"], Period(2026))
    figures = {figure["key"]: figure for figure in data["figures"]}
    # Breakdowns: actions by type, participants by mission, genders, downloads per file, EPCI.
    chosen = _in(2026, year["actions"])
    labels = dict(ActionKind.choices)
    kinds = Counter(labels[spec.kind] for spec in chosen)
    assert dict((label, n) for label, n in figures["activity.actions"]["rows"]) == dict(kinds)
    missions = {m["title"]: m for m in data["missions"]}
    position_titles = {i: m["title"] for i, m in enumerate(data["missions"], start=1)}
    people = Counter()
    for spec in chosen:
        if spec.mission:
            people[position_titles[spec.mission]] += spec.participants
    assert dict(figures["activity.participants"]["rows"]) == dict(people)
    women = sum(spec.women or 0 for spec in chosen)
    men = sum(spec.men or 0 for spec in chosen)
    total = sum(spec.participants for spec in chosen)
    assert figures["activity.participants_gender"]["rows"] == [
        ["Femmes", women],
        ["Hommes", men],
        ["Non précisé", total - women - men],
    ]
    assert figures["opendata.downloads"]["rows"] == [["lieux-csv", 3], ["lieux-geojson", 1]]
    epci_rows = dict(figures["census.places"]["rows"])
    by_epci = Counter(
        p.commune.epci.name
        for p in Place.objects.select_related("commune__epci")
        if p.status == PlaceStatus.PUBLISHED and p.commune and p.commune.epci
    )
    assert epci_rows == dict(by_epci)

    # Per mission: actions, participants, sessions; actions without a mission listed apart.
    for position, title in position_titles.items():
        own = [spec for spec in chosen if spec.mission == position]
        assert missions[title]["actions_count"] == len(own), title
        assert missions[title]["participants"] == sum(spec.participants for spec in own), title
        assert missions[title]["sessions"] == sum(spec.sessions for spec in own), title
    assert [row["title"] for row in data["unassigned"]] == ["Réunion sans mission"]
    assert data["totals"] == {"actions": len(chosen), "participants": total}
    months = Counter(spec.day.month for spec in chosen)
    assert [n for _, n in data["monthly"]] == [months.get(m, 0) for m in range(1, 13)]


def test_figures_go_to_the_missions_that_claim_their_topic(year: dict[str, Any]) -> None:
    data = report_data(year["convention"], Period(2026))
    sections = {section.title: section for section in report_sections(data, {})}
    lending = next(s for title, s in sections.items() if title.startswith("Mutualisation de ressources"))
    assert [f["key"] for f in lending.figures] == [
        "lending.loan_days",
        "lending.structures_served",
        "lending.event_supports",
    ]
    assert lending.charts
    days = dict(independent.lending(2026)["lending.loan_days"][1])
    busiest = max(days, key=lambda kit: days[kit])
    assert lending.charts[0].rows[0] == (busiest, float(days[busiest]))
    # Days per structure are not structures: the chart says what its bars count.
    assert (lending.charts[1].title, lending.charts[1].unit) == (
        "Structures ayant emprunté du matériel, en jours de prêt",
        "jours de prêt",
    )
    visible = next(s for title, s in sections.items() if title.startswith("Rendre plus visibles"))
    assert {f["topic"] for f in visible.figures} == {"agenda", "newsletters", "census", "map", "opendata"}
    watch = next(s for title, s in sections.items() if title.startswith("Mettre en place un outil de veille"))
    assert [f["key"] for f in watch.figures] == ["watch.items"]
    assert {f["topic"] for f in sections["L'activité du réseau en chiffres"].figures} == {"activity"}
    assert "Autres chiffres des outils" not in sections  # every topic present is claimed by a mission


def test_the_monthly_summary_is_the_same_engine(year: dict[str, Any]) -> None:
    data = report_data(year["convention"], Period(2026, 2))
    figures = {figure["key"]: figure for figure in data["figures"]}
    february = [spec for spec in year["actions"] if spec.day.year == 2026 and spec.day.month == 2]
    january = [spec for spec in year["actions"] if spec.day.year == 2026 and spec.day.month == 1]
    assert figures["activity.actions"]["value"] == len(february)
    assert figures["activity.actions"]["previous"] == len(january)
    assert figures["agenda.events"]["value"] == 1
    assert figures["agenda.sessions"]["value"] == 2
    assert data["previous_label"] == "janvier 2026"
    assert data["monthly"] == [["février", len(february)]]
