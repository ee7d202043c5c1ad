"""In Chromium: a visitor files a request, the animator routes it to two suggested actors, one accepts
and the other declines from their e-mailed links, the request closes with an outcome, the figures show
it; a person opts into the directory then removes themselves. axe-core on every page, desktop and phone.

Every person and organisation here is a made-up example and says so.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from maillage.network.models import Actor, PartnershipRequest
from tests.browser.conftest import Visitor, loire_data
from tests.browser.test_agenda import PASSWORD, _log_in
from tests.network.factories import THEME, actor_listed, gathering_make, structure_listed

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^/\s]+(/reseau/[^\s]+/)")


def _link_to(recipient: str) -> str:
    for message in reversed(mail.outbox):
        if recipient in message.to and (found := LINK.search(message.body)):
            return found.group(1)
    raise AssertionError(f"no link e-mailed to {recipient}: {[m.to for m in mail.outbox]}")


def test_a_request_routed_answered_closed_and_counted(visitor: Visitor, phone_visitor: Visitor) -> None:
    loire_data()
    cache.clear()
    mail.outbox.clear()
    actor_listed("Exemple fictif : Camille", "camille@example.org", skills=[THEME], department_wide=True)
    actor_listed("Exemple fictif : Dominique", "dominique@example.org", role="mediateur", skills=[THEME])
    get_user_model().objects.create_user(
        "anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True
    )
    page = visitor.page

    # A visitor files a request (the form refuses what is sent within 3 s of display: a person is slower).
    visitor.goto("/reseau/demande/")
    visitor.assert_accessible("the request form")
    page.get_by_label("Organisation").fill("Exemple fictif : centre social des Tilleuls")
    page.get_by_label("Votre nom").fill("Exemple fictif : Alex")
    page.get_by_label("Votre courriel").fill("alex@example.org")
    page.get_by_label("Commune concernée").select_option(label="Roanne")
    page.get_by_label("Thématique").select_option(THEME)
    page.get_by_label("Votre projet").fill(
        "Exemple fictif : des ateliers de démarches en ligne pour les familles."
    )
    page.get_by_label(re.compile("J'accepte que l'animation")).check()
    page.wait_for_timeout(3200)
    visitor.screenshot("network-request-form")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", name="Demande reçue")).to_be_visible()
    request = PartnershipRequest.objects.get()

    # The animator sees the suggestions with their reasons, and routes to both.
    _log_in(visitor, "anim@example.org", "/animation/demandes/")
    expect(page.get_by_role("link", name="Exemple fictif : centre social des Tilleuls")).to_be_visible()
    visitor.assert_accessible("the inbox")
    page.get_by_role("link", name="Exemple fictif : centre social des Tilleuls").click()
    expect(page.get_by_text("thématique déclarée : Aide aux démarches administratives").first).to_be_visible()
    visitor.assert_accessible("a request, before routing")
    page.get_by_label("Exemple fictif : Camille").check()
    page.get_by_label("Exemple fictif : Dominique").check()
    page.get_by_label("Message aux acteurs").fill("Exemple fictif : pouvez-vous les accompagner ?")
    visitor.screenshot("network-request-suggestions")
    page.get_by_role("button", name="Orienter").click()
    expect(page.get_by_text("Demande orientée vers 2 acteurs.")).to_be_visible()

    # Camille accepts on a phone, Dominique declines, each from the link in their e-mail.
    phone = phone_visitor.page
    phone_visitor.goto(_link_to("camille@example.org"))
    phone_visitor.assert_accessible("the answer page (phone)")
    phone_visitor.screenshot("network-answer-phone")
    phone.get_by_label("Un mot pour l'animation").fill("Exemple fictif : avec plaisir, en mars.")
    phone.get_by_role("button", name="J'accepte").click()
    expect(phone.get_by_text("vous avez accepté la demande")).to_be_visible()
    expect(phone.get_by_role("link", name="alex@example.org")).to_be_visible()  # whom to contact
    phone_visitor.goto(_link_to("dominique@example.org"))
    phone.get_by_role("button", name="Je décline").click()
    expect(phone.get_by_text("vous avez décliné la demande")).to_be_visible()
    request.refresh_from_db()
    assert request.state == "accepted"

    # The animator closes it with an outcome; the thread keeps everything; the figures count it.
    visitor.goto(f"/animation/demandes/{request.pk}/")
    page.get_by_label("Issue").select_option(label="Partenariat engagé")
    page.get_by_label("Bilan").fill("Exemple fictif : quatre ateliers en mars.")
    page.get_by_role("button", name="Clore").click()
    expect(page.get_by_text("Demande close.")).to_be_visible()
    thread = page.locator(".network-thread")
    for step in ("Demande reçue", "Orientée", "Acceptée par un acteur", "Déclinée par un acteur", "Close"):
        expect(thread.get_by_text(step, exact=True)).to_be_visible()
    visitor.assert_accessible("a closed request")
    visitor.screenshot("network-request-closed")
    visitor.goto("/animation/demandes/chiffres/")
    expect(page.get_by_role("cell", name="Partenariat engagé")).to_be_visible()
    expect(page.locator(".stat").first).to_contain_text("1")
    visitor.assert_accessible("the figures page")
    visitor.screenshot("network-figures")


def test_a_person_opts_in_then_removes_themselves(visitor: Visitor, phone_visitor: Visitor) -> None:
    loire_data()
    cache.clear()
    mail.outbox.clear()
    page = phone_visitor.page
    phone_visitor.goto("/reseau/inscription/")
    phone_visitor.assert_accessible("the opt-in form (phone)")
    page.get_by_label("Nom et prénom").fill("Exemple fictif : Lou Martin")
    page.get_by_role("textbox", name=re.compile("^Courriel")).fill("lou@example.org")
    page.get_by_label("Rôle").select_option(label="Animateur·rice multimédia")
    page.get_by_label("Loisirs et créations numériques").check()
    page.get_by_label("J'interviens dans tout le département").check()
    page.get_by_label(re.compile("Par l'intermédiaire de l'animation")).check()
    page.get_by_label(re.compile("J'accepte que ces informations")).check()
    page.wait_for_timeout(3200)
    phone_visitor.screenshot("network-signup-phone")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_role("heading", name="Vérifiez votre courriel")).to_be_visible()

    # Not listed before the signed link is followed.
    visitor.goto("/reseau/")
    expect(visitor.page.get_by_text("Exemple fictif : Lou Martin")).to_have_count(0)
    phone_visitor.goto(_link_to("lou@example.org"))
    page.get_by_role("button", name="Confirmer et publier ma fiche").click()
    expect(page.get_by_text("Votre fiche est visible dans l'annuaire.")).to_be_visible()
    phone_visitor.assert_accessible("own card (phone)")
    manage = page.url

    visitor.goto("/reseau/?theme=Loisirs+et+cr%C3%A9ations+num%C3%A9riques")
    expect(visitor.page.get_by_role("heading", name="Exemple fictif : Lou Martin")).to_be_visible()
    visitor.assert_accessible("the directory")
    visitor.screenshot("network-directory")
    assert visitor.page.request.get(visitor.base_url + "/api/v1/reseau/acteurs").json()["count"] == 1

    page.goto(manage)
    page.get_by_role("button", name="Supprimer ma fiche et mes données").click()
    expect(page.get_by_role("heading", name="Fiche supprimée")).to_be_visible()
    assert not Actor.objects.exists()
    visitor.goto("/reseau/?q=Lou")
    expect(visitor.page.get_by_text("Exemple fictif : Lou Martin")).to_have_count(0)
    expect(visitor.page.get_by_text("Aucune personne pour ces critères.")).to_be_visible()
    assert visitor.page.request.get(visitor.base_url + "/api/v1/reseau/acteurs").json()["count"] == 0
    visitor.goto("/reseau/groupes/")
    visitor.assert_accessible("the work groups")

    # A structure's page, and the public pages on a phone.
    structure = structure_listed()
    for path, name in (
        (f"/reseau/structures/{structure.pk}/", "a structure's page"),
        ("/reseau/", "the directory"),
        ("/reseau/demande/", "the request form"),
    ):
        phone_visitor.goto(path)
        phone_visitor.assert_accessible(f"{name} (phone)")
    visitor.goto(f"/reseau/structures/{structure.pk}/")
    visitor.assert_accessible("a structure's page")
    phone_visitor.goto("/reseau/")
    phone_visitor.screenshot("network-directory-phone")


def test_the_annual_gathering_programme_and_attendance(visitor: Visitor, phone_visitor: Visitor) -> None:
    loire_data()
    cache.clear()
    mail.outbox.clear()
    animator = get_user_model().objects.create_user(
        "anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True
    )
    gathering = gathering_make(animator)
    page = phone_visitor.page
    phone_visitor.goto("/reseau/")
    page.get_by_role("link", name="Exemple fictif : rencontre annuelle").click()
    expect(page.get_by_role("cell", name="Exemple fictif : table ronde")).to_be_visible()
    phone_visitor.assert_accessible("the gathering's programme (phone)")
    page.get_by_label(re.compile("atelier robotique")).check()
    page.get_by_label(re.compile("plénière")).check()
    page.get_by_label("Nom et prénom").fill("Exemple fictif : Sam Perrin")
    page.get_by_role("textbox", name=re.compile("^Courriel")).fill("sam@example.org")
    page.get_by_label(re.compile("^Structure")).fill("Exemple fictif : médiathèque")
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Inscription enregistrée à 2 sessions.")).to_be_visible()
    phone_visitor.screenshot("network-gathering-phone")
    assert mail.outbox[-1].to == ["sam@example.org"]

    _log_in(visitor, "anim@example.org", f"/animation/rencontres/{gathering.pk}/")
    visitor.assert_accessible("the attendance list")
    visitor.page.get_by_label(re.compile("Sam Perrin, Exemple fictif : atelier robotique")).check()
    visitor.page.get_by_role("button", name="Enregistrer les présences").click()
    expect(visitor.page.get_by_text("Présences enregistrées : 1.")).to_be_visible()
    visitor.screenshot("network-gathering-attendance")
    visitor.goto(f"/reseau/rencontre/{gathering.pk}/")
    visitor.assert_accessible("the gathering's programme")
