"""`maillage import-events`: OpenAgenda files in, idempotent; an export re-imports to the same events."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from maillage.accounts.models import Structure
from maillage.agenda.models import Event, EventSlot
from maillage.territories.models import Commune
from tests.agenda.factories import event_make, user_make

pytestmark = pytest.mark.django_db

OUTSIDE = {
    "events": [
        {
            "uid": 48213,
            "title": {"fr": "Exemple fictif : café numérique"},
            "description": {"fr": "Exemple fictif venu d'un autre agenda."},
            "longDescription": {"fr": "Un **exemple** fictif."},
            "timings": [
                {"begin": "2030-03-03T14:00:00+01:00", "end": "2030-03-03T16:00:00+01:00"},
                {"begin": "2030-03-10T14:00:00+01:00", "end": "2030-03-10T16:00:00+01:00"},
            ],
            "location": {
                "name": "Salle fictive",
                "address": "1 rue Fictive",
                "postalCode": "42000",
                "city": "Saint-Étienne",
            },
            "keywords": {"fr": ["Atelier"]},
            "status": 1,
        }
    ]
}


def _run(path: Path) -> str:
    out = io.StringIO()
    call_command("import-events", str(path), "--format", "openagenda", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_twice_creates_once(tmp_path: Path) -> None:
    path = tmp_path / "oa.json"
    path.write_text(json.dumps(OUTSIDE), encoding="utf-8")
    assert "créés : 1" in _run(path)
    slots = list(EventSlot.objects.order_by("begin").values_list("pk", flat=True))
    assert "créés : 0, mis à jour : 0, inchangés : 1" in _run(path)
    event = Event.objects.get()
    assert (event.external_source, event.external_id) == ("openagenda", "48213")
    assert list(EventSlot.objects.order_by("begin").values_list("pk", flat=True)) == slots
    changed = json.loads(json.dumps(OUTSIDE))
    changed["events"][0]["title"]["fr"] = "Exemple fictif : café numérique (nouveau titre)"
    path.write_text(json.dumps(changed), encoding="utf-8")
    assert "mis à jour : 1" in _run(path)
    assert Event.objects.get().title.endswith("(nouveau titre)")


def test_an_export_reimports_to_the_same_events(tmp_path: Path, loire: None) -> None:
    structure = Structure.objects.create(name="Structure fictive")
    editor = user_make("e@example.org", structure=structure)
    event_make(author=editor, organiser=structure, slots=2)
    event_make(
        author=editor,
        organiser=structure,
        title="Exemple fictif : second",
        online_url="",
        address="1 rue Fictive",
        commune=Commune.objects.get(pk="42218"),
    )
    before = sorted(Event.objects.values_list("pk", "title"))
    path = tmp_path / "export.json"
    path.write_bytes(Client().get("/agenda/openagenda.json").content)
    assert "créés : 0, mis à jour : 0, inchangés : 2" in _run(path)
    assert sorted(Event.objects.values_list("pk", "title")) == before
    # Into an empty agenda (another instance), the same file gives the same events, same ids.
    Event.objects.all().delete()
    assert "créés : 2" in _run(path)
    assert sorted(Event.objects.values_list("pk", "title")) == before
    assert "inchangés : 2" in _run(path)
