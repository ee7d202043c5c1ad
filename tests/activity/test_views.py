"""The activity log from the outside: quick entry from an agenda event, filters, exports, who may log."""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from odf import table as odf_table
from odf import teletype
from odf.opendocument import load

from maillage.accounts.models import Structure
from maillage.activity.models import Action
from maillage.reporting.models import Convention, Mission
from maillage.reporting.sample import convention_sample_load
from tests.activity.factories import past_event_make
from tests.agenda.factories import PASSWORD, user_make

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def world(loire: None) -> dict[str, Any]:
    convention_sample_load()
    structure = Structure.objects.create(name="Structure fictive A")
    event = past_event_make(
        title="Exemple fictif : atelier messagerie", organiser=structure, days_ago=1, confirmed=5, waiting=1
    )
    return {
        "event": event,
        "structure": structure,
        "animator": user_make("animation@example.org", is_staff=True),
        "member": user_make("membre@example.org", structure=structure),
    }


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_quick_entry_from_an_agenda_event_prefills_and_links(world: dict[str, Any]) -> None:
    client = _client(world["animator"])
    listing = client.get(reverse("activity:action-list"))
    source = f"agenda.event:{world['event'].pk}"
    assert f"?depuis={source}" in listing.content.decode()  # one click from the log
    page = client.get(reverse("activity:action-new"), {"depuis": source})
    html = unescape(page.content.decode())
    assert page.status_code == 200
    assert 'value="Exemple fictif : atelier messagerie"' in html
    assert "Préremplie depuis un événement de l'agenda" in html
    form = page.context["form"]
    assert form.initial["participants"] == 5  # confirmed registrations, the waiting list left out
    assert form.initial["commune"] == "42218"
    assert form.initial["organisers"] == [world["structure"].pk]
    assert form.initial["duration_hours"] == 2
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, [])}
    data = {k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in data.items()} | {
        "depuis": source
    }
    data.pop("online", None)
    response = client.post(reverse("activity:action-new"), data)
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.source, action.participants, action.commune_id) == (source, 5, "42218")
    # Never typed twice: the same source leads to the action already logged.
    again = client.get(reverse("activity:action-new"), {"depuis": source})
    assert again.status_code == 302
    assert again["Location"] == reverse("activity:action-edit", args=[action.pk])
    assert source not in client.get(reverse("activity:action-list")).content.decode()


@pytest.mark.parametrize(
    ("depuis", "message"),
    [
        ("agenda.event:00000000-0000-0000-0000-000000000000", "rien ne correspond"),
        ("agenda.event:12", "rien ne correspond"),
        ("lending.loan:999999", "rien ne correspond"),
        ("network.request:douze", "n'est pas un numéro"),
        ("cuisine.recette:3", "type « cuisine.recette » inconnu"),
        ("n'importe quoi", "illisible"),
    ],
)
def test_a_bad_source_is_named(world: dict[str, Any], depuis: str, message: str) -> None:
    response = _client(world["animator"]).get(reverse("activity:action-new"), {"depuis": depuis})
    assert response.status_code == 400
    assert message in unescape(response.content.decode())


def _action(title: str, day: datetime.date, **fields: Any) -> Action:
    return Action.objects.create(
        title=title, kind=fields.pop("kind", "training"), date_start=day, date_end=day, **fields
    )


def test_filters_and_exports(world: dict[str, Any]) -> None:
    mission = Mission.objects.order_by("position").first()
    assert mission is not None
    first = _action("Formation fictive A", datetime.date(2026, 3, 1), participants=12, women=7, men=5)
    first.missions.add(mission)
    _action("Webinaire fictif B", datetime.date(2026, 5, 1), kind="webinar", participants=40)
    _action("Réunion fictive 2025", datetime.date(2025, 5, 1), kind="meeting")
    client = _client(world["animator"])
    page = client.get(reverse("activity:action-list"), {"du": "2026-01-01", "au": "2026-12-31"})
    assert page.context["total"] == 2
    assert client.get(reverse("activity:action-list"), {"type": "webinar"}).context["total"] == 1
    assert client.get(reverse("activity:action-list"), {"mission": mission.pk}).context["total"] == 1
    assert client.get(reverse("activity:action-list"), {"q": "fictive 2025"}).context["total"] == 1
    text = client.get(reverse("activity:action-export-csv"), {"du": "2026-01-01"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Début", "Fin", "Intitulé", "Type"]
    assert sorted(row[2] for row in rows[1:]) == ["Formation fictive A", "Webinaire fictif B"]
    formation = next(row for row in rows if row[2] == "Formation fictive A")
    assert (formation[4], formation[13], formation[14], formation[15]) == (mission.title, "12", "7", "5")
    ods = client.get(reverse("activity:action-export-ods"), {"type": "webinar"})
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    sheet = load(io.BytesIO(ods.content)).spreadsheet.getElementsByType(odf_table.Table)[0]
    cells = [
        [teletype.extractText(c) for c in r.getElementsByType(odf_table.TableCell)]
        for r in sheet.getElementsByType(odf_table.TableRow)
    ]
    assert cells[1][2] == "Webinaire fictif B"
    assert cells[1][13] == "40"


def test_members_log_their_own_actions_only_when_allowed(world: dict[str, Any]) -> None:
    member = _client(world["member"])
    assert member.get(reverse("activity:action-list")).status_code == 403
    Convention.objects.update(members_may_log=True)
    assert member.get(reverse("activity:action-list")).status_code == 200
    other = Structure.objects.create(name="Structure fictive B")
    theirs = _action("Action fictive de A", datetime.date(2026, 2, 1), structure=world["structure"])
    not_theirs = _action("Action fictive de B", datetime.date(2026, 2, 1), structure=other)
    listed = member.get(reverse("activity:action-list")).content.decode()
    assert "Action fictive de A" in listed
    assert "Action fictive de B" not in listed
    assert member.get(reverse("activity:action-edit", args=[theirs.pk])).status_code == 200
    assert member.get(reverse("activity:action-edit", args=[not_theirs.pk])).status_code == 403
    # The member's organisers are their own structures only.
    form = member.get(reverse("activity:action-new")).context["form"]
    assert list(form.fields["organisers"].queryset) == [world["structure"]]


def test_incoherent_counts_are_refused_with_the_field_named(world: dict[str, Any]) -> None:
    response = _client(world["animator"]).post(
        reverse("activity:action-new"),
        {"title": "Action fictive", "kind": "training", "date_start": "2026-03-02", "date_end": "2026-03-01",
         "sessions": "1", "audience": "public", "participants": "10", "women": "8", "men": "4"},
    )  # fmt: skip
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "La date de fin précède la date de début." in html
    assert "Femmes et hommes (12) dépassent le nombre de participants (10)." in html
    assert not Action.objects.exists()


def _logged_from(client: Client, source: str) -> Action:
    """Open the quick entry for `source`, post its prefilled form, return the action it logged."""
    page = client.get(reverse("activity:action-new"), {"depuis": source})
    assert page.status_code == 200, unescape(page.content.decode())
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, [])}
    data = {k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in data.items()}
    data.pop("online", None)
    response = client.post(reverse("activity:action-new"), data | {"depuis": source})
    assert response.status_code == 302, unescape(response.content.decode())
    action = Action.objects.get(source=source)
    again = client.get(reverse("activity:action-new"), {"depuis": source})
    assert again["Location"] == reverse("activity:action-edit", args=[action.pk])  # never typed twice
    return action


def test_quick_entry_from_a_real_loan_and_a_real_event_support(world: dict[str, Any]) -> None:
    from maillage.lending.services.bookings import booking_approve, booking_request
    from maillage.lending.services.support import support_request
    from tests.lending.factories import day, kit_make

    structure, animator = world["structure"], world["animator"]
    kit = kit_make("Robots fictifs")
    booking = booking_request(
        kit=kit, structure=structure, user=world["member"], start=day(3), end=day(5),
        purpose="Atelier fictif", commune_id="42187",
    )  # fmt: skip
    booking = booking_approve(booking=booking, by=animator)
    support = support_request(
        structure=structure,
        user=world["member"],
        title="Exemple fictif : forum du numérique",
        start=day(10),
        end=day(11),
        needs=["animateur"],
        description="Stand fictif",
    )
    client = _client(animator)
    page = client.get(reverse("activity:action-new"), {"depuis": f"lending.loan:{booking.pk}"})
    assert "Préremplie depuis un prêt" in unescape(page.content.decode())
    assert page.context["form"].initial["title"] == "Prêt : Robots fictifs à Structure fictive A"
    loan = _logged_from(client, f"lending.loan:{booking.pk}")
    assert (loan.kind, loan.date_start, loan.date_end) == ("intervention", day(3), day(5))
    assert (loan.commune_id, loan.narrative) == ("42187", "Atelier fictif")
    assert list(loan.organisers.values_list("pk", flat=True)) == [structure.pk]
    event_support = _logged_from(client, f"lending.support:{support.pk}")
    assert (event_support.title, event_support.kind) == (
        "Exemple fictif : forum du numérique",
        "event_support",
    )
    assert (event_support.date_start, event_support.date_end) == (day(10), day(11))
    assert Action.objects.count() == 2


def test_quick_entry_from_a_real_partnership_request(world: dict[str, Any]) -> None:
    """A request filed, routed to a structure that accepts from its e-mailed link, closed: logged once."""
    from maillage.network.models import Routing
    from maillage.network.services.requests import Target, request_close, request_route, routing_answer
    from maillage.network.services.tokens import routing_token
    from tests.network.factories import THEME, request_filed

    structure, animator = world["structure"], world["animator"]
    structure.email = "structure-a@example.org"
    structure.save()
    request = request_filed("42187", date_from=datetime.date(2026, 3, 9), date_to=datetime.date(2026, 3, 13))
    request_route(request=request, targets=[Target(structure=structure)], message="", author=animator)
    routing = Routing.objects.get(request=request)
    routing_answer(token=routing_token(routing_id=routing.pk, email=routing.recipient_email), accept=True)
    request_close(request=request, outcome="partnership", note="Trois ateliers.", author=animator)
    source = f"network.request:{request.pk}"
    client = _client(animator)
    assert f"?depuis={source}" in client.get(reverse("activity:action-list")).content.decode()  # to log
    page = client.get(reverse("activity:action-new"), {"depuis": source})
    html = unescape(page.content.decode())
    assert "Préremplie depuis une demande" in html
    form = page.context["form"]
    assert form.initial["title"] == f"Accompagnement de Exemple fictif : association : {THEME}"
    assert form.initial["kind"] == "accompaniment"
    assert form.initial["organisers"] == [structure.pk]  # the structure that accepted
    action = _logged_from(client, source)
    assert (action.kind, action.date_start, action.date_end, action.commune_id) == (
        "accompaniment",
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 13),
        "42187",
    )
    assert list(action.organisers.all()) == [structure]
    assert "Acceptée par Structure fictive A." in action.narrative
    assert "Issue : Partenariat engagé. Trois ateliers." in action.narrative
    assert source not in client.get(reverse("activity:action-list")).content.decode()  # logged: off the list
