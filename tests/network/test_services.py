"""Opt-in, removal, export; a request's life with its e-mails; reminders; figures; activity prefill."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from maillage.network.enums import Listing
from maillage.network.models import Actor, PartnershipRequest, Routing, ThreadEntry
from maillage.network.selectors import activity_prefill, actors_listed, period_figures
from maillage.network.services.directory import (
    ActorInput,
    DirectoryError,
    actor_confirm,
    actor_delete,
    actor_export,
    actor_signup,
    actor_visibility_set,
)
from maillage.network.services.requests import (
    RequestError,
    Target,
    reminders_send,
    request_close,
    request_route,
    routing_answer,
)
from maillage.network.services.tokens import actor_token, routing_token
from tests.network.factories import THEME, actor_listed, request_filed, structure_listed

pytestmark = pytest.mark.django_db(transaction=False)


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0)


def test_signup_lists_only_after_the_signed_link(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        actor = actor_signup(
            data=ActorInput(name="Exemple fictif : Lou", email="Lou@Example.org", role="mediateur")
        )
    assert actor.listing == Listing.PENDING
    assert actor.email == "lou@example.org"
    assert not actors_listed().exists()
    assert "/reseau/inscription/confirmer/" in _link(mail.outbox[0])
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        actor_confirm(token=token)
    assert list(actors_listed()) == [actor]
    assert "/reseau/ma-fiche/" in _link(mail.outbox[1])


def test_hide_show_delete_and_export(loire: None) -> None:
    actor = actor_listed()
    token = actor_token(actor_id=actor.pk, email=actor.email)
    actor_visibility_set(token=token, listed=False)
    assert not actors_listed().exists()
    actor_visibility_set(token=token, listed=True)
    assert actors_listed().count() == 1
    request = request_filed()
    request_route(request=request, targets=[Target(actor=actor)], message="", author=None)
    exported = actor_export(Actor.objects.get(pk=actor.pk))
    assert exported["nom"] == "Exemple fictif : Camille"
    assert exported["orientations_recues"][0]["demande"] == "Exemple fictif : association"
    assert actor_delete(token=token) == "Exemple fictif : Camille"
    assert not Actor.objects.exists()
    routing = Routing.objects.get()
    assert (routing.recipient_label, routing.recipient_email) == ("Personne retirée de l'annuaire", "")
    with pytest.raises(DirectoryError, match="supprimée"):
        actor_visibility_set(token=token, listed=True)
    with pytest.raises(DirectoryError, match="pas valable"):
        actor_confirm(token=token + "x")


def test_a_request_routed_accepted_declined_closed(loire: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    actor = actor_listed()
    structure = structure_listed()
    with django_capture_on_commit_callbacks(execute=True):
        request = request_filed()
    assert request.state == "received"
    assert mail.outbox[-1].to == ["demande@example.org"]  # acknowledgement
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        routings = request_route(
            request=request,
            targets=[Target(actor=actor, score=8, reasons=("x",)), Target(structure=structure)],
            message="Pouvez-vous les aider ?",
            author=None,
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["camille@example.org", "structure@example.org"]
    assert "Pouvez-vous les aider ?" in mail.outbox[0].body
    request.refresh_from_db()
    assert request.state == "routed"
    with pytest.raises(RequestError, match="déjà reçu"):
        request_route(request=request, targets=[Target(actor=actor)], message="", author=None)
    first, second = routings
    routing_answer(
        token=routing_token(routing_id=first.pk, email=first.recipient_email), accept=True, note="Oui"
    )
    request.refresh_from_db()
    assert request.state == "accepted"
    assert request.first_answer_at is not None
    with pytest.raises(RequestError, match="déjà répondu"):
        routing_answer(token=routing_token(routing_id=first.pk, email=first.recipient_email), accept=False)
    routing_answer(token=routing_token(routing_id=second.pk, email=second.recipient_email), accept=False)
    request.refresh_from_db()
    assert request.state == "accepted"  # one acceptance is enough
    request_close(request=request, outcome="partnership", note="Ateliers en mars.", author=None)
    request.refresh_from_db()
    assert request.state == "closed"
    assert request.outcome == "partnership"
    assert list(ThreadEntry.objects.filter(request=request).values_list("kind", flat=True)) == [
        "received",
        "routed",
        "accepted",
        "declined",
        "closed",
    ]
    with pytest.raises(RequestError, match="close"):
        request_route(request=request, targets=[Target(structure=structure)], message="", author=None)


def test_nothing_half_written_when_one_target_has_no_address(loire: None) -> None:
    actor = actor_listed()
    structure = structure_listed(email="")
    request = request_filed()
    with pytest.raises(RequestError, match="pas d'adresse"):
        request_route(
            request=request,
            targets=[Target(actor=actor), Target(structure=structure)],
            message="",
            author=None,
        )
    assert not Routing.objects.exists()
    assert PartnershipRequest.objects.get().state == "received"


def test_reminder_once_after_seven_days(loire: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    actor = actor_listed()
    request = request_filed()
    request_route(request=request, targets=[Target(actor=actor)], message="", author=None)
    mail.outbox.clear()
    now = timezone.now()
    assert reminders_send(now=now + datetime.timedelta(days=6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=now + datetime.timedelta(days=8)) == 1
    assert reminders_send(now=now + datetime.timedelta(days=9)) == 0
    assert mail.outbox[0].subject.startswith("Relance")
    assert mail.outbox[0].to == ["camille@example.org"]


def _at(request: PartnershipRequest, when: datetime.datetime) -> None:
    PartnershipRequest.objects.filter(pk=request.pk).update(created_at=when)


def test_period_figures_against_hand_counts(loire: None) -> None:
    """Three requests in 2026 (one closed, one routed, one received), one in 2025, one spam."""
    paris = datetime.timezone(datetime.timedelta(hours=1))
    actor = actor_listed()
    a = request_filed("42187")
    b = request_filed("42147", theme="Loisirs et créations numériques")
    c = request_filed(None, outside_territory="Haute-Loire")
    old = request_filed("42187")
    spam = request_filed("42187")
    for req, day in ((a, 10), (b, 11), (c, 12), (spam, 13)):
        _at(req, datetime.datetime(2026, 3, day, 9, tzinfo=paris))
    _at(old, datetime.datetime(2025, 12, 31, 22, tzinfo=paris))
    for req in (a, b):
        request_route(request=req, targets=[Target(actor=actor)], message="", author=None)
    routing = Routing.objects.get(request=a)
    PartnershipRequest.objects.filter(pk=a.pk).update(
        first_answer_at=datetime.datetime(2026, 3, 10, 15, tzinfo=paris)
    )
    routing_answer(token=routing_token(routing_id=routing.pk, email=routing.recipient_email), accept=True)
    PartnershipRequest.objects.filter(pk=a.pk).update(
        first_answer_at=datetime.datetime(2026, 3, 10, 15, tzinfo=paris)
    )
    request_close(
        request=PartnershipRequest.objects.get(pk=a.pk), outcome="partnership", note="", author=None
    )
    request_close(request=spam, outcome="spam", note="", author=None)
    figures = {f["key"]: f for f in period_figures(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))}
    assert figures["network.requests_received"]["value"] == 3
    assert figures["network.requests_received"]["rows"] == [
        [THEME, 2],
        ["Loisirs et créations numériques", 1],
    ]
    assert figures["network.requests_routed"]["value"] == 2
    assert sorted(figures["network.requests_routed"]["rows"]) == [  # c, outside the territory, not routed
        ["Montbrison", 1],
        ["Roanne", 1],
    ]
    assert figures["network.requests_closed"]["rows"] == [["Partenariat engagé", 1]]
    assert figures["network.median_hours_to_first_answer"]["value"] == 6.0
    assert figures["network.routings"]["rows"] == [["Acceptée", 1], ["En attente de réponse", 1]]
    assert figures["network.directory_people"]["value"] == 1
    assert all(f["topic"] == "network" for f in figures.values())
    before = {
        f["key"]: f["value"] for f in period_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    }
    assert before["network.requests_received"] == 1  # 31 Dec 22:00 Paris is still 2025


def test_activity_prefill(loire: None) -> None:
    structure = structure_listed()
    request = request_filed("42187", date_from=datetime.date(2026, 4, 1), date_to=datetime.date(2026, 4, 30))
    (routing,) = request_route(
        request=request, targets=[Target(structure=structure)], message="", author=None
    )
    routing_answer(token=routing_token(routing_id=routing.pk, email=routing.recipient_email), accept=True)
    prefill = activity_prefill(request.pk)
    assert prefill is not None
    assert prefill["kind"] == "accompaniment"
    assert (prefill["date_start"], prefill["date_end"]) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 30),
    )
    assert prefill["commune_insee"] == "42187"
    assert prefill["structure_ids"] == [structure.pk]
    assert prefill["source"] == f"network.request:{request.pk}"
    assert "Acceptée par Exemple fictif : structure" in str(prefill["narrative"])
    assert activity_prefill(request.pk + 1000) is None


def test_reminders_command_and_sample(loire_census: None, django_capture_on_commit_callbacks: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from maillage.network.services.sample import sample_network_load

    with django_capture_on_commit_callbacks(execute=True):
        lines = sample_network_load()
        again = sample_network_load()  # idempotent
    assert lines == again
    assert Actor.objects.filter(fictitious=True).count() == 3
    assert all(a.name.startswith("Exemple fictif") for a in Actor.objects.all())
    assert PartnershipRequest.objects.get().fictitious
    request = PartnershipRequest.objects.get()
    request_route(request=request, targets=[Target(actor=Actor.objects.first())], message="", author=None)
    Routing.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    out = StringIO()
    call_command("network-reminders", "--jours", "2", stdout=out)
    assert out.getvalue().strip() == "Relances envoyées : 1"
