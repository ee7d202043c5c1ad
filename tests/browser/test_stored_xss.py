"""In Chromium: stored payloads (a hostile place, event and registration, all made up) never execute.

Each payload would set `window.__xss` or open a dialog if it ran. The pages that show them are opened as
a visitor and as the animator; map popups and tooltips are opened too (they are built by JavaScript).
The same values are checked in the HTML by tests/security/.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Dialog

from maillage.agenda.models import Event
from maillage.contributions.services.contributions import contribution_approve
from maillage.places.enums import ContributionKind
from maillage.places.models import Contribution, Place
from tests.browser.conftest import Visitor
from tests.conftest import HINAURA_LOIRE, import_mednum
from tests.security.test_stored_xss_agenda import TITLE, _proposal
from tests.security.test_stored_xss_places import SAINT_ETIENNE, _hostile_card
from tests.security.xss import TEXT_PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)


# Elements the payloads would create, found in the live DOM (after scripts built popups and tooltips).
INJECTED_MARKUP = """() => Array.from(document.querySelectorAll("*")).flatMap((node) =>
  Array.from(node.attributes)
    .filter((a) => a.name.startsWith("on")
      || (/^(href|src|action|formaction)$/.test(a.name) && /^[\\s\\0]*javascript:/i.test(a.value))
      || (a.name === "srcdoc" && a.value.includes("__xss")))
    .map((a) => `<${node.localName} ${a.name}="${a.value}">`)
)"""


class Watch:
    """What a page's scripts did: the dialogs opened and whether `window.__xss` got set."""

    def __init__(self, visitor: Visitor) -> None:
        self.visitor = visitor
        self.dialogs: list[str] = []
        visitor.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self, where: str) -> None:
        page = self.visitor.page
        page.wait_for_timeout(300)  # let deferred scripts, HTMX swaps and map layers run
        executed = page.evaluate(
            "typeof window.__xss !== 'undefined' || typeof window.parent.__xss !== 'undefined'"
        )
        assert not executed, f"{where}: a payload ran (window.__xss is set)"
        assert not self.dialogs, f"{where}: a dialog opened: {self.dialogs}"
        # Blocked by the Content-Security-Policy is not enough: no payload may become markup at all.
        injected = page.evaluate(INJECTED_MARKUP)
        assert not injected, f"{where}: payload markup in the DOM (the CSP stopped it): {injected}"


@pytest.fixture
def hostile(loire: None) -> dict[str, object]:
    """A published hostile place, a pending one, a published hostile event with a hostile registration."""
    import_mednum(HINAURA_LOIRE)
    cache.clear()
    animator: User = get_user_model().objects.create_user(
        "animatrice-xss", email="animatrice-xss@example.org", password="x", is_staff=True
    )
    client = Client()
    for _ in range(2):
        assert client.post("/lieux/proposer/", _hostile_card()).status_code == 302
    first, pending = Contribution.objects.filter(kind=ContributionKind.NEW_PLACE).order_by("pk")
    position = {"latitude": SAINT_ETIENNE[0], "longitude": SAINT_ETIENNE[1]}
    contribution_approve(contribution=first, moderator=animator, changes={**first.data, **position})
    first.refresh_from_db()
    place = Place.objects.get(pk=first.place_id)
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    animator_client = Client()
    animator_client.force_login(animator)
    proposal = _proposal(day) | {"place": str(place.pk)}
    assert client.post("/agenda/nouveau/", proposal).status_code == 302
    assert client.post("/agenda/nouveau/", proposal | {"title": TITLE + " (en attente)"}).status_code == 302
    event = Event.objects.get(title=TITLE)
    animator_client.post(f"/animation/agenda/{event.pk}/publier/")
    slot = event.slots.get()
    client.post(
        f"/agenda/{event.pk}/inscription/",
        {"slot": slot.pk, "name": ("nom " + TEXT_PAYLOADS[1])[:150], "email": "inscrite-fictive@example.org"},
    )
    return {
        "place": place,
        "pending": pending,
        "event": event,
        "month": slot.begin.astimezone(datetime.UTC).strftime("%Y-%m"),
        "session": animator_client.cookies["sessionid"].value,
    }


def test_stored_payloads_never_run_for_a_visitor(visitor: Visitor, hostile: dict[str, object]) -> None:
    watch = Watch(visitor)
    page = visitor.page
    place, event = hostile["place"], hostile["event"]
    assert isinstance(place, Place)
    assert isinstance(event, Event)
    for path in (
        f"/lieux/{place.pk}/",
        f"/lieux/{place.pk}/corriger/",
        f"/lieux/{place.pk}/signaler/",
        "/agenda/",
        f"/agenda/{event.pk}/",
        f"/agenda/calendrier/?mois={hostile['month']}",
        "/",
    ):
        visitor.goto(path)
        watch.check(path)

    # The map: the hostile place's marker, then its popup (built by map.js).
    visitor.goto("/carte/?q=xss")
    page.wait_for_load_state("networkidle")
    marker = page.locator('.leaflet-marker-icon[title*="__xss"]')
    marker.first.wait_for(timeout=10_000)
    marker.first.click()
    page.locator(".map-popup__name").first.wait_for(timeout=5_000)
    watch.check("map popup")
    visitor.goto("/embed/carte/?q=xss")
    page.wait_for_load_state("networkidle")
    watch.check("embedded map")

    # The agenda map: the event's marker, its tooltip (hover) and its popup (click).
    visitor.goto("/agenda/carte/")
    page.wait_for_load_state("networkidle")
    circle = page.locator("path.leaflet-interactive")
    circle.first.wait_for(timeout=10_000)
    circle.first.hover(force=True)
    page.locator(".leaflet-tooltip").first.wait_for(timeout=5_000)
    watch.check("agenda map tooltip")
    circle.first.click(force=True)
    watch.check("agenda map popup")


def test_stored_payloads_never_run_for_the_animator(visitor: Visitor, hostile: dict[str, object]) -> None:
    visitor.page.context.add_cookies(
        [{"name": "sessionid", "value": str(hostile["session"]), "url": visitor.base_url}]
    )
    watch = Watch(visitor)
    place, pending, event = hostile["place"], hostile["pending"], hostile["event"]
    assert isinstance(place, Place)
    assert isinstance(pending, Contribution)
    assert isinstance(event, Event)
    for path in (
        "/animation/moderation/",
        f"/animation/moderation/{pending.pk}/",
        f"/lieux/{place.pk}/historique/",
        f"/lieux/{place.pk}/modifier/",
        "/animation/agenda/",
        f"/agenda/{event.pk}/participants/",
        f"/agenda/{event.pk}/modifier/",
    ):
        visitor.goto(path)
        watch.check(path)
