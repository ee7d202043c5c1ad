"""The agenda's pages and feeds from the outside: content, permissions, registrations, moderation."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import icalendar
import pytest
import vobject
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.agenda.enums import Publication, RegistrationStatus
from maillage.agenda.models import Event, Registration
from tests.agenda.factories import event_make, user_make
from tests.interop.event_feeds.schemaorg import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict:  # type: ignore[type-arg]
    cache.clear()  # the registrations' rate limit counts per client address
    structure = Structure.objects.create(name="Structure fictive A")
    other = Structure.objects.create(name="Structure fictive B")
    editor = user_make("editrice@example.org", structure=structure)
    other_editor = user_make("autre@example.org", structure=other)
    animator = user_make("animation@example.org", is_staff=True)
    event = event_make(
        author=editor, organiser=structure, capacity=1, description="**Gras** <script>x()</script>"
    )
    return {
        "structure": structure,
        "editor": editor,
        "other": other_editor,
        "animator": animator,
        "event": event,
    }


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_list_calendar_map_show_the_published_event(world) -> None:  # type: ignore[no-untyped-def]
    event = world["event"]
    body = _client().get("/agenda/").content.decode()
    assert event.title in body
    month = event.slots.get().begin.astimezone(datetime.UTC).strftime("%Y-%m")
    assert event.title in _client().get(f"/agenda/calendrier/?mois={month}").content.decode()
    assert _client().get("/agenda/carte/").status_code == 200
    assert _client().get("/agenda/?en_ligne=1").content.decode().count(event.title) == 1
    assert event.title not in _client().get("/agenda/?mot=Tiers-lieu").content.decode()
    fragment = _client().get("/agenda/?en_ligne=1", headers={"HX-Request": "true"})
    assert event.title in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_event_page_has_jsonld_and_sanitised_description(world) -> None:  # type: ignore[no-untyped-def]
    event = world["event"]
    body = _client().get(f"/agenda/{event.pk}/").content.decode()
    assert "<strong>Gras</strong>" in body
    assert "<script>x()" not in body
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert validate(data) == []  # schema.org Event, checked by the feeds' validator


def test_feeds_parse(world) -> None:  # type: ignore[no-untyped-def]
    event = world["event"]
    ics = _client().get("/agenda.ics").content
    calendar = icalendar.Calendar.from_ical(ics)
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == [event.title]
    assert vobject.readOne(ics.decode()).vevent.summary.value == event.title
    assert event.title in _client().get("/agenda.rss").content.decode()
    assert json.loads(_client().get("/agenda.json").content)["events"][0]["title"] == event.title
    exported = json.loads(_client().get("/agenda/openagenda.json").content)
    assert exported["total"] == 1
    first = _client().get("/agenda.ics")
    assert _client().get("/agenda.ics", headers={"If-None-Match": first["ETag"]}).status_code == 304
    Event.objects.filter(pk=event.pk).update(title="Exemple fictif : titre changé", updated_at=timezone.now())
    assert _client().get("/agenda.ics", headers={"If-None-Match": first["ETag"]}).status_code == 200
    assert _client().get("/agenda.json", headers={"If-None-Match": first["ETag"]}).status_code == 200
    single = _client().get(f"/agenda/{event.pk}/evenement.ics")
    assert single["Content-Type"].startswith("text/calendar")


def test_editor_publishes_anyone_else_proposes(world, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    data = {
        "title": "Exemple fictif : rencontre",
        "summary": "Exemple fictif.",
        "organiser": world["structure"].pk,
        "online_url": "https://visio.example.org/r",
        "free": "on",
        "registration_kind": "none",
        "creneau-1-day": day,
        "creneau-1-begin": "14:00",
        "creneau-1-end": "16:00",
    }
    assert _client(world["editor"]).post("/agenda/nouveau/", data).status_code == 302
    assert Event.objects.get(title="Exemple fictif : rencontre").publication == Publication.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        response = _client().post(
            "/agenda/nouveau/",
            data | {"title": "Exemple fictif : proposé", "proposer_email": "v@example.org"},
        )
    assert response.status_code == 302
    proposed = Event.objects.get(title="Exemple fictif : proposé")
    assert proposed.publication == Publication.PROPOSED
    assert "Exemple fictif : proposé" not in _client().get("/agenda/").content.decode()
    assert _client().get(f"/agenda/{proposed.pk}/").status_code == 404
    moderation = _client(world["animator"]).get("/animation/agenda/").content.decode()
    assert "Exemple fictif : proposé" in moderation
    assert _client(world["editor"]).get("/animation/agenda/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        _client(world["animator"]).post(f"/animation/agenda/{proposed.pk}/publier/")
    proposed.refresh_from_db()
    assert proposed.publication == Publication.PUBLISHED
    assert mail.outbox[-1].to == ["v@example.org"]


def test_form_errors_name_the_field(world) -> None:  # type: ignore[no-untyped-def]
    response = _client(world["editor"]).post("/agenda/nouveau/", {"title": "", "registration_kind": "link"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Titre : ce champ est obligatoire." in body
    assert "Créneaux : indiquez au moins un créneau" in body or "Lieu :" in body


def test_registration_waiting_list_and_participants(world, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    event = world["event"]
    slot = event.slots.get()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Alice", "Bruno"):
            response = Client().post(
                f"/agenda/{event.pk}/inscription/",
                {"slot": slot.pk, "name": name, "email": f"{name.lower()}@example.org"},
            )
            assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Alice": RegistrationStatus.CONFIRMED, "Bruno": RegistrationStatus.WAITING}
    link = re.search(r"http\S+/agenda/inscription/annuler/\S+/", mail.outbox[0].body)
    assert link is not None
    path = "/" + link.group(0).split("/", 3)[3]
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(path).status_code == 200
    assert Registration.objects.get(name="Bruno").status == RegistrationStatus.CONFIRMED
    assert mail.outbox[-1].to == ["bruno@example.org"]
    url = f"/agenda/{event.pk}/participants.csv"
    assert _client().get(url).status_code == 302
    assert _client(world["other"]).get(url).status_code == 403
    for user in (world["editor"], world["animator"]):
        rows = list(
            csv.reader(io.StringIO(_client(user).get(url).content.decode("utf-8-sig")), delimiter=";")
        )
        assert [row[3] for row in rows[1:]] == ["Bruno"]


def test_the_csv_export_neutralises_formulas(world) -> None:  # type: ignore[no-untyped-def]
    event = world["event"]
    Client().post(
        f"/agenda/{event.pk}/inscription/",
        {"slot": event.slots.get().pk, "name": '=HYPERLINK("http://x")', "email": "f@example.org"},
    )
    content = _client(world["editor"]).get(f"/agenda/{event.pk}/participants.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[1][3] == '\'=HYPERLINK("http://x")'


def test_animators_publish_network_events_other_editors_propose(world) -> None:  # type: ignore[no-untyped-def]
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    data = {
        "title": "Exemple fictif : journée départementale",
        "summary": "Exemple fictif.",
        "online_url": "https://visio.example.org/j",
        "free": "on",
        "registration_kind": "none",
        "creneau-1-day": day,
        "creneau-1-begin": "09:00",
        "creneau-1-end": "17:00",
    }
    assert _client(world["animator"]).post("/agenda/nouveau/", data).status_code == 302
    network = Event.objects.get(title="Exemple fictif : journée départementale")
    assert (network.publication, network.organiser) == (Publication.PUBLISHED, None)
    assert network.log.get().actor == world["animator"]
    other = data | {"title": "Exemple fictif : pour une autre structure", "organiser": world["structure"].pk}
    assert _client(world["other"]).post("/agenda/nouveau/", other).status_code == 302
    assert Event.objects.get(title=other["title"]).publication == Publication.PROPOSED
    edit = _client(world["other"]).get(f"/agenda/{world['event'].pk}/modifier/")
    assert edit.status_code == 403


def test_the_organiser_cancels_a_registration_and_the_next_person_gets_the_seat(  # type: ignore[no-untyped-def]
    world, django_capture_on_commit_callbacks
) -> None:
    event = world["event"]
    slot = event.slots.get()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Alice", "Bruno"):
            Client().post(
                f"/agenda/{event.pk}/inscription/",
                {"slot": slot.pk, "name": name, "email": f"{name.lower()}@example.org"},
            )
    alice = Registration.objects.get(name="Alice")
    url = f"/agenda/{event.pk}/participants/{alice.pk}/annuler/"
    assert _client(world["other"]).post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert _client(world["editor"]).post(url).status_code == 302
    assert dict(Registration.objects.values_list("name", "status")) == {
        "Alice": RegistrationStatus.CANCELLED,
        "Bruno": RegistrationStatus.CONFIRMED,
    }
    assert mail.outbox[-1].to == ["bruno@example.org"]


def test_list_and_feeds_queries_do_not_grow_with_the_events(world) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _client().get(path).status_code == 200
        return len(queries)

    paths = ("/agenda/", "/agenda.ics", "/agenda.json", "/agenda/carte/donnees.json")
    few = [count(path) for path in paths]
    for number in range(12):
        event_make(author=world["editor"], organiser=world["structure"], title=f"Exemple fictif n° {number}")
    many = [count(path) for path in paths]
    assert many == few, dict(zip(paths, many, strict=True))
    print("queries per page:", dict(zip(paths, many, strict=True)))  # a measure, printed with -s


def test_jsonld_of_an_event_in_a_commune_with_two_slots_is_valid(world, loire: None) -> None:  # type: ignore[no-untyped-def]
    from maillage.territories.models import Commune

    event = event_make(
        author=world["editor"],
        organiser=world["structure"],
        title="Exemple fictif : deux séances payantes",
        slots=2,
        online_url="",
        address="1 rue Fictive",
        postal_code="42000",
        commune=Commune.objects.get(pk="42218"),
        free=False,
        price="5 €",
    )
    body = _client().get(f"/agenda/{event.pk}/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert len(data["@graph"]) == 2
    assert validate(data) == []


def test_the_organiser_registers_someone_who_called_without_an_email(  # type: ignore[no-untyped-def]
    world, django_capture_on_commit_callbacks
) -> None:
    event = world["event"]  # one slot, one seat
    slot = event.slots.get()
    url = f"/agenda/{event.pk}/participants/ajouter/"
    data = {"slot": slot.pk, "name": "Personne fictive par téléphone", "email": "", "phone": "04 77 00 00 00"}
    assert _client().post(url, data).status_code == 302  # to the log-in page
    assert _client(world["other"]).post(url, data).status_code == 403
    assert not Registration.objects.exists()

    nothing = _client(world["editor"]).post(url, data | {"phone": ""})
    assert nothing.status_code == 400
    assert "un courriel ou un téléphone" in nothing.content.decode()
    assert not Registration.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):  # more than the visitors' rate limit (5 per 10 minutes): not applied here
            person = data | {"name": f"Personne fictive {number}", "phone": f"04 77 00 00 0{number}"}
            assert _client(world["editor"]).post(url, person).status_code == 302
    statuses = list(Registration.objects.order_by("position").values_list("status", flat=True))
    assert statuses == [RegistrationStatus.CONFIRMED] + [RegistrationStatus.WAITING] * 5
    assert mail.outbox == []  # no address, nothing sent
    page = _client(world["animator"]).get(f"/agenda/{event.pk}/participants/").content.decode()
    assert "Personne fictive 5" in page
    assert "Inscrire une personne" in page
