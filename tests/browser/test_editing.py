"""Editing in Chromium: an editor logs in, edits their place, is refused another structure's place,
restores an old version from the history; the contact's freshness link and the animator's dashboard.
axe-core finds no violation on any of these pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from maillage.accounts.models import Membership, Structure
from maillage.contributions.services.freshness import freshness_token
from maillage.places.enums import PlaceStatus, VersionOrigin
from maillage.places.models import Place
from tests.browser.conftest import Visitor, demo_data

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test account)


def _published_with_hours(*exclude: Place) -> Place:
    place = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .exclude(opening_hours="")
        .exclude(phone="")
        .exclude(pk__in=[p.pk for p in exclude])
        .order_by("name")
        .first()
    )
    assert place is not None
    return place


def _log_in(visitor: Visitor, email: str) -> None:
    page = visitor.page
    assert "/connexion/" in page.url
    page.get_by_label(re.compile("Adresse e-mail|Identifiant")).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_an_editor_edits_their_place_and_restores_the_old_version(visitor: Visitor) -> None:
    demo_data()
    mine = _published_with_hours()
    theirs = _published_with_hours(mine)
    mine.structure = Structure.objects.create(name="Centre social de la Loire")
    mine.save(update_fields=["structure"])
    theirs.structure = Structure.objects.create(name="Une autre structure")
    theirs.save(update_fields=["structure"])
    email = "camille@centre-social.example"
    user = get_user_model().objects.create_user(
        email, email=email, password=PASSWORD, first_name="Camille", last_name="Martin"
    )
    Membership.objects.create(user=user, structure=mine.structure)
    old_phone = mine.phone
    page = visitor.page

    visitor.goto(f"/lieux/{mine.pk}/modifier/")
    _log_in(visitor, email)
    page.wait_for_url(f"**/lieux/{mine.pk}/modifier/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Modifier la fiche")
    visitor.assert_accessible("the edit form")
    visitor.screenshot("edit-form")

    # A mistake first: the form says what is wrong, in French, next to the field and at the top.
    hours = page.get_by_label("Horaires d'ouverture")
    hours.fill("lundi 9h-12h")
    page.get_by_role("button", name="Publier les modifications").click()
    summary = page.get_by_role("alert")
    assert "La fiche n'est pas enregistrée" in summary.inner_text()
    assert "Horaires illisibles" in summary.inner_text()
    assert page.get_by_label("Horaires d'ouverture").get_attribute("aria-invalid") == "true"
    visitor.assert_accessible("the edit form with an error")
    visitor.screenshot("edit-form-error", full_page=False)

    # The hours preview follows the typing (HTMX), then the edit is published at once.
    page.get_by_label("Horaires d'ouverture").fill("Mo-Fr 09:00-12:00; Sa 10:00-12:00")
    preview = page.locator("#edit-hours-preview")
    preview.get_by_text(re.compile("samedi", re.IGNORECASE)).wait_for()
    page.get_by_label("Téléphone", exact=True).fill("04 77 12 34 56")
    page.get_by_label("Commentaire pour l'historique (facultatif)").fill("nouveau standard téléphonique")
    page.get_by_role("button", name="Publier les modifications").click()
    page.wait_for_url(f"**/lieux/{mine.pk}/")
    assert "Fiche publiée" in page.get_by_role("status").inner_text()
    assert "04 77 12 34 56" in page.locator("#acces ~ dl.contact").inner_text()  # stored as +33477123456
    assert page.get_by_role("link", name="Modifier la fiche").is_visible()
    visitor.screenshot("edit-published-card")

    # Another structure's place: no edit link, and the edit page refuses with a 403 page.
    visitor.goto(f"/lieux/{theirs.pk}/")
    assert page.get_by_role("link", name="Modifier la fiche").count() == 0
    response = page.goto(visitor.base_url + f"/lieux/{theirs.pk}/modifier/")
    assert response is not None
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Accès réservé"
    visitor.screenshot("edit-forbidden", full_page=False)

    # The history shows the change; the version before it is restored in one action.
    visitor.goto(f"/lieux/{mine.pk}/")
    page.get_by_role("link", name=re.compile("^Historique")).click()
    page.wait_for_url(f"**/lieux/{mine.pk}/historique/")
    latest = page.locator(".edit-version").first
    assert "modification par la structure" in latest.inner_text()
    assert "Par Camille Martin" in latest.inner_text()
    assert "nouveau standard téléphonique" in latest.inner_text()
    row = latest.get_by_role("row", name=re.compile("^Téléphone"))
    assert old_phone in row.inner_text()
    assert "+33477123456" in row.inner_text()
    assert "Import : sources " in page.locator(".edit-version").last.inner_text()
    visitor.assert_accessible("the history")
    visitor.screenshot("history")

    page.locator(".edit-version").nth(1).get_by_role(
        "button", name=re.compile("Restaurer cette version")
    ).click()
    page.wait_for_url(f"**/lieux/{mine.pk}/historique/")
    assert "restaurée" in page.get_by_role("status").inner_text()
    assert "restauration d'une version" in page.locator(".edit-version").first.inner_text()
    mine.refresh_from_db()
    assert mine.phone == old_phone
    assert mine.versions.order_by("-created_at", "-pk")[0].origin == VersionOrigin.RESTORE
    visitor.assert_accessible("the history after a restore")


def test_the_contact_checks_the_card_and_the_animator_sees_stale_cards(visitor: Visitor) -> None:
    demo_data()
    place = _published_with_hours()
    old = timezone.localdate() - datetime.timedelta(days=800)
    Place.objects.filter(pk=place.pk).update(updated_on=old, verified_on=None)
    page = visitor.page

    visitor.goto(f"/lieux/{place.pk}/verifier/{freshness_token(place=place)}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Votre fiche est-elle à jour ?")
    visitor.assert_accessible("the freshness link page")
    visitor.screenshot("freshness-verify")
    page.get_by_role("button", name="Tout est à jour").click()
    page.wait_for_url(f"**/lieux/{place.pk}/")
    assert "Merci" in page.get_by_role("status").inner_text()
    place.refresh_from_db()
    assert place.verified_on == timezone.localdate()

    response = page.goto(visitor.base_url + f"/lieux/{place.pk}/verifier/pas-un-lien-signe/")
    assert response is not None
    assert response.status == 400
    assert page.get_by_role("heading", level=1).inner_text() == "Ce lien n'est pas valable"
    visitor.assert_accessible("the invalid link page")

    get_user_model().objects.create_user(
        "animatrice", email="animation@reseau.example", password=PASSWORD, is_staff=True
    )
    visitor.goto("/animation/fraicheur/")
    _log_in(visitor, "animation@reseau.example")
    page.wait_for_url("**/animation/fraicheur/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fraîcheur des fiches"
    assert page.get_by_role("link", name="Fraîcheur").get_attribute("aria-current") == "page"
    page.get_by_role("link", name="qualité croissante").click()
    page.wait_for_url("**/animation/fraicheur/?tri=qualite")
    assert page.locator("tbody tr").count() >= 1
    visitor.assert_accessible("the freshness dashboard")
    visitor.screenshot("freshness-dashboard")
