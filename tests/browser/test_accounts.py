"""Accounts in Chromium: accept an invitation (choose a password, land on « Mon compte »), log in by
e-mail, an animator invites; axe-core finds no violation on any of these pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from maillage.accounts.models import Membership, Structure
from maillage.accounts.services import invitation_send
from tests.accounts.conftest import make_place
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test account)


def _invitation_path(visitor: Visitor, mailoutbox: list[Any]) -> str:
    structure = Structure.objects.create(name="Médiathèque de Roanne")
    make_place("Espace numérique de Roanne", structure)
    animator = get_user_model().objects.create_user(
        "anim", email="animation@reseau.example", password=PASSWORD, is_staff=True, first_name="Inès"
    )
    invitation_send(
        structure=structure, email="claire@roanne.example", invited_by=animator, base_url=visitor.base_url
    )
    match = re.search(re.escape(visitor.base_url) + r"(/compte/invitation/\S+/)", mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    return match.group(1)


def test_an_invitee_chooses_a_password_and_lands_on_my_account(
    visitor: Visitor, mailoutbox: list[Any]
) -> None:
    page = visitor.page
    visitor.goto(_invitation_path(visitor, mailoutbox))
    assert page.get_by_role("heading", level=1).inner_text() == "Rejoindre « Médiathèque de Roanne »"
    visitor.assert_accessible("the invitation page")

    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label(re.compile(r"^Nom\b")).fill("Dubois")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill("Autre-Chose-Longue-99")
    page.get_by_role("button", name="Créer mon compte et rejoindre la structure").click()
    summary = page.get_by_role("alert")
    assert "Les deux mots de passe ne sont pas identiques" in summary.inner_text()
    assert page.title().startswith("Erreur : ")
    visitor.screenshot("account-invitation-error")
    visitor.assert_accessible("the invitation page with an error")

    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte et rejoindre la structure").click()
    page.wait_for_url("**/compte/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mon compte"
    assert "Bienvenue" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="Espace numérique de Roanne").is_visible()
    visitor.screenshot("account-mon-compte")
    visitor.assert_accessible("Mon compte")
    assert Membership.objects.filter(user__email="claire@roanne.example").count() == 1
    assert not visitor.console_errors


def test_log_in_by_email_and_invite_as_an_animator(visitor: Visitor, mailoutbox: list[Any]) -> None:
    Structure.objects.create(name="Centre social de Firminy")
    get_user_model().objects.create_user(
        "anim", email="animation@reseau.example", password=PASSWORD, is_staff=True
    )
    page = visitor.page
    visitor.goto("/animation/structures/")
    assert page.url.endswith("/connexion/?next=/animation/structures/")
    visitor.screenshot("account-login")
    visitor.assert_accessible("the log-in page")

    page.get_by_label("Adresse e-mail").fill("Animation@Reseau.example")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    assert "Adresse e-mail ou mot de passe incorrects" in page.get_by_role("alert").inner_text()
    visitor.assert_accessible("the log-in page with an error")

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/animation/structures/")
    visitor.assert_accessible("the structures list")

    page.get_by_role("link", name="Inviter un membre dans Centre social de Firminy").click()
    page.wait_for_url("**/inviter/")
    visitor.assert_accessible("the invitation form")
    page.get_by_label("Adresse e-mail de la personne invitée").fill("bruno@firminy.example")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.wait_for_url("**/animation/structures/")
    assert "Invitation envoyée à bruno@firminy.example" in page.get_by_role("status").inner_text()
    assert mailoutbox[-1].to == ["bruno@firminy.example"]
