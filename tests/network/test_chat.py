"""The chat webhook, against a local HTTP server receiving Mattermost's incoming-webhook JSON."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from maillage.network.services.requests import Target, request_route, routing_answer
from maillage.network.services.tokens import routing_token
from tests.network.factories import request_filed, structure_listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat(settings: Any) -> Iterator[list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            assert self.headers["Content-Type"] == "application/json"
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MAILLAGE_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/hooks/reseau"
    yield received
    server.shutdown()
    server.server_close()


def test_new_and_accepted_requests_reach_the_chat(
    loire: None, chat: list[dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    structure = structure_listed()
    with django_capture_on_commit_callbacks(execute=True):
        request = request_filed("42187", organisation="Exemple fictif : @channel <b>asso</b>")
    assert len(chat) == 1
    text = chat[0]["text"]
    assert text.startswith("Nouvelle demande au réseau : Exemple fictif : @\u200bchannel ‹b›asso‹/b›")
    assert "Roanne" in text
    assert f"/animation/demandes/{request.pk}/" in text
    assert "demande@example.org" not in text  # no personal data in the chat
    (routing,) = request_route(
        request=request, targets=[Target(structure=structure)], message="", author=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        routing_answer(token=routing_token(routing_id=routing.pk, email=routing.recipient_email), accept=True)
    assert chat[1]["text"].startswith("Demande acceptée : Exemple fictif : structure accompagne")


def test_no_chat_configured_or_unreachable_undoes_nothing(
    loire: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILLAGE_WEBHOOK_URL = "http://127.0.0.1:9/injoignable"
    with django_capture_on_commit_callbacks(execute=True):
        request = request_filed()
    assert request.pk is not None
