"""End to end through a real SMTP server on the loopback: the invitation leaves by SMTP, arrives, and
its link (read from the received message) lets the invitee join."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings
from django.urls import reverse

from maillage.accounts.models import Membership
from tests.accounts.conftest import World, client_for
from tests.smtp import Inbox, free_port, smtp_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
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
    smtp = smtp_settings(port)
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
