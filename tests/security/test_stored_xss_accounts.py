"""Stored XSS in accounts: a structure named with payloads (typed by the animator) and a person joining it
with payloads as first and last name; the animation pages, the account page and the invitation e-mail
show them inert. Made-up people and structures only.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from maillage.accounts.models import Structure
from tests.security.xss import TEXT_PAYLOADS, assert_inert, payload_text

pytestmark = pytest.mark.django_db

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (a test account)
LINK = re.compile(r"http://testserver(/compte/invitation/\S+/)")


def test_hostile_structure_and_person_names_are_inert() -> None:
    animator = get_user_model().objects.create_user(
        "animation-xss@example.org", email="animation-xss@example.org", password=PASSWORD, is_staff=True
    )
    client = Client()
    client.force_login(animator)
    name = payload_text("structure")[:250]
    response = client.post("/animation/structures/nouvelle/", {"name": name, "siret": "", "email": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    structure = Structure.objects.get(name=name)
    listing = client.get("/animation/structures/")
    assert_inert(listing.content.decode(), "structures list", shows=TEXT_PAYLOADS[0])
    invited = client.post(
        f"/animation/structures/{structure.pk}/inviter/", {"email": "invitee-fictive@example.org"}
    )
    assert invited.status_code == 302
    message = mail.outbox[-1]
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            assert_inert(str(content), "invitation e-mail")
    link = LINK.search(message.body)
    assert link is not None, message.body
    invitee = Client()
    form = invitee.get(link.group(1))
    assert_inert(form.content.decode(), "invitation page", shows=TEXT_PAYLOADS[0])
    joined = invitee.post(
        link.group(1),
        {
            "first_name": ("Prénom " + TEXT_PAYLOADS[1])[:150],
            "last_name": ("Nom " + TEXT_PAYLOADS[2])[:150],
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert joined.status_code == 302, joined.content.decode()[:2000]
    account = invitee.get("/compte/")
    assert_inert(account.content.decode(), "account page", shows=TEXT_PAYLOADS[0])
    listing = client.get("/animation/structures/")
    assert_inert(listing.content.decode(), "structures list with members")
