"""The chat webhook, end to end: a tiny incoming-webhook server on 127.0.0.1 receives `{"text": ...}`
after each contribution commits; a broken webhook never breaks a submission."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.places.enums import PlaceStatus
from maillage.places.models import Contribution, Place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def place(demo_census: list[str]) -> Place:
    found = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(phone="").order_by("name").first()
    assert found is not None
    return found


def _correction_post(place: Place, phone: str) -> dict[str, Any]:
    return {
        "name": place.name,
        "address": place.address,
        "postal_code": place.postal_code,
        "commune_name": place.commune_name,
        "phone": phone,
        "emails": "\n".join(place.emails),
        "websites": "\n".join(place.websites),
        "opening_hours": place.opening_hours,
        "summary": place.summary,
        "description": place.description,
        "email": "habitante@example.org",
        "action": "send",
        **{
            name: list(getattr(place, name))
            for name in ("services", "publics", "specific_support", "fees", "access_modes", "support_modes")
        },
    }


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]]
    status = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(
            {"body": json.loads(self.rfile.read(length)), "type": self.headers["Content-Type"]}
        )
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def webhook(settings: Any) -> Iterator[type[_Hook]]:
    """An incoming-webhook server on 127.0.0.1, what it received kept on the handler class."""
    handler = type("Hook", (_Hook,), {"received": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MAILLAGE_WEBHOOK_URL = f"http://127.0.0.1:{server.server_address[1]}/hooks/abc"
    settings.MAILLAGE_PUBLIC_URL = "https://maillage.example.org"
    yield handler
    server.shutdown()
    server.server_close()
    thread.join()


def test_each_contribution_is_announced_to_the_chat_after_commit(
    place: Place,
    client: Client,
    webhook: type[_Hook],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post = _correction_post(place, "04 77 99 88 77")
        assert (
            client.post(reverse("contributions:contribution-correct", args=[place.pk]), post).status_code
            == 302
        )
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):
        post = {"reason": "closed", "email": "secret@example.org", "action": "send"}
        client.post(reverse("contributions:contribution-report", args=[place.pk]), post)
    assert len(webhook.received) == 2
    first, second = (message["body"] for message in webhook.received)
    assert set(first) == {"text"}
    assert webhook.received[0]["type"] == "application/json"
    correction = Contribution.objects.get(kind="correction")
    assert f"Correction proposée pour {place.name}" in first["text"]
    assert f"https://maillage.example.org/animation/moderation/{correction.pk}/" in first["text"]
    assert "Signalement « Le lieu n'existe plus »" in second["text"]
    assert "secret@example.org" not in second["text"]  # personal data stays in Maillage


def test_a_broken_webhook_never_breaks_a_submission(
    place: Place,
    client: Client,
    webhook: type[_Hook],
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    webhook.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        post = {"reason": "closed", "email": "a@example.org", "action": "send"}
        assert (
            client.post(reverse("contributions:contribution-report", args=[place.pk]), post).status_code
            == 302
        )
    settings.MAILLAGE_WEBHOOK_URL = "http://127.0.0.1:9/nobody-listens"
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(reverse("contributions:contribution-report", args=[place.pk]), post).status_code
            == 302
        )
    assert Contribution.objects.count() == 2
    assert sum("Webhook des contributions injoignable" in r.getMessage() for r in caplog.records) == 2
