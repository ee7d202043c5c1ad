"""In Chromium: an editor publishes an event (list, calendar, map), visitors register, a cancellation
promotes the person waiting (e-mails read from the locmem outbox); axe-core on every agenda page.

Every event here is a made-up example and says so in its title.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from maillage.accounts.models import Membership, Structure
from maillage.agenda.domain.rules import SlotInput
from maillage.agenda.enums import RegistrationStatus
from maillage.agenda.models import Event, Registration
from maillage.agenda.services.events import event_create
from tests.browser.conftest import Visitor, loire_data, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mot-de-passe-solide"  # noqa: S105
TITLE = "Exemple fictif : atelier courriel pour débuter"


def _people() -> tuple[Structure, object, object]:
    structure = Structure.objects.create(name="Structure fictive de test")
    users = get_user_model().objects
    editor = users.create_user("editrice@example.org", email="editrice@example.org", password=PASSWORD)
    Membership.objects.create(user=editor, structure=structure)
    animator = users.create_user(
        "anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True
    )
    return structure, editor, animator


def _log_in(visitor: Visitor, email: str, then: str) -> None:
    page = visitor.page
    visitor.goto(f"/connexion/?next={then}")
    page.get_by_label(re.compile("Adresse e-mail|Identifiant")).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{then}")


def _day() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=12)


def _path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_an_editor_publishes_visitors_register_a_cancellation_promotes(visitor: Visitor) -> None:
    loire_data()
    cache.clear()
    mail.outbox.clear()
    _structure, _editor, _animator = _people()
    page = visitor.page

    # The editor creates the event; being a member of the organiser, it is published at once.
    _log_in(visitor, "editrice@example.org", "/agenda/nouveau/")
    visitor.assert_accessible("the event form")
    visitor.screenshot("agenda-form")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Résumé").fill("Exemple fictif : créer et lire ses courriels, pas à pas.")
    page.get_by_label("Description").fill("Un atelier **fictif** :\n\n- créer une adresse\n- lire un message")
    page.get_by_label("Structure organisatrice").select_option(label="Structure fictive de test")
    page.locator("#id_creneau-1-day").fill(_day().isoformat())
    page.locator("#id_creneau-1-begin").fill("14:00")
    page.locator("#id_creneau-1-end").fill("16:00")
    page.locator("#id_creneau-1-capacity").fill("1")
    page.get_by_label("Adresse", exact=True).fill("Salle fictive, 1 rue de l'Exemple")
    page.get_by_label("Code postal").fill("42000")
    page.get_by_label("Commune", exact=True).select_option(label="Saint-Étienne")
    page.get_by_label("Atelier").check()
    page.get_by_label("Seniors").check()
    page.locator("#id_registration_kind").select_option("maillage")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    page.wait_for_url(re.compile(r".*/agenda/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("est publié")
    event = Event.objects.get(title=TITLE)
    assert event.publication == "published"
    assert event.latitude is not None  # the commune's centre

    # It appears in the list, the month calendar and on the map.
    visitor.goto("/agenda/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.assert_accessible("the agenda list")
    visitor.screenshot("agenda-list")
    page.get_by_label("Public").select_option("Jeunes")  # HTMX refresh: no event for this audience
    expect(page.locator("#agenda-results")).to_contain_text("Aucun événement à venir")
    assert "public=Jeunes" in page.url
    visitor.goto(f"/agenda/calendrier/?mois={_day():%Y-%m}")
    expect(page.get_by_role("table")).to_contain_text(TITLE)
    visitor.assert_accessible("the month calendar")
    visitor.screenshot("agenda-calendar")
    visitor.goto("/agenda/carte/")
    expect(page.locator("#agenda-map")).to_have_attribute("data-points", "1")
    expect(page.locator("#agenda-map")).to_have_attribute("data-outlines", re.compile(r"^\d+$"))
    page.locator(".leaflet-interactive").first.click()
    expect(page.locator(".leaflet-popup")).to_contain_text(TITLE)
    # Leaflet fades popups in: axe-core would measure the contrast of half-transparent text.
    wait_until(page, "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    visitor.assert_accessible("the map of events")
    visitor.screenshot("agenda-map")
    visitor.goto(f"/agenda/{event.pk}/participants/")
    visitor.assert_accessible("the participants list (empty)")

    # Two visitors register for the slot of one seat: one seat, one waiting place.
    page.context.clear_cookies()
    for name, email, heading in (
        ("Alice Exemple", "alice@example.org", "Inscription enregistrée"),
        ("Bruno Exemple", "bruno@example.org", "Vous êtes sur la liste d'attente"),
    ):
        visitor.goto(f"/agenda/{event.pk}/")
        if name.startswith("Alice"):
            visitor.assert_accessible("the event page and its registration form")
            visitor.screenshot("agenda-event")
        page.get_by_label("Nom et prénom").fill(name)
        page.get_by_label("Courriel").fill(email)
        page.get_by_role("button", name="M'inscrire").click()
        page.wait_for_url("**/agenda/inscription/merci/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    visitor.assert_accessible("the waiting-list page")
    assert [m.to for m in mail.outbox] == [["alice@example.org"], ["bruno@example.org"]]
    assert "liste d'attente" in mail.outbox[1].body

    # Alice cancels from the link of her e-mail: Bruno gets the seat and an e-mail.
    link = re.search(r"https?://\S+/agenda/inscription/annuler/\S+/", mail.outbox[0].body)
    assert link is not None
    visitor.goto(_path_of(link.group(0)))
    visitor.assert_accessible("the cancellation page")
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_role("status")).to_contain_text("est annulée")
    assert mail.outbox[-1].to == ["bruno@example.org"]
    assert "Une place s'est libérée" in mail.outbox[-1].body
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "alice@example.org": RegistrationStatus.CANCELLED,
        "bruno@example.org": RegistrationStatus.CONFIRMED,
    }

    # The organiser sees the participants and downloads them.
    _log_in(visitor, "editrice@example.org", f"/agenda/{event.pk}/participants/")
    expect(page.get_by_role("table")).to_contain_text("Bruno Exemple")
    visitor.assert_accessible("the participants list")
    visitor.screenshot("agenda-participants")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la liste (CSV)").click()
    assert "Bruno Exemple" in download.value.path().read_text(encoding="utf-8-sig")

    # Someone calls: the organiser registers them without an e-mail (a phone is needed to tell them).
    page.get_by_label("Nom et prénom").fill("Claire Exemple (par téléphone)")
    page.get_by_role("button", name="Inscrire", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("un courriel ou un téléphone")
    visitor.assert_accessible("the participants list with an error in the add form")
    page.get_by_label("Téléphone").fill("04 77 00 00 00")
    page.get_by_role("button", name="Inscrire", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Claire Exemple (par téléphone) est inscrit")
    expect(page.get_by_role("table")).to_contain_text("04 77 00 00 00")


def _proposal_and_event() -> Event:
    loire_data()
    cache.clear()
    structure, editor, _ = _people()
    begin = (timezone.now() + datetime.timedelta(days=4)).replace(minute=0, second=0, microsecond=0)
    event_create(
        author=AnonymousUser(),
        fields={
            "title": "Exemple fictif : proposition à modérer",
            "summary": "Exemple fictif.",
            "online_url": "https://visio.example.org/p",
        },
        slots=[SlotInput(begin=begin, end=begin + datetime.timedelta(hours=1))],
        proposer_email="visiteur@example.org",
    )
    return event_create(
        author=editor,
        fields={
            "title": TITLE,
            "summary": "Exemple fictif.",
            "organiser": structure,
            "address": "1 rue de l'Exemple",
            "commune": territories_commune("42218"),
            "registration_kind": "maillage",
            "keywords": ["Atelier"],
        },
        slots=[SlotInput(begin=begin, end=begin + datetime.timedelta(hours=2), capacity=8)],
    )


def territories_commune(code: str):  # type: ignore[no-untyped-def]
    from maillage.territories.models import Commune

    return Commune.objects.get(pk=code)


def test_agenda_pages_on_a_phone_are_accessible(phone_visitor: Visitor) -> None:
    event = _proposal_and_event()
    visitor = phone_visitor
    for path, name in (
        ("/agenda/", "list"),
        (f"/agenda/calendrier/?mois={event.slots.get().begin:%Y-%m}", "calendar"),
        ("/agenda/carte/", "map"),
        (f"/agenda/{event.pk}/", "event"),
        ("/agenda/nouveau/", "form"),
    ):
        visitor.goto(path)
        visitor.assert_accessible(f"the agenda {name} on a phone")
        visitor.screenshot(f"agenda-phone-{name}")
    _log_in(visitor, "anim@example.org", "/animation/agenda/")
    expect(visitor.page.get_by_role("heading", level=2)).to_contain_text(
        "Exemple fictif : proposition à modérer"
    )
    visitor.assert_accessible("the moderation list on a phone")
    visitor.screenshot("agenda-phone-moderation")
    visitor.goto(f"/agenda/{event.pk}/participants/")
    visitor.assert_accessible("the participants list on a phone")


def test_moderation_list_on_desktop(visitor: Visitor) -> None:
    event = _proposal_and_event()
    _log_in(visitor, "anim@example.org", f"/agenda/{event.pk}/modifier/")
    expect(visitor.page.get_by_label("Titre")).to_have_value(TITLE)
    visitor.assert_accessible("the edit form")
    visitor.goto(f"/agenda/{event.pk}/statut/")
    visitor.assert_accessible("the status form")
    visitor.goto("/animation/agenda/")
    visitor.assert_accessible("the moderation list")
    visitor.screenshot("agenda-moderation")
    visitor.page.get_by_role("button", name=re.compile("^Publier")).click()
    expect(visitor.page.get_by_role("status")).to_contain_text("est publié")
    assert Event.objects.get(title="Exemple fictif : proposition à modérer").publication == "published"
    assert mail.outbox[-1].to == ["visiteur@example.org"]
