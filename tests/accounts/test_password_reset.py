"""Password reset by e-mail, in French, with the same answer whether or not the address has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import World

pytestmark = pytest.mark.django_db

RESET = "/compte/mot-de-passe/oubli/"
NEW_PASSWORD = "Tulipe-Orange-Velo-77"  # noqa: S105 (test account)


def test_the_reset_urls() -> None:
    assert reverse("accounts:password-reset") == RESET
    assert reverse("accounts:password-reset-done") == "/compte/mot-de-passe/oubli/envoye/"
    assert reverse("accounts:password-reset-complete") == "/compte/mot-de-passe/modifie/"


def test_a_person_chooses_a_new_password(world: World, client: Client, mailoutbox: list[Any]) -> None:
    page = client.get(RESET)
    assert page.status_code == 200
    assert "Mot de passe oublié" in page.content.decode()
    response = client.post(RESET, {"email": "ALICE@roanne.example"})
    assert response.status_code == 302
    assert response["Location"] == "/compte/mot-de-passe/oubli/envoye/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["Alice@roanne.example"]  # the stored address (domain lower-cased)
    assert message.subject == "Choisir un nouveau mot de passe Maillage"
    assert "Vous avez demandé à choisir un nouveau mot de passe" in message.body
    assert "Réseau de la médiation numérique de la Loire" in message.body
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", message.body)
    assert link, message.body

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    assert "Nouveau mot de passe" in form.content.decode()
    form_url = form.redirect_chain[-1][0]
    saved = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert saved.status_code == 302
    assert saved["Location"] == "/compte/mot-de-passe/modifie/"
    assert "Mot de passe enregistré" in client.get(saved["Location"]).content.decode()
    assert Client().login(username="alice@roanne.example", password=NEW_PASSWORD)

    used = client.get(link.group(1), follow=True)
    assert "Lien non valide" in used.content.decode()


def test_weak_passwords_are_refused_in_french(world: World, client: Client, mailoutbox: list[Any]) -> None:
    client.post(RESET, {"email": "alice@roanne.example"})
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", mailoutbox[0].body)
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    weak = client.post(form_url, {"new_password1": "court", "new_password2": "court"})
    assert weak.status_code == 200
    assert "Ce mot de passe est trop court" in weak.content.decode()


def test_no_enumeration_of_accounts(world: World, mailoutbox: list[Any]) -> None:
    known = Client().post(RESET, {"email": "alice@roanne.example"})
    unknown = Client().post(RESET, {"email": "personne@nulle.part"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mailoutbox) == 1
    done_known = Client().get(known["Location"]).content
    done_unknown = Client().get(unknown["Location"]).content
    assert done_known == done_unknown
    assert "Si un compte correspond à cette adresse" in done_known.decode()


def test_inactive_accounts_receive_nothing(world: World, mailoutbox: list[Any]) -> None:
    world.editor_a.is_active = False
    world.editor_a.save()
    assert Client().post(RESET, {"email": "alice@roanne.example"}).status_code == 302
    assert mailoutbox == []


def test_a_forged_reset_link_is_refused(world: World, client: Client) -> None:
    response = client.get("/compte/mot-de-passe/nouveau/MQ/pas-un-jeton/")
    assert response.status_code == 200
    assert "Lien non valide" in response.content.decode()
