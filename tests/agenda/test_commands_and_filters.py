"""`maillage reminders`, filters by territory and dates, cancelled events in the ICS, image uploads."""

from __future__ import annotations

import datetime
import io

import icalendar
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.agenda.models import Event
from maillage.agenda.services.events import event_set_status
from maillage.agenda.services.registrations import registration_register
from maillage.territories.models import Commune
from tests.agenda.factories import event_make, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_and_structure(db: None):  # type: ignore[no-untyped-def]
    structure = Structure.objects.create(name="Structure fictive")
    return user_make("editrice@example.org", structure=structure), structure


def test_reminders_command_is_safe_to_run_twice(
    editor_and_structure, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    editor, structure = editor_and_structure
    event = event_make(author=editor, organiser=structure, days=1)
    slot = event.slots.get()
    slot.begin = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    slot.end = slot.begin + datetime.timedelta(hours=2)
    slot.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(slot=slot, name="Alice", email="alice@example.org")
    mail.outbox.clear()
    out = io.StringIO()
    call_command("reminders", stdout=out)
    call_command("reminders", stdout=out)
    assert "Rappels envoyés : 1" in out.getvalue()
    assert "Rappels envoyés : 0" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_filters_by_commune_epci_and_dates(editor_and_structure, loire: None) -> None:  # type: ignore[no-untyped-def]
    editor, structure = editor_and_structure
    saint_etienne = Commune.objects.get(pk="42218")
    roanne = Commune.objects.get(pk="42187")
    event_make(
        author=editor,
        organiser=structure,
        title="Exemple fictif : Saint-Étienne",
        online_url="",
        address="1 rue Fictive",
        commune=saint_etienne,
        days=3,
    )
    event_make(
        author=editor,
        organiser=structure,
        title="Exemple fictif : Roanne",
        online_url="",
        address="1 rue Fictive",
        commune=roanne,
        days=20,
    )
    client = Client()
    body = client.get("/agenda/?commune=42218").content.decode()
    assert "Exemple fictif : Saint-Étienne" in body
    assert "Exemple fictif : Roanne" not in body
    body = client.get(f"/agenda/?epci={roanne.epci_id}").content.decode()
    assert "Exemple fictif : Roanne" in body
    assert "Exemple fictif : Saint-Étienne" not in body
    until = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    body = client.get(f"/agenda/?au={until}").content.decode()
    assert "Exemple fictif : Saint-Étienne" in body
    assert "Exemple fictif : Roanne" not in body
    features = client.get("/agenda/carte/donnees.json?commune=42187").json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Exemple fictif : Roanne"]
    assert features[0]["geometry"]["coordinates"] == [roanne.longitude, roanne.latitude]
    ics = icalendar.Calendar.from_ical(client.get("/agenda.ics?commune=42187").content)
    assert [str(v["SUMMARY"]) for v in ics.walk("VEVENT")] == ["Exemple fictif : Roanne"]


def test_a_cancelled_event_is_cancelled_in_the_ics_and_registered_people_are_told(  # type: ignore[no-untyped-def]
    editor_and_structure, django_capture_on_commit_callbacks
) -> None:
    editor, structure = editor_and_structure
    event = event_make(author=editor, organiser=structure, slots=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(slot=event.slots.first(), name="Alice", email="alice@example.org")
        event_set_status(event=event, author=editor, status="annule", note="Salle indisponible.")
    assert mail.outbox[-1].to == ["alice@example.org"]
    assert "annulé" in mail.outbox[-1].body
    calendar = icalendar.Calendar.from_ical(Client().get("/agenda.ics").content)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 2
    assert {str(v["STATUS"]) for v in vevents} == {"CANCELLED"}
    assert len({str(v["UID"]) for v in vevents}) == 2


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _form(structure: Structure, **extra: object) -> dict[str, object]:
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    return {
        "title": "Exemple fictif : avec image",
        "summary": "Exemple fictif.",
        "organiser": structure.pk,
        "online_url": "https://visio.example.org/i",
        "free": "on",
        "registration_kind": "none",
        "creneau-1-day": day,
        "creneau-1-begin": "10:00",
        "creneau-1-end": "11:00",
    } | extra


def test_images_need_alt_text_and_a_real_image(editor_and_structure, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    editor, structure = editor_and_structure
    client = Client()
    client.force_login(editor)
    response = client.post("/agenda/nouveau/", _form(structure, image=SimpleUploadedFile("a.png", PNG)))
    assert "Texte alternatif de l&#x27;image : décrivez" in response.content.decode()
    fake = SimpleUploadedFile("a.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>")
    response = client.post("/agenda/nouveau/", _form(structure, image=fake, image_alt="Une affiche"))
    assert "seuls les formats JPEG, PNG et WebP" in response.content.decode()
    assert not Event.objects.exists()
    response = client.post(
        "/agenda/nouveau/",
        _form(structure, image=SimpleUploadedFile("a.png", PNG), image_alt="Une affiche fictive"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image.name.endswith(".png")
    page = client.get(f"/agenda/{event.pk}/").content.decode()
    assert 'alt="Une affiche fictive"' in page
    image = client.get(f"/agenda/{event.pk}/image")
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content) == PNG
