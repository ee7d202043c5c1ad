"""In Chromium: a visitor proposes a correction, an animator approves it, the card shows it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count
from playwright.sync_api import expect

from maillage.places.domain.phone import phone_display
from maillage.places.enums import ContributionStatus, PlaceStatus, VersionOrigin
from maillage.places.models import Contribution, Place, PlaceVersion
from tests.browser.conftest import Visitor, demo_data

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "animatrice@example.org"  # also the username: the log-in form may ask for either
PASSWORD = "mot-de-passe-solide"  # noqa: S105


def _place() -> Place:
    place = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .exclude(opening_hours="")
        .exclude(phone="")
        .order_by("name")
        .first()
    )
    assert place is not None
    return place


def test_a_visitor_proposes_a_correction_that_an_animator_approves(visitor: Visitor) -> None:
    demo_data()
    cache.clear()
    get_user_model().objects.create_user(EMAIL, email=EMAIL, password=PASSWORD, is_staff=True)
    place = _place()
    old_phone = place.phone
    assert old_phone
    page = visitor.page

    # The visitor, without an account, from the place's page.
    visitor.goto(f"/lieux/{place.pk}/")
    page.get_by_role("link", name=re.compile("^Proposer une correction")).click()
    page.wait_for_url(f"**/lieux/{place.pk}/corriger/")
    expect(page.get_by_label("Nom du lieu")).to_have_value(place.name)
    visitor.assert_accessible("the correction form")
    visitor.screenshot("contrib-correction-form")

    page.get_by_label("Téléphone", exact=True).fill("12")
    page.get_by_label("Horaires d'ouverture").fill("Mo-Fr 09:00-12:30")
    expect(page.locator("#contrib-hours-preview")).to_contain_text("9 h – 12 h 30")  # read back as one types
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_role("alert")).to_contain_text("Téléphone : numéro de téléphone « 12 » invalide")
    expect(page.get_by_role("alert")).to_contain_text("Votre adresse e-mail : ce champ est obligatoire.")
    visitor.assert_accessible("the correction form with errors")
    visitor.screenshot("contrib-correction-errors")

    page.get_by_label("Téléphone", exact=True).fill("04 77 99 88 77")
    page.get_by_label("Votre adresse e-mail").fill("habitante@example.org")
    page.get_by_label("Message pour l'équipe d'animation").fill("Nouveau numéro depuis septembre.")
    page.get_by_label("Votre adresse e-mail").press("Enter")  # the Enter key sends (not the preview)
    page.wait_for_url("**/lieux/merci/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")
    visitor.assert_accessible("the thanks page")
    contribution = Contribution.objects.get()
    assert contribution.data == {"phone": "+33477998877", "opening_hours": "Mo-Fr 09:00-12:30"}
    visitor.goto(f"/lieux/{place.pk}/")
    assert "+33477998877" not in page.content()  # nothing changes before moderation

    # The animator logs in through the form and approves it from the queue.
    visitor.goto("/animation/moderation/")
    assert "/connexion/" in page.url
    page.get_by_label(re.compile("Adresse e-mail|Identifiant")).fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/animation/moderation/")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_contain_text("Modération 1")
    visitor.assert_accessible("the moderation queue")
    visitor.screenshot("contrib-queue")

    page.get_by_role("link", name=f"{place.name} ({place.commune_name})").click()
    page.wait_for_url(f"**/animation/moderation/{contribution.pk}/")
    diff = page.get_by_role("table")
    expect(diff).to_contain_text("Téléphone")
    expect(diff).to_contain_text("+33477998877")
    expect(diff).to_contain_text("Du lundi au vendredi : 9 h – 12 h 30")
    visitor.assert_accessible("a contribution under moderation")
    visitor.screenshot("contrib-item")

    page.get_by_role("link", name="Modifier puis accepter").click()
    page.wait_for_url(f"**/animation/moderation/{contribution.pk}/modifier/")
    expect(page.get_by_label("Téléphone", exact=True)).to_have_value(
        "+33477998877"
    )  # the proposal, prefilled
    visitor.assert_accessible("the moderator's edit form")
    page.go_back()
    page.get_by_role("button", name="Accepter et publier").click()
    page.wait_for_url("**/animation/moderation/")
    expect(page.get_by_role("status")).to_contain_text("Proposition acceptée : la fiche est modifiée.")
    visitor.goto(f"/lieux/{place.pk}/")
    # The card shows the number the French way, dialled through its international form.
    expect(page.get_by_role("link", name="04 77 99 88 77")).to_have_attribute("href", "tel:+33477998877")
    expect(page.locator(".hours")).to_contain_text("9 h – 12 h 30")
    visitor.screenshot("contrib-card-updated")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED
    assert PlaceVersion.objects.filter(place=place, origin=VersionOrigin.CONTRIBUTION).count() == 1

    # The history shows the approved contribution; the card as it was before is restored in one action.
    page.get_by_role("link", name=re.compile("^Historique")).click()
    page.wait_for_url(f"**/lieux/{place.pk}/historique/")
    latest = page.locator(".edit-version").first
    expect(latest).to_contain_text("contribution modérée")
    expect(latest).to_contain_text("+33477998877")
    visitor.assert_accessible("the history after a contribution")
    page.locator(".edit-version").nth(1).get_by_role(
        "button", name=re.compile("Restaurer cette version")
    ).click()
    page.wait_for_url(f"**/lieux/{place.pk}/historique/")
    expect(page.locator(".edit-version").first).to_contain_text("restauration d'une version")
    place.refresh_from_db()
    assert place.phone == old_phone
    visitor.goto(f"/lieux/{place.pk}/")
    old_link = page.get_by_role("link", name=phone_display(old_phone))
    expect(old_link).to_have_attribute("href", f"tel:{old_phone}")


def test_the_other_forms_are_accessible(visitor: Visitor) -> None:
    demo_data()
    cache.clear()
    place = _place()
    page = visitor.page
    visitor.goto("/lieux/proposer/")
    visitor.assert_accessible("the new place form")
    visitor.screenshot("contrib-new-form")
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_role("alert")).to_contain_text("Nom du lieu : ce champ est obligatoire.")
    visitor.assert_accessible("the new place form with errors")

    visitor.goto(f"/lieux/{place.pk}/signaler/")
    page.get_by_label("Doublon", exact=True).check()
    busiest = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .values("commune_name")
        .annotate(count=Count("pk"))
        .order_by("-count", "commune_name")
        .first()
    )
    assert busiest is not None
    page.get_by_label("Lieu en double").fill(busiest["commune_name"])
    expect(page.locator("#contrib-candidates")).to_contain_text("choisissez le doublon")
    visitor.assert_accessible("the report form with duplicate suggestions")
    visitor.screenshot("contrib-report-form")
    page.locator("#contrib-candidates input[type=radio]").first.check()
    page.get_by_label("Votre adresse e-mail").fill("temoin@example.org")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_url("**/lieux/merci/**")
    contribution = Contribution.objects.get()
    assert contribution.report_reason == "duplicate"
    assert contribution.duplicate_of is not None
    assert contribution.duplicate_of != place
