"""`maillage demo --sample-events`: opt-in, every event labelled fictitious, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from maillage.agenda.models import Event, EventSlot
from maillage.agenda.services.sample import sample_events_load

pytestmark = pytest.mark.django_db


def test_sample_events_are_labelled_and_idempotent(loire_census: None) -> None:
    assert not Event.objects.exists()  # the census alone brings no event
    sample_events_load()
    sample_events_load()
    events = list(Event.objects.all())
    assert len(events) == 3
    assert all(event.title.startswith("Exemple fictif") for event in events)
    assert all("Exemple fictif" in event.summary for event in events)
    assert EventSlot.objects.count() == 3


def test_demo_without_the_flag_adds_no_event(loire_census: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("maillage.home.management.commands.demo.demo_load", lambda **_: ["ok"])
    call_command("demo", "--no-france", stdout=io.StringIO())
    assert not Event.objects.exists()
    out = io.StringIO()
    call_command("demo", "--no-france", "--sample-events", stdout=out)
    assert Event.objects.count() == 3
    assert "Exemple fictif" in out.getvalue()
