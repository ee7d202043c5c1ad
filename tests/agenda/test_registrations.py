"""Registrations: seats, waiting list, promotion on cancellation, reminders, purge, concurrency."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.db import close_old_connections, connection
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.agenda.enums import RegistrationStatus
from maillage.agenda.models import Registration
from maillage.agenda.services.mail import cancel_token
from maillage.agenda.services.registrations import (
    RegistrationError,
    registration_cancel,
    registration_register,
    registrations_purge,
    reminders_send,
)
from tests.agenda.factories import event_make, user_make


@pytest.fixture
def slot(db: None):  # type: ignore[no-untyped-def]
    structure = Structure.objects.create(name="Structure fictive")
    editor = user_make("editrice@example.org", structure=structure)
    event = event_make(author=editor, organiser=structure, capacity=2)
    return event.slots.get()


def test_full_slot_puts_the_next_person_on_the_waiting_list(slot, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        first = registration_register(slot=slot, name="Alice", email="alice@example.org")
        second = registration_register(slot=slot, name="Bruno", email="bruno@example.org")
        third = registration_register(slot=slot, name="Chloé", email="chloe@example.org")
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert [m.to for m in mail.outbox] == [
        ["alice@example.org"],
        ["bruno@example.org"],
        ["chloe@example.org"],
    ]
    assert "liste d'attente" in mail.outbox[2].body
    assert "/agenda/inscription/annuler/" in mail.outbox[0].body


def test_cancelling_promotes_the_first_person_waiting(slot, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        first = registration_register(slot=slot, name="Alice", email="alice@example.org")
        registration_register(slot=slot, name="Bruno", email="bruno@example.org")
        third = registration_register(slot=slot, name="Chloé", email="chloe@example.org")
        fourth = registration_register(slot=slot, name="David", email="david@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(token=cancel_token(first))
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert fourth.status == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
    assert "Une place s'est libérée" in mail.outbox[0].body
    with pytest.raises(RegistrationError, match="déjà annulée"):
        registration_cancel(token=cancel_token(first))


def test_a_forged_or_altered_token_cancels_nothing(slot) -> None:  # type: ignore[no-untyped-def]
    registration = registration_register(slot=slot, name="Alice", email="alice@example.org")
    with pytest.raises(RegistrationError, match="pas valable"):
        registration_cancel(token=cancel_token(registration)[:-2] + "xx")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_same_address_registers_once_per_slot(slot) -> None:  # type: ignore[no-untyped-def]
    registration_register(slot=slot, name="Alice", email="alice@example.org")
    with pytest.raises(RegistrationError, match="Courriel"):
        registration_register(slot=slot, name="Alice", email="Alice@Example.org")


def test_reminders_go_once_the_day_before(slot, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(slot=slot, name="Alice", email="alice@example.org")
        registration_register(slot=slot, name="Bruno", email="bruno@example.org")
        registration_register(slot=slot, name="Chloé", email="chloe@example.org")  # waiting: no reminder
    mail.outbox.clear()
    assert reminders_send(now=slot.begin - datetime.timedelta(days=3)) == 0
    day_before = slot.begin - datetime.timedelta(days=1)
    assert reminders_send(now=day_before) == 2
    assert reminders_send(now=day_before) == 0  # safe to run twice
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bruno@example.org"]
    assert all(m.subject.startswith("Rappel") for m in mail.outbox)


def test_personal_data_is_deleted_after_the_retention_period(slot, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAILLAGE_AGENDA_RETENTION_DAYS = 30
    registration_register(slot=slot, name="Alice", email="alice@example.org")
    assert registrations_purge(now=slot.end + datetime.timedelta(days=29)) == 0
    assert registrations_purge(now=slot.end + datetime.timedelta(days=31)) == 1
    assert not Registration.objects.exists()


def test_no_registration_once_the_slot_began(slot) -> None:  # type: ignore[no-untyped-def]
    slot.begin = timezone.now() - datetime.timedelta(minutes=5)
    slot.save()
    with pytest.raises(RegistrationError, match="commencé"):
        registration_register(slot=slot, name="Alice", email="alice@example.org")


@pytest.mark.django_db(transaction=True)
def test_racing_for_the_last_seat_only_one_gets_it(mailoutbox) -> None:  # type: ignore[no-untyped-def]
    """N threads, each with its own database connection, register at once for a slot of one seat."""
    structure = Structure.objects.create(name="Structure fictive")
    editor = user_make("editrice@example.org", structure=structure)
    slot = event_make(author=editor, organiser=structure, capacity=1).slots.get()
    racers = 8
    barrier = threading.Barrier(racers)
    errors: list[BaseException] = []

    def race(number: int) -> None:
        try:
            barrier.wait()
            registration_register(slot=slot, name=f"Personne {number}", email=f"p{number}@example.org")
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(Registration.objects.filter(slot=slot).values_list("status", flat=True))
    assert statuses == ["confirmed"] + ["waiting"] * (racers - 1)
    positions = sorted(Registration.objects.filter(slot=slot).values_list("position", flat=True))
    assert positions == list(range(1, racers + 1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.org" for n in range(racers))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_the_last_seat(mailoutbox) -> None:  # type: ignore[no-untyped-def]
    """The same race through HTTP: N clients POST the registration form at once.

    Not on the in-memory SQLite test database: in its shared-cache mode a plain read is refused at once
    while another connection writes (a file database in WAL mode lets readers through); the race
    above covers SQLite at the service level, where the lock is taken.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "in-memory SQLite (shared cache) refuses concurrent reads; run with DATABASE_URL=postgres://…"
        )
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    structure = Structure.objects.create(name="Structure fictive")
    editor = user_make("editrice@example.org", structure=structure)
    event = event_make(author=editor, organiser=structure, capacity=1)
    slot = event.slots.get()
    racers = 6
    barrier = threading.Barrier(racers)
    codes: list[int] = []

    def post(number: int) -> None:
        client = Client(REMOTE_ADDR=f"10.1.0.{number + 1}")
        data = {"slot": slot.pk, "name": f"Personne {number}", "email": f"p{number}@example.org"}
        try:
            barrier.wait()
            codes.append(client.post(f"/agenda/{event.pk}/inscription/", data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302] * racers
    statuses = sorted(Registration.objects.filter(slot=slot).values_list("status", flat=True))
    assert statuses == ["confirmed"] + ["waiting"] * (racers - 1)


def test_more_seats_promote_the_people_waiting(slot, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from maillage.agenda.domain.rules import SlotInput
    from maillage.agenda.services.events import event_update

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("alice", "bruno", "chloe", "david"):
            registration_register(slot=slot, name=name, email=f"{name}@example.org")
    mail.outbox.clear()
    event = slot.event
    editor = event.created_by
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event,
            author=editor,
            fields={"summary": "Exemple fictif, une place de plus."},
            slots=[SlotInput(begin=slot.begin, end=slot.end, capacity=3, id=slot.pk)],
        )
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"alice": "confirmed", "bruno": "confirmed", "chloe": "confirmed", "david": "waiting"}
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
