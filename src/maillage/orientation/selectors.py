"""Reads of the orientation flow: communes (suggestions, resolution), fitting places, the sheet's places.

Places are found with `places.search.places_search`, nearest first from the commune's centre (or the
person's position) within `RADIUS_KM`, widened to `WIDER_RADIUS_KM` when fewer than `MIN_RESULTS` fit.
An itinerant place (`mobility` holds "Itinérant") has no area in the standard: it is taken to cover the
communes of its own commune's EPCI, and is listed apart.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db.models import F, Q

from maillage.core.geo import Point, haversine_km
from maillage.core.text import normalize_commune
from maillage.orientation.domain import (
    FREE_FEES,
    ITINERANT,
    REMOTE_MODE,
    CompatibleOpening,
    Constraints,
    Need,
    Offer,
    SupportMode,
    access_summary,
    match_reasons,
    next_compatible_opening,
    offer_fits,
    phone_display,
)
from maillage.orientation.reach import asks_to_call
from maillage.places.domain.hours import describe_hours
from maillage.places.domain.listing import Placed, by_distance, position_only_commune
from maillage.places.domain.search import SearchFilters
from maillage.places.models import Place
from maillage.places.search import Hit, places_search
from maillage.places.selectors import places_published
from maillage.territories.models import Commune

RADIUS_KM = 30.0
WIDER_RADIUS_KM = 60.0
MIN_RESULTS = 3
MAX_RESULTS = 10
SUGGESTIONS = 8
CHOICES = 10
NEAREST_COMMUNE_MAX_KM = 25.0
_WITH_POSTAL_CODE = re.compile(r"^(?P<name>.*?)[\s,(]*(?P<code>\d{5})\)?$")


# --- Communes -----------------------------------------------------------------------------------


def _commune_order(commune: Commune, name: str) -> tuple[bool, bool, int, str]:
    return (
        not commune.in_territory,
        not commune.search_name.startswith(name),
        -(commune.population or 0),
        commune.search_name,
    )


def communes_suggest(*, text: str, limit: int = SUGGESTIONS) -> list[Commune]:
    """Communes whose name (a word of it) or postal code begins with `text`: the territory's first."""
    text = text.strip()
    if len(text) < 2:
        return []
    queryset = Commune.objects.select_related("epci")
    if text.isdigit():
        rows = queryset.filter(postal_codes__icontains=text)
        found = [c for c in rows.iterator() if any(code.startswith(text) for code in c.postal_codes)]
        return sorted(found, key=lambda commune: _commune_order(commune, ""))[:limit]
    name = normalize_commune(text)
    if not name:
        return []
    rows = queryset.filter(Q(search_name__startswith=name) | Q(search_name__contains=f" {name}"))
    candidates = rows.order_by("-in_territory", F("population").desc(nulls_last=True))[:200]
    return sorted(candidates, key=lambda commune: _commune_order(commune, name))[:limit]


@dataclass(frozen=True)
class CommuneLookup:
    commune: Commune | None = None
    choices: list[Commune] = field(default_factory=list)
    error: str = ""


def commune_resolve(*, text: str) -> CommuneLookup:
    """The commune a person typed ('Montbrison', '42600', 'Saint-Just 42170'), or choices, or an error.

    The territory's communes come first: when exactly one candidate lies in the territory, it is taken.
    """
    text = " ".join(text.split())
    if not text:
        return CommuneLookup(
            error="Commune : indiquez le nom ou le code postal d'une commune, ou utilisez votre position."
        )
    match = _WITH_POSTAL_CODE.match(text)
    name, code = (match["name"].strip(" ,("), match["code"]) if match else (text, "")
    candidates: list[Commune] = []
    if name:
        candidates = list(Commune.objects.select_related("epci").filter(search_name=normalize_commune(name)))
        candidates = candidates or communes_suggest(text=name, limit=200)
    else:
        rows = Commune.objects.select_related("epci").filter(postal_codes__icontains=code)
        candidates = list(rows)
    if code:
        candidates = [commune for commune in candidates if code in commune.postal_codes]
    candidates.sort(key=lambda commune: _commune_order(commune, normalize_commune(name)))
    in_territory = [commune for commune in candidates if commune.in_territory]
    if len(in_territory) == 1:
        return CommuneLookup(commune=in_territory[0])
    if len(candidates) == 1:
        return CommuneLookup(commune=candidates[0])
    if not candidates:
        return CommuneLookup(
            error=f"Commune : aucune commune ne correspond à « {text} ». "
            "Vérifiez l'orthographe ou saisissez le code postal."
        )
    return CommuneLookup(
        choices=candidates[:CHOICES],
        error=f"Commune : plusieurs communes correspondent à « {text} ». Choisissez-la dans la liste.",
    )


def commune_get(*, insee_code: str) -> Commune | None:
    return Commune.objects.select_related("epci").filter(insee_code=insee_code).first()


def commune_nearest(*, point: Point) -> Commune | None:
    """The territory's commune whose centre is nearest `point`, if within `NEAREST_COMMUNE_MAX_KM`."""
    communes = Commune.objects.select_related("epci").filter(in_territory=True).exclude(latitude=None)
    best = min(
        ((haversine_km(point, Point(c.latitude, c.longitude)), c) for c in communes),  # type: ignore[arg-type]
        key=lambda pair: pair[0],
        default=None,
    )
    return best[1] if best is not None and best[0] <= NEAREST_COMMUNE_MAX_KM else None


@dataclass(frozen=True)
class Origin:
    """Where the person starts from: a commune (its centre), or a position (near a commune)."""

    label: str
    point: Point | None
    commune: Commune | None
    from_position: bool = False

    @property
    def counted_insee_code(self) -> str | None:
        """The commune recorded with the anonymous count: none for a position."""
        return None if self.from_position or self.commune is None else self.commune.insee_code


def origin_from_commune(commune: Commune) -> Origin:
    point = None if commune.latitude is None else Point(commune.latitude, commune.longitude)  # type: ignore[arg-type]
    codes = ", ".join(commune.postal_codes) or commune.insee_code
    return Origin(f"{commune.name} ({codes})", point, commune)


def origin_from_position(*, point: Point) -> Origin:
    near = commune_nearest(point=point)
    label = f"la position indiquée (près de {near.name})" if near else "la position indiquée"
    return Origin(label, point, near, from_position=True)


# --- Places -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultCard:
    place: Place
    distance_km: float | None
    reasons: list[str]
    opening: CompatibleOpening
    access: str
    phone: str = ""
    hours_lines: list[str] = field(default_factory=list)
    call_before: bool = False  # the card tells the person to call first: its number, or what else
    emails: list[str] = field(default_factory=list)  # shown when no number is known
    approximate: bool = False  # the position is only the commune's centre
    in_commune: bool = False  # ... and that commune is the origin: « dans la commune », not « 0 km »


@dataclass(frozen=True)
class OrientationResults:
    cards: list[ResultCard]
    itinerant: list[ResultCard]
    found: int  # fitting places in the radius, before keeping the `MAX_RESULTS` nearest
    radius_km: float | None  # None: no centre known, places of the commune or its EPCI
    widened: bool
    closed: int  # places left out: their hours rule out every slot the person gave
    scope: str = ""  # without a centre: "commune" or "epci" (where places were looked for)

    @property
    def any_in_commune(self) -> bool:
        """Some place is known only to be in the origin commune (« dans la commune »)."""
        return any(card.in_commune for card in self.cards)


def _offer(place: Place) -> Offer:
    return Offer(
        services=place.services,
        publics=place.publics,
        specific_support=place.specific_support,
        fees=place.fees,
        access_modes=place.access_modes,
        support_modes=place.support_modes,
        booking_url=place.booking_url,
    )


def _commune_centre(place: Place) -> Point | None:
    commune = place.commune
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    return Point(commune.latitude, commune.longitude)


def _card(
    place: Place,
    distance: float | None,
    need: Need,
    constraints: Constraints,
    now: datetime,
    origin: Origin | None = None,
) -> ResultCard:
    offer = _offer(place)
    opening = next_compatible_opening(place.opening_hours, constraints.slots, now)
    reasons = match_reasons(need, constraints, offer)
    access = access_summary(offer)
    position = None if place.latitude is None else Point(place.latitude, place.longitude)  # type: ignore[arg-type]
    approximate = position_only_commune(
        flagged=place.position_approximate, position=position, commune_centre=_commune_centre(place)
    )
    in_origin = bool(
        origin is not None
        and not origin.from_position
        and origin.commune is not None
        and place.insee_code == origin.commune.insee_code
    )
    return ResultCard(
        place,
        distance,
        reasons,
        opening,
        access,
        phone_display(place.phone),
        call_before=asks_to_call([opening.text, access, *reasons], place.access_modes),
        emails=[] if place.contact_private else list(place.emails),
        approximate=approximate,
        in_commune=approximate and in_origin,
    )


def _honest_order(cards: list[ResultCard], origin: Origin) -> list[ResultCard]:
    """Nearest first; a place only known to be in the origin commune is not ranked at 0 km but at the
    mean distance of a point of that commune (`places.domain.listing.by_distance`)."""
    commune = origin.commune if not origin.from_position else None
    area = commune.area_km2 if commune is not None else None

    def placed(card: ResultCard) -> Placed:
        return Placed(card.distance_km, card.approximate, card.in_commune, area)

    return by_distance(cards, placed, lambda card: card.place.name)


def _fitting(
    hits: Sequence[Hit],
    need: Need,
    constraints: Constraints,
    now: datetime,
    *,
    itinerant: bool,
    origin: Origin | None = None,
) -> tuple[list[ResultCard], int]:
    cards, closed = [], 0
    for hit in hits:
        if (ITINERANT in hit.place.mobility) != itinerant:
            continue
        if not offer_fits(need, constraints, _offer(hit.place)):
            continue
        card = _card(hit.place, hit.distance_km, need, constraints, now, origin)
        if card.opening.fits:
            cards.append(card)
        else:
            closed += 1
    return cards, closed


def _filters(need: Need, constraints: Constraints) -> SearchFilters:
    return SearchFilters(
        services=need.services,
        publics=constraints.publics,
        all_publics_match=True,
        specific_support=constraints.specific_support,
        fees=FREE_FEES if constraints.free_only else (),
        support_modes=(REMOTE_MODE,) if constraints.support is SupportMode.REMOTE else (),
    )


def orientation_search(
    *, need: Need, constraints: Constraints, origin: Origin, now: datetime
) -> OrientationResults:
    """The places that fit, nearest first, and the itinerant places covering the person's commune."""
    base = _filters(need, constraints)
    radius: float | None = None
    scope = ""
    cards: list[ResultCard] = []
    closed = 0
    if origin.point is not None:
        for radius in (RADIUS_KM, WIDER_RADIUS_KM):
            hits = places_search(replace(base, point=origin.point, distance_km=radius)).hits
            cards, closed = _fitting(hits, need, constraints, now, itinerant=False, origin=origin)
            cards = _honest_order(cards, origin)
            if len(cards) >= MIN_RESULTS:
                break
    elif origin.commune is not None:  # a commune without a known centre: its places, else its EPCI's
        scope = "commune"
        hits = places_search(replace(base, insee_codes=(origin.commune.insee_code,))).hits
        cards, closed = _fitting(hits, need, constraints, now, itinerant=False)
        if not cards and origin.commune.epci_id:
            scope = "epci"
            hits = places_search(replace(base, epcis=(origin.commune.epci_id,))).hits
            cards, closed = _fitting(hits, need, constraints, now, itinerant=False)
    itinerant: list[ResultCard] = []
    if origin.commune is not None and origin.commune.epci_id:
        hits = places_search(replace(base, mobility=(ITINERANT,), epcis=(origin.commune.epci_id,))).hits
        itinerant, _ = _fitting(hits, need, constraints, now, itinerant=True)
    return OrientationResults(
        cards=cards[:MAX_RESULTS],
        itinerant=itinerant,
        found=len(cards),
        radius_km=radius,
        widened=radius == WIDER_RADIUS_KM,
        closed=closed,
        scope=scope,
    )


def orientation_sheet_cards(
    *, place_ids: Sequence[uuid.UUID], need: Need, constraints: Constraints, origin: Origin, now: datetime
) -> list[ResultCard]:
    """The chosen published places, in the order chosen, with their weekly hours in French."""
    places = places_published().select_related("commune__epci").in_bulk(list(place_ids))
    cards = []
    for place_id in place_ids:
        place = places.get(place_id)
        if place is None:
            continue
        distance = None
        if origin.point is not None and place.latitude is not None and ITINERANT not in place.mobility:
            distance = haversine_km(origin.point, Point(place.latitude, place.longitude))  # type: ignore[arg-type]
        card = _card(place, distance, need, constraints, now, origin)
        cards.append(replace(card, hours_lines=describe_hours(place.opening_hours, year=now.year)))
    return cards
