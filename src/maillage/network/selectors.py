"""Reads of the network: the directory and its filters, suggestions for a request, the inbox, figures.

Also the contracts other modules pull: `period_figures` (the annual report), `activity_prefill` (a
partnership request logged as an action) and `activity_to_log` (the closed requests not logged yet).
"""

from __future__ import annotations

import datetime
import statistics
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from maillage.accounts.models import Structure
from maillage.network.domain.ranking import Candidate, Need, Suggestion, rank
from maillage.network.enums import ActorRole, Listing, Outcome, RequestState, RoutingAnswer
from maillage.network.models import (
    Actor,
    PartnershipRequest,
    Routing,
    StructureProfile,
    WorkGroup,
)
from maillage.network.selectors_gathering import gathering_figures
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class DirectoryFilters:
    role: str = ""
    theme: str = ""
    insee_code: str = ""
    epci: str = ""
    text: str = ""


def actors_listed(filters: DirectoryFilters | None = None) -> QuerySet[Actor]:
    """People who confirmed and did not hide themselves, matching the filters."""
    filters = filters or DirectoryFilters()
    actors = Actor.objects.filter(listing=Listing.LISTED)
    if filters.role:
        actors = actors.filter(role=filters.role)
    if filters.theme:
        actors = actors.filter(skills__has=filters.theme)
    if filters.insee_code:
        commune = Commune.objects.filter(pk=filters.insee_code).only("epci_id").first()
        territory = Q(communes=filters.insee_code) | Q(department_wide=True)
        if commune is not None and commune.epci_id:
            territory |= Q(epcis=commune.epci_id)
        actors = actors.filter(territory)
    elif filters.epci:
        actors = actors.filter(
            Q(epcis=filters.epci) | Q(communes__epci_id=filters.epci) | Q(department_wide=True)
        )
    if filters.text:
        actors = actors.filter(
            Q(name__icontains=filters.text)
            | Q(structure__name__icontains=filters.text)
            | Q(structure_name__icontains=filters.text)
        )
    return (
        actors.distinct()
        .select_related("structure")
        .prefetch_related("communes", "epcis")
        .order_by("name", "pk")
    )


def structures_listed(filters: DirectoryFilters | None = None) -> QuerySet[Structure]:
    """Member structures with a listed profile, matching theme and territory through their places too."""
    filters = filters or DirectoryFilters()
    structures = Structure.objects.filter(network_profile__listed=True)
    if filters.theme:
        structures = structures.filter(
            Q(network_profile__themes__has=filters.theme)
            | Q(places__status=PlaceStatus.PUBLISHED, places__services__has=filters.theme)
        )
    if filters.insee_code:
        structures = structures.filter(
            Q(places__status=PlaceStatus.PUBLISHED, places__commune_id=filters.insee_code)
            | Q(network_profile__communes=filters.insee_code)
            | Q(network_profile__department_wide=True)
        )
    elif filters.epci:
        structures = structures.filter(
            Q(places__status=PlaceStatus.PUBLISHED, places__commune__epci_id=filters.epci)
            | Q(network_profile__epcis=filters.epci)
            | Q(network_profile__department_wide=True)
        )
    if filters.text:
        structures = structures.filter(name__icontains=filters.text)
    if filters.role:
        structures = structures.filter(actors__listing=Listing.LISTED, actors__role=filters.role)
    return structures.distinct().select_related("network_profile").order_by("name", "pk")


def structure_page(*, structure_id: int) -> Structure | None:
    """A listed structure with its published places and its listed people."""
    return (
        Structure.objects.filter(pk=structure_id, network_profile__listed=True)
        .select_related("network_profile")
        .prefetch_related(
            Prefetch(
                "places",
                queryset=Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name"),
                to_attr="published_places",
            ),
            Prefetch("actors", queryset=actors_listed(), to_attr="listed_actors"),
        )
        .first()
    )


def work_groups() -> QuerySet[WorkGroup]:
    return WorkGroup.objects.prefetch_related(
        Prefetch("members", queryset=actors_listed(), to_attr="listed_members"), "structures"
    ).order_by("name")


# --- Suggestions -----------------------------------------------------------------------------------


def candidates() -> list[Candidate]:
    """Every listed person and listed structure, as the ranking sees them."""
    found: list[Candidate] = []
    for actor in actors_listed():
        found.append(
            Candidate(
                key=f"person:{actor.pk}",
                label=f"{actor.name} ({actor.structure_label})" if actor.structure_label else actor.name,
                role=actor.role,
                skills=frozenset(actor.skills),
                communes=frozenset(c.pk for c in actor.communes.all()),
                epcis=frozenset(e.pk for e in actor.epcis.all()),
                department_wide=actor.department_wide,
            )
        )
    places: dict[int, list[Place]] = defaultdict(list)
    for place in Place.objects.filter(
        status=PlaceStatus.PUBLISHED, structure__network_profile__listed=True
    ).select_related("commune"):
        places[place.structure_id].append(place)  # type: ignore[index]
    profiles = StructureProfile.objects.filter(listed=True).select_related("structure")
    for profile in profiles.prefetch_related("communes", "epcis"):
        own = places.get(profile.structure_id, [])
        found.append(
            Candidate(
                key=f"structure:{profile.structure_id}",
                label=profile.structure.name,
                skills=frozenset(profile.themes),
                place_services=frozenset(s for p in own for s in p.services),
                communes=frozenset(c.pk for c in profile.communes.all()),
                place_communes=frozenset(p.commune_id for p in own if p.commune_id),
                epcis=frozenset(e.pk for e in profile.epcis.all())
                | frozenset(p.commune.epci_id for p in own if p.commune and p.commune.epci_id),
                department_wide=profile.department_wide,
            )
        )
    return found


def suggestions_for(request: PartnershipRequest, *, role: str = "", limit: int = 10) -> list[Suggestion]:
    commune = request.commune
    need = Need(
        theme=request.theme,
        insee_code=commune.pk if commune else "",
        epci=(commune.epci_id or "") if commune else "",
        role=role,
    )
    epci_name = commune.epci.name if commune and commune.epci else ""
    return rank(
        candidates(), need, commune_name=commune.name if commune else "", epci_name=epci_name, limit=limit
    )


# --- The inbox and one request -------------------------------------------------------------------


def requests_inbox(*, state: str = "") -> QuerySet[PartnershipRequest]:
    requests = PartnershipRequest.objects.select_related("commune").prefetch_related("routings")
    if state == "open":
        requests = requests.exclude(state=RequestState.CLOSED)
    elif state:
        requests = requests.filter(state=state)
    return requests.order_by("-created_at", "-pk")


def request_detail(*, request_id: int) -> PartnershipRequest | None:
    return (
        PartnershipRequest.objects.select_related("commune", "commune__epci")
        .prefetch_related("routings", "thread")
        .filter(pk=request_id)
        .first()
    )


# --- Figures ---------------------------------------------------------------------------------------


def _window(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS)
    stop = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)
    return begin, stop


def _rows(counter: Counter[str]) -> list[list[object]]:
    return [[label, count] for label, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def _territory(request: PartnershipRequest) -> str:
    return request.commune.name if request.commune else (request.outside_territory or "Non précisé")


def request_figures(start: datetime.date, end: datetime.date) -> dict[str, object]:
    """Requests received in the period: by theme, territory, state, outcome (routed ones by territory too);
    median hours to the first answer."""
    begin, stop = _window(start, end)
    requests = list(
        PartnershipRequest.objects.filter(created_at__gte=begin, created_at__lt=stop)
        .exclude(outcome=Outcome.SPAM)
        .select_related("commune")
    )
    routed = [r for r in requests if r.state != RequestState.RECEIVED]
    delays = [
        (r.first_answer_at - r.created_at).total_seconds() / 3600 for r in requests if r.first_answer_at
    ]
    outcomes = Counter(Outcome(r.outcome).label for r in requests if r.outcome)
    routings = Routing.objects.filter(request__in=[r.pk for r in requests])
    answers = Counter(RoutingAnswer(a).label for a in routings.values_list("answer", flat=True))
    return {
        "received": len(requests),
        "routed": len(routed),
        "closed": sum(1 for r in requests if r.state == RequestState.CLOSED),
        "routings": sum(answers.values()),
        "median_hours": round(statistics.median(delays), 1) if delays else None,
        "by_theme": _rows(Counter(r.theme for r in requests)),
        "by_territory": _rows(Counter(_territory(r) for r in requests)),
        "routed_by_territory": _rows(Counter(_territory(r) for r in routed)),
        "by_state": _rows(Counter(RequestState(r.state).label for r in requests)),
        "by_outcome": _rows(outcomes),
        "by_answer": _rows(answers),
    }


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """The network's figures for the annual report (the inclusive period; directory figures as of now)."""
    figures = request_figures(start, end)
    labels = dict(ActorRole.choices)
    roles = Counter(
        str(labels.get(role, role))
        for role in Actor.objects.filter(listing=Listing.LISTED).values_list("role", flat=True)
    )
    topic = "network"
    result: list[dict[str, object]] = [
        {
            "key": "network.requests_received",
            "label": "Demandes de partenariat reçues",
            "value": figures["received"],
            "unit": "demandes",
            "topic": topic,
            "rows": figures["by_theme"],
        },
        {
            "key": "network.requests_routed",
            "label": "Demandes orientées vers des acteurs",
            "value": figures["routed"],
            "unit": "demandes",
            "topic": topic,
            "rows": figures["routed_by_territory"],  # its bars add up to the routed requests
        },
        {
            "key": "network.requests_closed",
            "label": "Demandes closes",
            "value": figures["closed"],
            "unit": "demandes",
            "topic": topic,
            "rows": figures["by_outcome"],
        },
        {
            "key": "network.routings",
            "label": "Orientations envoyées aux acteurs",
            "value": figures["routings"],
            "unit": "orientations",
            "topic": topic,
            "rows": figures["by_answer"],
        },
        {
            "key": "network.directory_people",
            "label": "Personnes dans l'annuaire",
            "value": sum(roles.values()),
            "unit": "personnes",
            "topic": topic,
            "rows": _rows(roles),
        },
        {
            "key": "network.directory_structures",
            "label": "Structures dans l'annuaire",
            "value": StructureProfile.objects.filter(listed=True).count(),
            "unit": "structures",
            "topic": topic,
        },
    ]
    result += gathering_figures(start, end)
    if figures["median_hours"] is not None:
        result.insert(
            3,
            {
                "key": "network.median_hours_to_first_answer",
                "label": "Délai médian avant la première réponse d'un acteur",
                "value": figures["median_hours"],
                "unit": "heures",
                "topic": topic,
            },
        )
    return result


def activity_prefill(pk: int) -> dict[str, object] | None:
    """A partnership request as a logged action (issue 19's quick entry): the support given."""
    request = (
        PartnershipRequest.objects.select_related("commune")
        .prefetch_related("routings")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        return None
    day = request.created_at.astimezone(PARIS).date()
    accepted = [r for r in request.routings.all() if r.answer == RoutingAnswer.ACCEPTED]
    structures = sorted(
        {r.structure_id for r in accepted if r.structure_id}
        | {r.actor.structure_id for r in accepted if r.actor and r.actor.structure_id}
    )
    lines = [f"Demande de {request.organisation} : {request.theme}."]
    if request.routings.all():
        lines.append("Orientée vers " + ", ".join(r.recipient_label for r in request.routings.all()) + ".")
    if accepted:
        lines.append("Acceptée par " + ", ".join(r.recipient_label for r in accepted) + ".")
    if request.outcome:
        lines.append(f"Issue : {Outcome(request.outcome).label}. {request.outcome_note}".strip())
    return {
        "title": f"Accompagnement de {request.organisation} : {request.theme}",
        "kind": "accompaniment",
        "date_start": request.date_from or day,
        "date_end": request.date_to or request.date_from or day,
        "commune_insee": request.commune_id,
        "place_id": None,
        "structure_ids": structures,
        "narrative": " ".join(lines),
        "source": f"network.request:{request.pk}",
    }


def activity_to_log(
    *, structure_ids: frozenset[int] | None, since: datetime.date, today: datetime.date
) -> list[dict[str, object]]:
    """Requests closed since `since` with something done (not spam, not withdrawn): the activity log's
    « to log » candidates. Requests are the animators' business: a member (`structure_ids`) gets none."""
    if structure_ids is not None:
        return []
    begin, stop = _window(since, today)
    closed = (
        PartnershipRequest.objects.filter(state=RequestState.CLOSED, closed_at__gte=begin, closed_at__lt=stop)
        .exclude(outcome__in=[Outcome.SPAM, Outcome.WITHDRAWN])
        .order_by("-closed_at", "-pk")
    )
    return [
        {
            "source": f"network.request:{request.pk}",
            "title": f"Accompagnement de {request.organisation} : {request.theme}",
            "what": f"Demande close le {request.closed_at.astimezone(PARIS):%d/%m/%Y} "
            f"({Outcome(request.outcome).label.lower()})",
            "day": request.closed_at.astimezone(PARIS).date(),
        }
        for request in closed
        if request.closed_at is not None
    ]
