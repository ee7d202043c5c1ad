import io
import json
from datetime import UTC, datetime

import pytest

from maillage.interop.openagenda.errors import EventFieldError, NotAnOpenAgendaFile, OpenAgendaEventError
from maillage.interop.openagenda.reader import parse_openagenda, read_openagenda
from tests.interop.event_feeds.samples import PARIS


def oa_event(**changes):
    """A made-up event in OpenAgenda's export shape (fictional agenda, place and links)."""
    values = {
        "uid": 51234567,
        "slug": "atelier-exemple-fictif",
        "title": {"fr": "Atelier exemple (événement fictif de test)", "en": "Sample workshop (fictional)"},
        "description": {"fr": "Découverte de la tablette (fictif)."},
        "longDescription": {"fr": "Un **atelier** fictif.\n\n- apporter sa tablette"},
        "conditions": {"fr": "Gratuit — sur inscription"},
        "keywords": {"fr": ["tablette", "débutants"]},
        "timings": [
            {"begin": "2026-10-24T08:00:00Z", "end": "2026-10-24T10:00:00Z"},
            {"begin": "2026-10-26T10:00:00+01:00", "end": "2026-10-26T12:00:00+01:00"},
        ],
        "location": {
            "uid": 987654,
            "name": "Salle exemple (lieu fictif)",
            "address": "3 place de l'Exemple, 42100 Saint-Étienne",
            "postalCode": "42100",
            "city": "Saint-Étienne",
            "insee": "42218",
            "latitude": "45.42",
            "longitude": 4.39,
        },
        "attendanceMode": 1,
        "onlineAccessLink": None,
        "registration": [
            {"type": "phone", "value": "04 00 00 00 00"},
            {"type": "link", "value": "https://exemple.test/i"},
        ],
        "status": 2,
        "accessibility": {"hi": False, "ii": True, "mi": True, "pi": False, "vi": True},
        "image": {
            "base": "https://cdn.exemple.test/main/",
            "filename": "atelier.base.jpg",
            "size": {"width": 800},
        },
        "createdAt": "2026-09-01T10:00:00.000Z",
        "updatedAt": "2026-09-02T10:00:00.000Z",
    }
    values.update(changes)
    return values


def test_reads_an_export_into_event_records():
    (record,) = read_openagenda({"total": 1, "events": [oa_event()], "after": None})
    assert record.external_id == "51234567"
    assert record.title == "Atelier exemple (événement fictif de test)"
    assert record.summary == "Découverte de la tablette (fictif)."
    assert record.description_markdown.startswith("Un **atelier** fictif.")
    assert record.status == "programme"  # 2, rescheduled: it takes place on its (new) timings
    assert record.free is True
    assert record.price == "sur inscription"
    assert record.keywords == ("tablette", "débutants")
    assert [(slot.begin, slot.end) for slot in record.slots] == [
        (datetime(2026, 10, 24, 10, tzinfo=PARIS), datetime(2026, 10, 24, 12, tzinfo=PARIS)),
        (datetime(2026, 10, 26, 10, tzinfo=PARIS), datetime(2026, 10, 26, 12, tzinfo=PARIS)),
    ]
    assert record.slots[0].begin.utcoffset().total_seconds() == 7200
    assert record.location.address == "3 place de l'Exemple"
    assert record.location.latitude == 45.42
    assert record.location.insee_code == "42218"
    assert record.attendance_mode == "offline"
    assert [(item.kind, item.value) for item in record.registration] == [
        ("phone", "04 00 00 00 00"),
        ("link", "https://exemple.test/i"),
    ]
    assert record.accessibility == ("mental", "fauteuil", "malvoyant")
    assert record.image_url == "https://cdn.exemple.test/main/atelier.base.jpg"
    assert record.updated_at == datetime(2026, 9, 2, 10, tzinfo=UTC)


def test_bare_list_other_language_online_event_and_file_sources(tmp_path):
    online = oa_event(
        uid="abc",
        title={"en": "Online sample (fictional)"},
        attendanceMode=2,
        onlineAccessLink="https://visio.exemple.test/s",
        status=6,
        keywords=None,
        conditions=None,
        accessibility=None,
        image="https://cdn.exemple.test/x.jpg",
    )
    path = tmp_path / "export.json"
    path.write_text(json.dumps([online]), encoding="utf-8")
    from_path = list(read_openagenda(path))
    from_str = list(read_openagenda(str(path)))
    from_file = list(read_openagenda(io.BytesIO(path.read_bytes())))
    assert from_path == from_str == from_file
    (record,) = from_path
    assert record.title == "Online sample (fictional)"
    assert record.location is None
    assert record.attendance_mode == "online"
    assert record.status == "annule"
    assert record.keywords == ()
    assert record.free is True
    assert record.image_url == "https://cdn.exemple.test/x.jpg"


def test_write_shape_of_registration_and_offsets_without_colon():
    (record,) = read_openagenda(
        [
            oa_event(
                registration=["https://exemple.test/i", "contact@exemple.test", "04 00 00 00 00"],
                timings=[{"begin": "2026-02-23T17:00:00+0100", "end": "2026-02-23T19:00:00+0100"}],
            )
        ]
    )
    assert [(item.kind, item.value) for item in record.registration] == [
        ("link", "https://exemple.test/i"),
        ("email", "contact@exemple.test"),
        ("phone", "04 00 00 00 00"),
    ]
    assert record.slots[0].begin == datetime(2026, 2, 23, 17, tzinfo=PARIS)


def test_same_file_same_uids():
    first, second = list(read_openagenda([oa_event()])), list(read_openagenda([oa_event()]))
    assert first[0].uid == second[0].uid
    assert [slot.uid for slot in first[0].slots] == [slot.uid for slot in second[0].slots]
    assert len({slot.uid for slot in first[0].slots}) == 2
    other = list(read_openagenda([oa_event(uid=51234568)]))
    assert other[0].uid != first[0].uid


def test_faults_name_the_event_rank_uid_and_field():
    bad = oa_event(
        uid=777,
        title={"fr": ""},
        timings=[{"begin": "2026-10-24T10:00:00", "end": "2026-10-24T12:00:00+02:00"}, {"begin": "demain"}],
        status=9,
        registration=[{"type": "fax", "value": "04"}],
        location={"name": "Salle (fictive)", "latitude": 95, "longitude": 4.3},
    )
    parsed = list(parse_openagenda({"events": [oa_event(), bad]}))
    assert parsed[0].record is not None
    assert parsed[0].errors == []
    assert parsed[1].record is None
    assert [(error.index, error.uid, error.field) for error in parsed[1].errors] == [
        (2, "777", "title"),
        (2, "777", "timings[1].begin"),
        (2, "777", "timings[2].begin"),
        (2, "777", "timings[2].end"),
        (2, "777", "status"),
        (2, "777", "location.latitude"),
        (2, "777", "registration[1]"),
    ]
    assert str(parsed[1].errors[1]) == (
        "événement 2 (uid 777), champ « timings[1].begin » : "
        "heure sans décalage horaire (+01:00, +02:00 ou Z attendu)"
    )
    with pytest.raises(OpenAgendaEventError) as caught:
        list(read_openagenda({"events": [oa_event(), bad]}))
    assert caught.value.errors == parsed[1].errors
    assert all(isinstance(error, EventFieldError) for error in caught.value.errors)


def test_end_before_begin_and_missing_uid():
    parsed = list(
        parse_openagenda(
            [oa_event(uid=None, timings=[{"begin": "2026-10-24T12:00:00Z", "end": "2026-10-24T10:00:00Z"}])]
        )
    )
    assert [(error.uid, error.field, error.message) for error in parsed[0].errors] == [
        ("", "uid", "identifiant OpenAgenda absent"),
        ("", "timings[1]", "la fin précède le début"),
    ]


@pytest.mark.parametrize(
    "content",
    [
        {"type": "FeatureCollection", "features": []},
        [{"id": "1", "nom": "Lieu fictif", "commune": "Saint-Étienne"}],
        {"events": "aucun"},
        [1, 2, 3],
        42,
    ],
)
def test_files_that_are_not_openagenda_exports_are_refused_whole(content):
    with pytest.raises(NotAnOpenAgendaFile, match="n'est pas un export d'événements OpenAgenda"):
        read_openagenda(content)


def test_unreadable_json_is_refused(tmp_path):
    path = tmp_path / "cassé.json"
    path.write_text("{ pas du JSON", encoding="utf-8")
    with pytest.raises(NotAnOpenAgendaFile, match="JSON illisible"):
        read_openagenda(path)


def test_empty_export_is_read_as_no_event():
    assert list(read_openagenda({"events": []})) == []
