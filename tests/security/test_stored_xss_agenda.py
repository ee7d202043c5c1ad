"""Stored XSS in the agenda: an event proposed by a visitor with payloads in every free-text field (the
Markdown description included), published by the animator, registrations with hostile names; then every
page and feed that shows them. Made-up events and people only.
"""

from __future__ import annotations

import datetime
import json

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.agenda.enums import Publication
from maillage.agenda.models import Event
from tests.agenda.factories import user_make
from tests.security.xss import TEXT_PAYLOADS, URL_PAYLOADS, assert_inert, payload_text

pytestmark = pytest.mark.django_db

TITLE = "Exemple fictif " + TEXT_PAYLOADS[0] + " " + TEXT_PAYLOADS[1]
MARKDOWN = (
    "**Gras** et [un lien piégé](javascript:window.__xss=1) et [autre](JaVaScRiPt:window.__xss=1)\n\n"
    '<a href="javascript:window.__xss=1">brut</a> <img src=x onerror="window.__xss=1">\n\n'
    "![image](javascript:window.__xss=1) <svg onload=window.__xss=1></svg>\n\n" + payload_text("description")
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _proposal(day: str) -> dict[str, str]:
    return {
        "title": TITLE,
        "summary": ("Exemple fictif " + TEXT_PAYLOADS[1])[:200],
        "description": MARKDOWN,
        "location_name": payload_text("lieu")[:250],
        "address": ("1 rue de l'exemple " + TEXT_PAYLOADS[2])[:300],
        "online_url": URL_PAYLOADS[1],
        "price": ("Gratuit " + TEXT_PAYLOADS[3])[:200],
        "registration_kind": "maillage",
        "image_alt": payload_text("image")[:300],
        "proposer_email": "proposeuse-fictive@example.org",
        "creneau-1-day": day,
        "creneau-1-begin": "14:00",
        "creneau-1-end": "16:00",
        "creneau-1-capacity": "10",
        "site_personnel": "",
    }


def test_a_hostile_event_is_inert_everywhere_it_is_shown(django_capture_on_commit_callbacks: object) -> None:
    animator = user_make("animation-xss@example.org", is_staff=True)
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    refused = _client().post("/agenda/nouveau/", _proposal(day) | {"online_url": URL_PAYLOADS[0]})
    assert refused.status_code == 400  # a script URL is no link to join online
    assert_inert(refused.content.decode(), "event form refusing a javascript: URL")
    response = _client().post("/agenda/nouveau/", _proposal(day))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title=TITLE)
    assert event.publication == Publication.PROPOSED
    moderation = _client(animator).get("/animation/agenda/")
    assert_inert(moderation.content.decode(), "agenda moderation", shows=TEXT_PAYLOADS[0])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _client(animator).post(f"/animation/agenda/{event.pk}/publier/")
    event.refresh_from_db()
    assert event.publication == Publication.PUBLISHED
    for message in mail.outbox:  # the e-mails' HTML parts, if any, are inert too
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_inert(str(content), f"e-mail « {message.subject} »")

    # A visitor registers under a hostile name; the organiser's list shows it.
    slot = event.slots.get()
    registered = _client().post(
        f"/agenda/{event.pk}/inscription/",
        {"slot": slot.pk, "name": payload_text("nom")[:150], "email": "inscrite-fictive@example.org"},
    )
    assert registered.status_code in {200, 302}
    assert_inert(registered.content.decode(), "registration answer")

    month = slot.begin.astimezone(datetime.UTC).strftime("%Y-%m")
    pages = {
        "event page": (f"/agenda/{event.pk}/", TEXT_PAYLOADS[0]),
        "agenda list": ("/agenda/", TEXT_PAYLOADS[0]),
        "calendar": (f"/agenda/calendrier/?mois={month}", None),
        "agenda map": ("/agenda/carte/", None),
        "home": ("/", None),
    }
    for where, (url, shows) in pages.items():
        page = _client().get(url)
        assert page.status_code == 200, where
        assert_inert(page.content.decode(), where, shows=shows)
    detail = _client().get(f"/agenda/{event.pk}/").content.decode()
    assert "<strong>Gras</strong>" in detail  # Markdown still works: the check is not blind
    edit = _client(animator).get(f"/agenda/{event.pk}/modifier/")
    assert edit.status_code == 200
    assert_inert(edit.content.decode(), "event edit form")
    participants = _client(animator).get(f"/agenda/{event.pk}/participants/")
    assert participants.status_code == 200
    assert_inert(participants.content.decode(), "participants", shows="nom " + TEXT_PAYLOADS[0])

    # Feeds: served as what they are, the payload inside as data.
    map_data = _client().get("/agenda/carte/donnees.json")
    assert "html" not in map_data["Content-Type"]
    json.loads(map_data.content)
    feed = _client().get("/agenda.json")
    assert "html" not in feed["Content-Type"]
    assert json.loads(feed.content)["events"][0]["title"] == TITLE
    rss = _client().get("/agenda.rss")
    assert "xml" in rss["Content-Type"]
    assert b"<script>window" not in rss.content  # escaped inside the XML
    ics = _client().get("/agenda.ics")
    titles = [str(v["SUMMARY"]) for v in icalendar.Calendar.from_ical(ics.content).walk("VEVENT")]
    assert TITLE in titles
    openagenda = _client().get("/agenda/openagenda.json")
    assert "html" not in openagenda["Content-Type"]
    json.loads(openagenda.content)


def test_an_editor_event_with_payloads_is_inert(django_capture_on_commit_callbacks: object) -> None:
    structure = Structure.objects.create(name="Structure fictive " + TEXT_PAYLOADS[1])
    editor = user_make("editrice-xss@example.org", structure=structure)
    day = (timezone.localdate() + datetime.timedelta(days=12)).isoformat()
    data = _proposal(day) | {
        "organiser": str(structure.pk),
        "title": "Exemple fictif éditrice " + TEXT_PAYLOADS[4],
    }
    data.pop("proposer_email")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = _client(editor).post("/agenda/nouveau/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title=data["title"])
    assert event.publication == Publication.PUBLISHED
    for url in (f"/agenda/{event.pk}/", "/agenda/"):
        page = _client().get(url)
        assert page.status_code == 200
        assert_inert(page.content.decode(), url, shows=TEXT_PAYLOADS[4])
