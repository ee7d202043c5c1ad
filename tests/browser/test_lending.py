"""In Chromium: an editor asks for the robotics kit, the animator approves (on a phone), an overlapping
request is refused with the next free dates, a hand-over with a missing item blocks the unit, the return
clears it; axe-core on every lending page, desktop and phone.

The kits are the hub's catalogue (sample); structures, people and bookings are made-up examples.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.models import Membership, Structure
from maillage.lending.enums import BookingStatus
from maillage.lending.models import Booking, Unit
from maillage.lending.services.sample import sample_kits_load
from tests.browser.conftest import Visitor
from tests.browser.test_agenda import PASSWORD, _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _iso(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def test_request_approve_conflict_checkout_checkin(visitor: Visitor, phone_visitor: Visitor) -> None:
    sample_kits_load()
    structure = Structure.objects.create(name="MJC fictive de test")
    users = get_user_model().objects
    editor = users.create_user("editrice@example.org", email="editrice@example.org", password=PASSWORD)
    Membership.objects.create(user=editor, structure=structure)
    users.create_user("anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True)
    page, phone = visitor.page, phone_visitor.page

    # The public catalogue and kit page.
    visitor.goto("/pret/")
    expect(page.get_by_role("heading", name="Centre Multimédia Itinérant")).to_be_visible()
    visitor.assert_accessible("catalogue du prêt")
    visitor.screenshot("lending-catalogue")
    page.get_by_role("link", name="Mallette pédagogique robotique").click()
    expect(page.get_by_role("heading", name="Disponibilités de", exact=False)).to_be_visible()
    visitor.assert_accessible("page d'un kit")
    visitor.screenshot("lending-kit")

    # The editor asks for the kit, today to the day after tomorrow.
    _log_in(visitor, "editrice@example.org", "/pret/mallette-robotique/demander/")
    visitor.assert_accessible("formulaire de demande")
    page.get_by_label("Retrait le").fill(_iso(0))
    page.get_by_label("Retour le").fill(_iso(2))
    page.get_by_label("Pour quoi faire").fill("Atelier robotique pour des collégiens (exemple fictif)")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Demande envoyée à l'animation du réseau.")).to_be_visible()
    visitor.assert_accessible("demande envoyée")
    booking = Booking.objects.get()

    # The animator approves it, on a phone.
    _log_in(phone_visitor, "anim@example.org", "/animation/pret/")
    phone_visitor.assert_accessible("file de l'animation (téléphone)")
    phone_visitor.screenshot("lending-queue-phone")
    phone.get_by_role("button", name=re.compile("^Valider")).click()
    expect(phone.get_by_text("Prêt confirmé : Mallette pédagogique robotique")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED

    # A second request on an overlapping range is refused with the next free dates.
    visitor.goto("/pret/mallette-robotique/demander/")
    page.get_by_label("Retrait le").fill(_iso(1))
    page.get_by_label("Retour le").fill(_iso(3))
    page.get_by_label("Pour quoi faire").fill("Deuxième atelier (exemple fictif)")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("est déjà réservé", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Prochaines dates libres")).to_be_visible()
    visitor.assert_accessible("demande refusée, dates libres proposées")
    visitor.screenshot("lending-conflict")
    assert Booking.objects.count() == 1

    # Hand-over with a missing robot, and the first-loan training: the unit is blocked.
    phone_visitor.goto(f"/animation/pret/reservations/{booking.pk}/depart/")
    phone_visitor.assert_accessible("départ (téléphone)")
    phone.get_by_label("Robot programmable : présents sur 6").fill("5")
    phone.get_by_label(re.compile("Personnes formées")).fill("Personne fictive")
    phone.get_by_role("button", name="Enregistrer le départ").click()
    expect(phone.get_by_text("Unité 1 bloquée", exact=False)).to_be_visible()
    phone_visitor.screenshot("lending-blocked-phone")
    assert Unit.objects.get(pk=booking.unit_id).blocked

    # The return with everything: the unit is cleared.
    phone_visitor.goto(f"/animation/pret/reservations/{booking.pk}/retour/")
    phone.get_by_role("button", name="Enregistrer le retour").click()
    expect(phone.get_by_text("Retour enregistré.")).to_be_visible()
    expect(phone.get_by_text("Aucune unité bloquée.")).to_be_visible()
    assert not Unit.objects.get(pk=booking.unit_id).blocked

    # Every other lending page passes axe-core, desktop and phone.
    for path, name in [
        ("/pret/disponibilites/", "disponibilités"),
        ("/pret/mes-demandes/", "mes demandes"),
        ("/pret/soutien/", "demande de soutien"),
        (f"/pret/reservations/{booking.pk}/", "réservation"),
    ]:
        visitor.goto(path)
        visitor.assert_accessible(name)
    visitor.screenshot("lending-booking")
    for path, name in [
        ("/pret/bilan/", "bilan"),
        ("/animation/pret/prises-en-main/", "prise en main"),
        ("/pret/", "catalogue"),
        ("/pret/centre-multimedia-itinerant/", "kit"),
        ("/pret/disponibilites/", "disponibilités"),
    ]:
        phone_visitor.goto(path)
        phone_visitor.assert_accessible(f"{name} (téléphone)")
    phone_visitor.goto("/pret/bilan/")
    # Out and back the same day (today): one loan day.
    expect(phone.get_by_text(re.compile(r"^1 jour de prêt"))).to_be_visible()
    phone_visitor.screenshot("lending-figures-phone")
