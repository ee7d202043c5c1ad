"""Stored XSS in the census: payloads typed into every free-text field a contributor or an editor can fill,
published by an animator, then every page and feed that shows them is rendered: all of it is inert.

The payloads and the checks are in tests/security/xss.py; the same stored values are opened in Chromium
by tests/browser/test_stored_xss.py. Made-up values only: no real person or place is described.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import Membership, Structure
from maillage.contributions.forms.editing import PlaceEditForm
from maillage.contributions.services.contributions import contribution_approve, contribution_reject
from maillage.opendata.catalogue import FILE_KINDS
from maillage.opendata.services import opendata_regenerate
from maillage.places.enums import ContributionKind, ContributionStatus, PlaceStatus
from maillage.places.models import Contribution, Place
from maillage.publishing.printing import card_context
from tests.security.xss import TEXT_PAYLOADS, URL_PAYLOADS, assert_inert, assert_json_inert, payload_text

pytestmark = pytest.mark.django_db

# The free-text fields of a card a visitor can propose (the others are checked values: phone, postcode…).
FREE_TEXT = ("name", "address_complement", "summary", "description")
URL_FIELDS = ("websites", "booking_url")
HOSTILE_URL = URL_PAYLOADS[1]
SAINT_ETIENNE = (45.430254, 4.378615)  # centre of commune 42218 in the shipped commune file


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def animator(db: None) -> User:
    return get_user_model().objects.create_user(
        "animatrice-xss", email="animatrice-xss@example.org", password="x", is_staff=True
    )


@pytest.fixture
def animator_client(animator: User) -> Client:
    client = Client()
    client.force_login(animator)
    return client


def _hostile_card() -> dict[str, Any]:
    """A made-up place whose every free-text field carries the payloads (summary: 280 characters)."""
    return {
        "name": payload_text("nom")[:250],
        "address": "12 rue de la République",
        "address_complement": payload_text("complément")[:300],
        "postal_code": "42000",
        "commune_name": "Saint-Étienne",
        "summary": ("résumé " + TEXT_PAYLOADS[1] + " " + TEXT_PAYLOADS[0] + " " + TEXT_PAYLOADS[5])[:280],
        "description": payload_text("description"),
        "websites": HOSTILE_URL,
        "booking_url": HOSTILE_URL,
        "services": ["Aide aux démarches administratives"],
        "email": "contributrice-fictive@example.org",
        "comment": payload_text("commentaire"),
        "site_personnel": "",
        "action": "send",
    }


def _published_hostile_place(client: Client, animator: User) -> Place:
    response = client.post(reverse("contributions:contribution-new"), _hostile_card())
    assert response.status_code == 302, response.content.decode()[:3000]
    contribution = Contribution.objects.get(kind=ContributionKind.NEW_PLACE)
    # The animator places it on the map (a proposal brings no position): the commune's centre.
    position = {"latitude": SAINT_ETIENNE[0], "longitude": SAINT_ETIENNE[1]}
    contribution_approve(
        contribution=contribution, moderator=animator, changes={**contribution.data, **position}
    )
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED
    place = Place.objects.get(pk=contribution.place_id)
    assert place.status == PlaceStatus.PUBLISHED
    assert place.latitude is not None
    return place


def test_a_proposal_full_of_payloads_is_inert_in_the_moderation_queue(
    loire_census: None, client: Client, animator_client: Client
) -> None:
    response = client.post(reverse("contributions:contribution-new"), _hostile_card())
    assert response.status_code == 302, response.content.decode()[:3000]
    contribution = Contribution.objects.get()
    assert contribution.data["name"].startswith(
        "nom <script>"
    )  # stored as typed: escaping is the output's job
    queue = animator_client.get(reverse("contributions:moderation-list"))
    assert_inert(queue.content.decode(), "moderation queue", shows=TEXT_PAYLOADS[0])
    item = animator_client.get(reverse("contributions:moderation-item", args=[contribution.pk]))
    assert_inert(item.content.decode(), "moderation item", shows=payload_text("description"))


def test_urls_with_a_script_scheme_are_refused_and_the_error_page_is_inert(
    loire_census: None, client: Client
) -> None:
    for field in URL_FIELDS:
        response = client.post(
            reverse("contributions:contribution-new"), {**_hostile_card(), field: URL_PAYLOADS[0]}
        )
        assert response.status_code == 200  # the form again, with its errors
        assert_inert(response.content.decode(), f"form refusing {field}")
    # Checked fields re-displayed with an error (phone, postcode, hours, commune) are inert too.
    for field in ("phone", "postal_code", "opening_hours", "commune_name", "emails", "pivot"):
        response = client.post(
            reverse("contributions:contribution-new"), {**_hostile_card(), field: TEXT_PAYLOADS[1]}
        )
        assert response.status_code == 200, field
        assert_inert(response.content.decode(), f"form refusing {field}")
    assert not Contribution.objects.exists()


def test_a_published_place_full_of_payloads_is_inert_on_every_page_and_feed(
    loire_census: None, client: Client, animator: User, animator_client: Client
) -> None:
    place = _published_hostile_place(client, animator)
    name = place.name
    assert name.startswith("nom <script>")
    pages = {
        "place page": (reverse("publishing:place-detail", args=[place.pk]), payload_text("description")),
        "history": (reverse("contributions:place-history", args=[place.pk]), None),
        "map results": (reverse("publishing:map") + "?q=nom", TEXT_PAYLOADS[0]),
        "embedded map": (reverse("publishing:embed-map") + "?q=nom", None),
        "correction form": (reverse("contributions:contribution-correct", args=[place.pk]), None),
        "report form": (reverse("contributions:contribution-report", args=[place.pk]), None),
        "quality list": (reverse("census:quality-list"), None),
        "moderation queue": (reverse("contributions:moderation-list"), None),
        "home": ("/", None),
    }
    for where, (url, shows) in pages.items():
        response = animator_client.get(url)
        assert response.status_code == 200, (where, response.status_code)
        assert_inert(response.content.decode(), where, shows=shows)
    # The printed card: its HTML before WeasyPrint (which runs no script, but the HTML must be inert too).
    card = render_to_string(
        "publishing/print/card.html", card_context(place, datetime.datetime.now(datetime.UTC))
    )
    assert_inert(card, "printed card", shows=TEXT_PAYLOADS[0])
    # JSON: served as JSON, the payload a string inside.
    feeds = {
        "search API": f"/api/v1/lieux?q={place.pk}",
        "place API": f"/api/v1/lieux/{place.pk}",
        "API GeoJSON": "/api/v1/lieux.geojson",
        "map GeoJSON": reverse("publishing:map-points"),
    }
    for where, url in feeds.items():
        response = client.get(url)
        assert response.status_code == 200, (where, response.status_code)
        assert_json_inert(response.content, response["Content-Type"], where)
    detail = client.get(f"/api/v1/lieux/{place.pk}").json()
    assert detail["nom"] == name  # as typed: a JSON consumer gets the text, not HTML entities


def test_open_data_files_carry_the_payload_as_data(
    loire_census: None, client: Client, animator: User, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    _published_hostile_place(client, animator)
    opendata_regenerate(force=True)
    page = client.get(reverse("opendata:opendata-list"))
    assert page.status_code == 200
    assert_inert(page.content.decode(), "open data page")
    for kind in FILE_KINDS:
        response = client.get(reverse("opendata:opendata-download", args=[kind.key]))
        assert response.status_code == 200, kind.key
        assert "html" not in response["Content-Type"], (kind.key, response["Content-Type"])
        assert response["X-Content-Type-Options"] == "nosniff"
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        if kind.content_type.startswith("application/"):
            text = json.dumps(json.loads(text), ensure_ascii=False)  # the payload, unescaped, as data
        assert TEXT_PAYLOADS[0] in text, f"{kind.key}: the place is missing"


def _edit_post(place: Place, **overrides: Any) -> dict[str, Any]:
    """What the edit form posts when nothing is touched, with `overrides`."""
    form = PlaceEditForm(place=place)
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form.initial.get(name, "")
        data[name] = value if isinstance(value, list) else ("" if value is None else str(value))
    data.update(action="save", **overrides)
    return {name: value for name, value in data.items() if value != []}


def test_an_editor_typing_payloads_into_the_card_and_history_is_inert(
    loire_census: None, client: Client
) -> None:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name").first()
    assert place is not None
    place.structure = Structure.objects.create(name=payload_text("structure")[:200])
    place.save(update_fields=["structure"])
    editor = get_user_model().objects.create_user(
        "editrice-xss", email="editrice-xss@example.org", password="x"
    )
    Membership.objects.create(user=editor, structure=place.structure)
    client.force_login(editor)
    form = client.get(reverse("contributions:place-edit", args=[place.pk]))
    assert form.status_code == 200
    assert_inert(form.content.decode(), "edit form")
    card = _hostile_card()
    post = _edit_post(
        place,
        **{name: card[name] for name in (*FREE_TEXT, *URL_FIELDS)},
        parent_structure=payload_text("structure parente")[:250],
        comment=payload_text("note de version")[:500],
    )
    response = client.post(reverse("contributions:place-edit", args=[place.pk]), post)
    assert response.status_code in {200, 302}
    assert_inert(response.content.decode(), "edit form answer")
    place.refresh_from_db()
    if response.status_code == 200:
        pytest.fail("the editor's change was refused: " + response.content.decode()[:2000])
    for where, url in {
        "place page": reverse("publishing:place-detail", args=[place.pk]),
        "history": reverse("contributions:place-history", args=[place.pk]),
        "account": reverse("accounts:account"),
    }.items():
        page = client.get(url)
        assert page.status_code == 200, where
        assert_inert(page.content.decode(), where)


def test_a_report_and_a_rejection_reason_full_of_payloads_are_inert(
    loire_census: None, client: Client, animator: User, animator_client: Client
) -> None:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name").first()
    assert place is not None
    response = client.post(
        reverse("contributions:contribution-report", args=[place.pk]),
        {
            "reason": "wrong",
            "comment": payload_text("signalement"),
            "duplicate_query": TEXT_PAYLOADS[1],
            "email": "signalement-fictif@example.org",
            "site_personnel": "",
            "action": "send",
        },
    )
    assert response.status_code in {200, 302}
    assert_inert(response.content.decode(), "report answer")
    for contribution in Contribution.objects.all():
        item = animator_client.get(reverse("contributions:moderation-item", args=[contribution.pk]))
        assert_inert(item.content.decode(), "report in moderation", shows=TEXT_PAYLOADS[0])
        contribution_reject(contribution=contribution, moderator=animator, reason=payload_text("refus"))
    queue = animator_client.get(reverse("contributions:moderation-list") + "?statut=tout")
    assert_inert(queue.content.decode(), "moderation queue after rejection")
