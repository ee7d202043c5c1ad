"""End to end through a real SMTP server on the loopback: the invitation leaves by SMTP, arrives, and
its link (read from the received message) lets the invitee join."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings
from django.urls import reverse

from maillage.accounts.models import Membership
from tests.accounts.conftest import World, client_for

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        self.arrived.set()
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_an_invitation_goes_through_smtp_and_its_link_works(
    world: World, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "DEFAULT_FROM_EMAIL": "Maillage <ne-pas-repondre@maillage.invalid>",
    }
    with override_settings(**smtp):
        url = reverse("accounts:structure-invite", args=[world.structure_a.pk])
        response = client_for(world.animator).post(url, {"email": "claire@roanne.example"})
    assert response.status_code == 302
    assert inbox.arrived.wait(timeout=10), "no message reached the SMTP server"

    (mail_from, recipients, message) = inbox.messages[0]
    assert mail_from == "ne-pas-repondre@maillage.invalid"
    assert recipients == ["claire@roanne.example"]
    assert message["To"] == "claire@roanne.example"
    # Django folds the encoded subject onto a continuation line: mail clients show it stripped.
    assert message["Subject"].strip() == "Invitation à rejoindre « Médiathèque de Roanne » sur Maillage"
    body = message.get_content()
    assert "vous invite à rejoindre la structure « Médiathèque de Roanne »" in body
    link = re.search(r"http://testserver(/compte/invitation/\S+/)", body)
    assert link, body

    invitee = Client()
    assert invitee.get(link.group(1)).status_code == 200
    password = "Lampe-Verte-Cactus-42"  # noqa: S105 (test account)
    joined = invitee.post(link.group(1), {"password1": password, "password2": password})
    assert joined.status_code == 302
    assert joined["Location"] == "/compte/"
    assert Membership.objects.filter(
        user__email="claire@roanne.example", structure=world.structure_a
    ).exists()
