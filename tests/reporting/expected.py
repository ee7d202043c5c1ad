"""The figures the annual report should show for a year, counted in plain Python from the specs the test
wrote (tests/reporting/year.py, tests/reporting/network_year.py) and from the stored census, without any
selector of the code under test. Each helper returns key → (value, rows or None when not checked)."""

from __future__ import annotations

import datetime
import math
import statistics
import zoneinfo
from collections import Counter
from typing import Any

from maillage.core.geo import EARTH_RADIUS_KM  # the definitions: Earth's radius, the road detour
from maillage.lending.services.sample import KITS
from maillage.network.enums import ActorRole, Outcome
from maillage.news.enums import ItemKind
from maillage.newsletters.services.sample import LISTS, RESOURCES
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune, Epci
from maillage.territory.domain.coverage import ROAD_DETOUR
from tests.reporting import letters_year as ly
from tests.reporting import network_year as ny

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
Figures = dict[str, tuple[Any, Any]]


def _year_of(moment: datetime.datetime) -> int:
    return moment.astimezone(PARIS).year


def _overlap(first: datetime.date, last: datetime.date, year: int) -> int:
    start, end = max(first, datetime.date(year, 1, 1)), min(last, datetime.date(year, 12, 31))
    return max(0, (end - start).days + 1)


def _sorted_rows(counter: Counter[str]) -> list[list[object]]:
    return [[label, n] for label, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def lending(year: int) -> Figures:
    names = {kit.slug: kit.name for kit in KITS}
    held = [  # (kit, structure, first day, last day): handed over → returned, or the planned days
        (names[s.kit], ny.STRUCTURES[s.structure], s.out or s.start, s.back or s.end)
        for s in ny.LOANS
        if s.fate == "loan"
    ] + [
        (names[s.kit], ny.STRUCTURES[s.structure], s.start, s.end)
        for s in ny.SUPPORTS
        if s.kit and s.fate == "planned"
    ]
    by_kit: Counter[str] = Counter()
    by_structure: Counter[str] = Counter()
    for kit, structure, first, last in held:
        if days := _overlap(first, last, year):
            by_kit[kit] += days
            by_structure[structure] += days
    supports = [s for s in ny.SUPPORTS if s.fate == "planned" and _overlap(s.start, s.end, year)]
    return {
        "lending.loan_days": (sum(by_kit.values()), sorted([k, n] for k, n in by_kit.items())),
        "lending.structures_served": (len(by_structure), sorted([k, n] for k, n in by_structure.items())),
        "lending.event_supports": (
            len(supports),
            sorted(
                [f"{s.title} ({ny.STRUCTURES[s.structure]})", (s.end - s.start).days + 1] for s in supports
            ),
        ),
    }


def _commune_name(insee: str) -> str:
    return Commune.objects.get(pk=insee).name


def network(year: int) -> Figures:
    requests = [r for r in ny.REQUESTS if _year_of(r.received) == year and r.outcome != "spam"]
    answers = [a for r in requests for a in r.answers]
    answer_labels = Counter(
        "En attente de réponse" if a.when is None else ("Acceptée" if a.accept else "Déclinée")
        for a in answers
    )
    delays = [
        (min(a.when for a in r.answers if a.when) - r.received).total_seconds() / 3600
        for r in requests
        if any(a.when for a in r.answers)
    ]
    roles = Counter(str(ActorRole(role).label) for _, role, confirmed in ny.ACTORS if confirmed)
    places = Counter(  # where the routed requests come from
        _commune_name(r.commune) if r.commune else (r.outside or "Non précisé") for r in requests if r.routed
    )
    figures: Figures = {
        "network.requests_received": (len(requests), _sorted_rows(Counter(r.theme for r in requests))),
        "network.requests_routed": (sum(1 for r in requests if r.routed), _sorted_rows(places)),
        "network.requests_closed": (
            sum(1 for r in requests if r.closed),
            _sorted_rows(Counter(str(Outcome(r.outcome).label) for r in requests if r.outcome)),
        ),
        "network.routings": (len(answers), _sorted_rows(answer_labels)),
        "network.directory_people": (sum(roles.values()), _sorted_rows(roles)),
        "network.directory_structures": (1, None),  # one listed profile, one hidden
    }
    if delays:
        figures["network.median_hours_to_first_answer"] = (round(statistics.median(delays), 1), None)
    day = ny.GATHERING_DAY
    if day.year == year:
        figures["network.gathering_registrations"] = (
            sum(s[2] for s in ny.SESSIONS),
            [[s[0], s[2]] for s in ny.SESSIONS],
        )
        figures["network.gathering_attendance"] = (
            sum(s[3] for s in ny.SESSIONS),
            [[s[0], s[3]] for s in ny.SESSIONS],
        )
    return figures


def newsletters(year: int) -> Figures:
    names = {slug: name for slug, name, _, _ in LISTS}
    start = datetime.datetime(year, 1, 1, tzinfo=PARIS)
    after = datetime.datetime(year + 1, 1, 1, tzinfo=PARIS)

    def subscribed(s: ly.SubscriptionSpec, moment: datetime.datetime) -> bool:
        return s.confirmed is not None and s.confirmed < moment and (s.ended is None or s.ended >= moment)

    sent = [letter for letter in ly.LETTERS if letter.sent and start <= letter.sent < after]
    delivered = sum(  # a letter goes to the list's subscribers of the moment it is sent
        1
        for letter in sent
        for s in ly.SUBSCRIPTIONS
        if letter.sent is not None and s.list_slug == letter.list_slug and subscribed(s, letter.sent)
    )
    per_list = Counter(letter.list_slug for letter in sent)
    at_end = Counter(s.list_slug for s in ly.SUBSCRIPTIONS if subscribed(s, after))
    by_name = sorted(names, key=lambda slug: names[slug])
    watch = [(kind, when) for kind, _, when in ly.WATCH] + [(ItemKind.RESOURCE.value, ly.DEMO_LOADED)] * len(
        RESOURCES
    )
    kinds = Counter(kind for kind, when in watch if start <= when < after)
    return {
        "newsletters.letters_sent": (len(sent), [[names[slug], per_list[slug]] for slug in by_name]),
        "newsletters.messages_delivered": (delivered, None),
        "newsletters.subscribers": (sum(at_end.values()), [[names[slug], at_end[slug]] for slug in by_name]),
        "newsletters.confirmations": (
            sum(1 for s in ly.SUBSCRIPTIONS if s.confirmed and start <= s.confirmed < after),
            None,
        ),
        "newsletters.unsubscriptions": (
            sum(1 for s in ly.SUBSCRIPTIONS if s.ended and start <= s.ended < after),
            None,
        ),
        "newsletters.web_views": (sum(letter.web_views for letter in sent), None),
        "watch.items": (
            sum(kinds.values()),
            [[str(ItemKind(kind).label), kinds[kind]] for kind in sorted(kinds)],
        ),
    }


def _crow_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def territory(year: int) -> Figures:
    """Coverage by the published places recorded by the eve of the year and by its last day."""
    communes = list(
        Commune.objects.filter(
            in_territory=True, latitude__isnull=False, longitude__isnull=False
        ).values_list("latitude", "longitude", "population", "epci_id")
    )
    places = [
        (p.latitude, p.longitude, p.created_at)
        for p in Place.objects.filter(status=PlaceStatus.PUBLISHED)
        if p.latitude is not None and p.longitude is not None
    ]
    states = []
    for moment in (
        datetime.datetime(year, 1, 1, tzinfo=PARIS),
        datetime.datetime(year + 1, 1, 1, tzinfo=PARIS),
    ):
        there = [(lat, lon) for lat, lon, created in places if created < moment]
        rows = []
        for lat, lon, population, epci in communes:
            distances = [_crow_km(lat, lon, plat, plon) for plat, plon in there]
            nearest = min(distances, default=math.inf)
            rows.append(
                (population or 0, nearest * ROAD_DETOUR <= 10.0, any(d <= 5.0 for d in distances), epci)
            )
        states.append(rows)
    before, after = states
    covered = [sum(p for p, near, _, _ in rows if near) for rows in states]
    total = sum(p for p, _, _, _ in after)
    names = dict(Epci.objects.values_list("siren", "name"))
    epcis = sorted({epci for _, _, _, epci in after if epci}, key=lambda code: names.get(code, code))
    by_epci = [(names.get(code, code), [(p, near) for p, near, _, e in after if e == code]) for code in epcis]
    return {
        "territory.population_within_10km": (
            covered[1],
            [[name, sum(p for p, near in rows if near)] for name, rows in by_epci],
        ),
        "territory.population_within_10km_change": (covered[1] - covered[0], None),
        "territory.population_beyond_10km_share": (
            round(100 * (total - covered[1]) / total, 1) if total else 0.0,
            [
                [
                    name,
                    round(100 * sum(p for p, near in rows if not near) / max(1, sum(p for p, _ in rows)), 1),
                ]
                for name, rows in by_epci
            ],
        ),
        "territory.communes_with_place_within_5km": (
            sum(1 for _, _, within, _ in after if within),
            [
                ["Début de période", sum(1 for _, _, w, _ in before if w)],
                ["Fin de période", sum(1 for _, _, w, _ in after if w)],
            ],
        ),
    }


def french(value: Any) -> str:
    """A number as the report prints it (thin-space thousands, decimal comma, a dash when missing)."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        whole, decimals = f"{value:.1f}".split(".")
        return f"{int(whole):,}".replace(",", "\u202f") + "," + decimals
    return f"{int(value):,}".replace(",", "\u202f")


def french_change(value: Any) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "="
    return ("+" if value > 0 else "−") + french(abs(value))
