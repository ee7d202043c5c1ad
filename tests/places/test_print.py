"""Printed documents from the outside, on the Loire's real demo census: a place's card (one A4 page) and
the booklet of a map selection (cover, numbered map, cards by commune, indexes), nothing fetched."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from maillage.core.pdf import PACKAGE_DIR, LocalOnlyFetcher, html_pdf
from maillage.core.text import normalize
from maillage.home.demo import demo_load
from maillage.places.domain.hours import describe_hours
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.publishing import printing
from maillage.publishing.forms import PlaceSearchForm
from maillage.publishing.printing import booklet_context, card_context

pytestmark = pytest.mark.django_db
SERVICE = "Aide aux démarches administratives"
LOIRE_FOREZ = "200065886"  # CA Loire Forez Agglomération


@pytest.fixture(scope="module", autouse=True)
def loire_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        demo_load(with_france=False)
        yield
        call_command("flush", interactive=False, verbosity=0)


def _poppler(command: list[str], pdf: bytes, tmp_path: Path) -> str:
    """The output of a poppler tool run on `pdf` (its path replaces "{pdf}" in `command`)."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} (poppler-utils) is missing")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    arguments = [str(path) if part == "{pdf}" else part for part in command]
    return subprocess.run(arguments, capture_output=True, check=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _poppler(["pdfinfo", "{pdf}"], pdf, tmp_path), re.MULTILINE)
    assert match
    return int(match.group(1))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    return " ".join(_poppler(["pdftotext", "{pdf}", "-"], pdf, tmp_path).split())


def pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    return [
        " ".join(page.split()) for page in _poppler(["pdftotext", "{pdf}", "-"], pdf, tmp_path).split("\f")
    ]


def _place_with_hours() -> Place:
    place = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .exclude(opening_hours="")
        .exclude(description="")
        .order_by("name")
        .first()
    )
    assert place is not None
    return place


def test_the_card_is_one_a4_page_with_its_hours_in_french(client: Client, tmp_path: Path) -> None:
    place = _place_with_hours()
    response = client.get(f"/lieux/{place.pk}/fiche.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content, tmp_path) == 1
    text = pdf_text(response.content, tmp_path)
    assert " ".join(place.name.split()) in text
    assert "Horaires habituels" in text
    lines = describe_hours(place.opening_hours)
    assert lines
    assert all(" ".join(line.split()) in text for line in lines)
    assert f"/lieux/{place.pk}/" in text.replace(" ", "")


def test_every_published_card_fits_on_one_page(tmp_path: Path) -> None:
    """The longest presentations are cut: no card runs onto a second page."""
    now = timezone.now()
    longest = sorted(
        Place.objects.filter(status=PlaceStatus.PUBLISHED).select_related("commune__epci"),
        key=lambda place: -(len(place.description) + 40 * len(place.services) + 60 * len(place.emails)),
    )[:3]
    for place in longest:
        html = render_to_string("publishing/print/card.html", card_context(place, now))
        assert pdf_pages(html_pdf(html), tmp_path) == 1, place.name


def test_the_card_holds_the_qr_code_and_the_locator_map() -> None:
    place = _place_with_hours()
    context = card_context(place, timezone.now())
    html = render_to_string("publishing/print/card.html", context)
    assert '<svg viewBox="0 0' in html
    assert 'class="qr"' in html
    assert f"<title>QR code : {context['item'].url}</title>" in html
    assert context["item"].url.endswith(f"/lieux/{place.pk}/")
    assert 'class="here"' in context["locator_svg"]  # the place's commune, highlighted
    assert "<circle" in context["locator_svg"]  # the place's position


def test_a_private_contact_stays_off_the_card(tmp_path: Path) -> None:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(phone="").first()
    assert place is not None
    place.contact_private = True
    html = render_to_string("publishing/print/card.html", card_context(place, timezone.now()))
    assert place.phone not in html
    assert all(email not in html for email in place.emails)


def test_drafts_have_no_printed_card(client: Client) -> None:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).first()
    assert place is not None
    Place.objects.filter(pk=place.pk).update(status=PlaceStatus.DRAFT)
    assert client.get(f"/lieux/{place.pk}/fiche.pdf").status_code == 404


def test_the_place_page_links_to_its_printed_card(client: Client) -> None:
    place = _place_with_hours()
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    assert f'href="/lieux/{place.pk}/fiche.pdf"' in html
    assert "Imprimer la fiche (PDF)" in html


def test_the_booklet_of_a_selection(client: Client, tmp_path: Path) -> None:
    # One intercommunality's places (ten communes); the whole Loire's booklet is timed by make bench
    selection = Place.objects.filter(
        status=PlaceStatus.PUBLISHED, services__has_any=[SERVICE], commune__epci_id=LOIRE_FOREZ
    )
    expected = selection.count()
    assert expected > 5
    assert selection.values("insee_code").distinct().count() > 5
    response = client.get("/carte/livret.pdf", {"services": SERVICE, "epci": LOIRE_FOREZ})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pages_text(response.content, tmp_path)
    assert len([page for page in pages if page]) > 2
    cover, map_page = pages[0], pages[1]
    assert f"Services : {SERVICE}" in cover
    assert f"{expected} lieux" in cover
    assert "Carte des lieux" in map_page
    body = " ".join(pages[2:])
    assert "Index des communes" in body
    assert "Index des lieux de A à Z" in body
    assert re.search(r"n° 1 \(p\. \d+\)", body)


def test_the_booklet_numbers_match_between_the_map_and_the_cards(client: Client) -> None:
    form = PlaceSearchForm({"services": [SERVICE]})
    now = timezone.now()
    context = booklet_context(
        form.search_filters(now=now), now, selection=form.selection_lines(), errors=form.error_list()
    )
    cards = context["cards"]
    assert [item.number for item in cards] == list(range(1, len(cards) + 1))
    html = render_to_string("publishing/print/booklet.html", context)
    labels = re.findall(r'<text class="dot-label"[^>]*>(\d+)</text>', context["map_svg"])
    positioned = [str(item.number) for item in cards if item.place.latitude is not None]
    assert labels == positioned
    for item in cards:
        assert f'id="lieu-{item.number}"' in html
        assert f'<span class="card__number">{item.number}</span>' in html
    communes = [group.name for group in context["groups"]]
    assert communes == sorted(communes, key=normalize)


def test_the_map_links_to_the_booklet_of_its_selection(client: Client) -> None:
    html = client.get("/carte/", {"services": SERVICE}).content.decode()
    assert 'href="/carte/livret.pdf?services=Aide+aux+d%C3%A9marches+administratives"' in html


def test_the_booklet_is_capped(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "BOOKLET_LIMIT", 5)
    form = PlaceSearchForm({})
    now = timezone.now()
    context = printing.booklet_context(
        form.search_filters(now=now), now, selection=form.selection_lines(), errors=form.error_list()
    )
    assert len(context["cards"]) == 5
    assert context["capped"]
    html = render_to_string("publishing/print/booklet.html", context)
    assert "un livret en imprime 5 au plus" in html


def test_the_fetcher_refuses_anything_not_local(tmp_path: Path) -> None:
    fetcher = LocalOnlyFetcher()
    for url in [
        "https://fonts.example.org/font.woff2",
        "http://127.0.0.1/logo.png",
        "ftp://example.org/a.css",
    ]:
        with pytest.raises(ValueError, match="Ressource non locale refusée"):
            fetcher.fetch(url)
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red }")
    with pytest.raises(ValueError, match="Ressource non locale refusée"):
        fetcher.fetch(outside.as_uri())
    assert fetcher.fetch("data:text/plain,bonjour").read() == b"bonjour"
    svg = fetcher.fetch("data:image/svg+xml;base64,PHN2Zy8+")  # the booklet's map: decoded, not opened
    assert (svg.read(), svg.headers.get_content_type()) == (b"<svg/>", "image/svg+xml")
    assert b"{" in fetcher.fetch((PACKAGE_DIR / "publishing" / "print_maps.py").as_uri()).read()


def test_printing_makes_no_network_request(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    html = """<html><head><style>@import url("https://example.org/x.css");
      @font-face { font-family: Web; src: url("https://example.org/web.woff2"); }</style></head>
      <body><img src="https://example.org/logo.png" alt="logo"><p>Fiche</p></body></html>"""
    assert html_pdf(html).startswith(b"%PDF")
    place = _place_with_hours()
    assert client.get(f"/lieux/{place.pk}/fiche.pdf").content.startswith(b"%PDF")
    booklet = client.get("/carte/livret.pdf", {"code_insee": place.insee_code, "q": place.name})
    assert booklet.content.startswith(b"%PDF")  # cover, map, card: every part of a booklet, one place
    assert not attempts
