"""Printed cards and booklets: what their templates need, built from the same presenters as the web.

`card_pdf` prints one place on one A4 page (with a locator map and a QR code to its online card);
`booklet_pdf` prints a filtered selection of the map: cover, numbered map, cards by commune, indexes.
"""

from __future__ import annotations

import base64
import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse

from maillage.core.pdf import render_pdf
from maillage.core.text import normalize
from maillage.places.domain.search import SearchFilters
from maillage.places.models import Place
from maillage.places.search import places_search
from maillage.publishing.presenters import PlaceCard, place_card
from maillage.publishing.print_index import index_pages
from maillage.publishing.print_maps import booklet_map_svg, locator_svg

BOOKLET_LIMIT = 300
DESCRIPTION_LIMIT = 1200  # characters: a card fits on one page whatever its presentation


@dataclass(frozen=True)
class PrintedCard:
    number: int
    place: Place
    card: PlaceCard
    url: str

    @property
    def show_contact(self) -> bool:
        """A structure may keep its phone and e-mails off public documents (`contact_private`)."""
        return not self.place.contact_private

    @property
    def facets(self) -> list[Any]:
        return [facet for facet in self.card.facets if facet.values]


def commune_name(place: Place) -> str:
    """The commune's official name when the place is linked to one (sources spell it in many ways)."""
    return (
        place.commune.name if place.commune is not None else (place.commune_name or "Commune non renseignée")
    )


@dataclass(frozen=True)
class CommuneGroup:
    name: str
    cards: list[PrintedCard]


def public_url(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def qr_svg(url: str) -> str:
    """A QR code of `url` as an inline <svg> (sized by CSS)."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", title=f"QR code : {url}"))


def svg_data_uri(svg: str) -> str:
    """`svg` as a `data:` URI for an <img>: WeasyPrint draws it once, without cascading the page's CSS
    over its hundreds of outlines and markers (as it does for an <svg> inline in the HTML)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _printed(number: int, place: Place, now: datetime.datetime) -> PrintedCard:
    url = public_url(reverse("publishing:place-detail", args=[place.pk]))
    return PrintedCard(number, place, place_card(place, now), url)


def card_context(place: Place, now: datetime.datetime) -> dict[str, Any]:
    item = _printed(1, place, now)
    return {
        "item": item,
        "qr_svg": qr_svg(item.url),
        "locator_svg": locator_svg(place),
        "now": now,
        "network_name": settings.MAILLAGE_NETWORK_NAME,
        "description_limit": DESCRIPTION_LIMIT,
    }


def card_pdf(place: Place, now: datetime.datetime) -> bytes:
    """One place's card on one A4 page."""
    return render_pdf("publishing/print/card.html", card_context(place, now))


def booklet_context(
    filters: SearchFilters, now: datetime.datetime, *, selection: list[str], errors: list[tuple[str, str]]
) -> dict[str, Any]:
    """The booklet of what `filters` find; `selection` says it in French, `errors` the values left out."""
    places = [hit.place for hit in places_search(filters).hits]
    places.sort(key=lambda p: (normalize(commune_name(p)), normalize(p.name), str(p.pk)))
    total = len(places)
    cards = [_printed(number, place, now) for number, place in enumerate(places[:BOOKLET_LIMIT], start=1)]
    groups = [
        CommuneGroup(name, list(items))
        for name, items in itertools.groupby(cards, key=lambda item: commune_name(item.place))
    ]
    map_svg = booklet_map_svg([(item.number, item.place) for item in cards])
    by_name = sorted(cards, key=lambda item: (normalize(item.place.name), item.number))
    index: list[tuple[str, str, Sequence[Any]]] = [
        ("index-communes", "Index des communes", groups),
        ("index-names", "Index des lieux de A à Z", by_name),
    ]
    return {
        "network_name": settings.MAILLAGE_NETWORK_NAME,
        "selection": selection,
        "errors": errors,
        "now": now,
        "total": total,
        "cards": cards,
        "groups": groups,
        "by_name": by_name,
        "index": index_pages(index) if cards else [],
        "limit": BOOKLET_LIMIT,
        "capped": total > BOOKLET_LIMIT,
        "map_svg": map_svg,
        "map_src": svg_data_uri(map_svg),
        "map_url": public_url(reverse("publishing:map")),
    }


def booklet_pdf(
    filters: SearchFilters, now: datetime.datetime, *, selection: list[str], errors: list[tuple[str, str]]
) -> bytes:
    """The selection as a booklet (at most `BOOKLET_LIMIT` cards)."""
    context = booklet_context(filters, now, selection=selection, errors=errors)
    return render_pdf("publishing/print/booklet.html", context)
