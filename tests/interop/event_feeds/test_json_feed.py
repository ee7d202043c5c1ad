import json
from datetime import datetime

import jsonschema

from maillage.interop.event_feeds.json_feed import JSON_SCHEMA_PATH, write_json
from maillage.interop.events import RegistrationRecord
from tests.interop.event_feeds.samples import NOW, event


def schema():
    return json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8"))


def test_feed_matches_its_published_json_schema():
    online = event(uid="en-ligne", location=None, online_url="https://visio.exemple.test/s", image_url="")
    data = write_json([event(), online], now=NOW)
    jsonschema.Draft202012Validator(schema()).validate(json.loads(json.dumps(data)))


def test_schema_refuses_a_wrong_shape():
    data = write_json([event()], now=NOW)
    data["events"][0]["status"] = "inconnu"
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(data))
    assert [list(error.path) for error in errors] == [["events", 0, "status"]]


def test_slots_are_iso_8601_with_their_paris_offset():
    data = write_json([event()], now=NOW)
    assert data["generated_at"] == "2026-03-01T10:00:00+01:00"
    slots = data["events"][0]["slots"]
    assert slots == [
        {"uid": "slot-a", "begin": "2026-03-28T14:00:00+01:00", "end": "2026-03-28T16:00:00+01:00"},
        {"uid": "slot-b", "begin": "2026-03-29T14:00:00+02:00", "end": "2026-03-29T16:00:00+02:00"},
    ]
    assert datetime.fromisoformat(slots[1]["begin"]) == event().slots[1].begin


def test_event_fields():
    record = event(
        registration=(RegistrationRecord("maillage", "https://agenda.exemple.test/inscription/1/"),)
    )
    item = write_json([record], now=NOW)["events"][0]
    assert item["attendance_mode"] == "offline"
    assert item["location"]["city"] == "Saint-Étienne"
    assert item["location"]["latitude"] == 45.4397
    assert item["keywords"] == list(record.keywords)
    assert item["audience"] == ["Seniors (65+)"]
    assert item["registration"] == [
        {"kind": "maillage", "value": "https://agenda.exemple.test/inscription/1/"}
    ]
    assert item["image"] == {"url": record.image_url, "alt": record.image_alt}
    assert item["updated_at"] == "2026-02-12T17:45:00+01:00"
