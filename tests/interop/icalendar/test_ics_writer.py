"""The ICS is read back by two independent parsers: `icalendar` and `vobject` (issue 7's « done when »)."""

import dataclasses
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject

from maillage.interop.events import EventRecord, RegistrationRecord, SlotRecord
from maillage.interop.icalendar.writer import sequence_of, write_calendar, write_event
from tests.interop.event_feeds.samples import DOMAIN, NOW, PARIS, PRODID, event, place


def ics(*events: EventRecord, now: datetime = NOW) -> str:
    return write_calendar(events, calendar_name="Agenda exemple", prodid=PRODID, now=now, domain=DOMAIN)


def vevents_icalendar(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def vevents_vobject(text: str) -> list[vobject.base.Component]:
    calendar = vobject.readOne(text)
    return list(calendar.vevent_list)


def autumn_event() -> EventRecord:
    return event(
        uid="7a1c2d9e-0000-4000-8000-000000000002",
        slots=(
            SlotRecord(
                "slot-c", datetime(2026, 10, 24, 10, tzinfo=PARIS), datetime(2026, 10, 24, 12, tzinfo=PARIS)
            ),
            SlotRecord(
                "slot-d", datetime(2026, 10, 25, 10, tzinfo=PARIS), datetime(2026, 10, 25, 12, tzinfo=PARIS)
            ),
        ),
        status="annule",
    )


def test_calendar_header_and_crlf_line_ends():
    text = ics(event())
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["PRODID"] == PRODID
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Agenda exemple"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Paris"
    timezone = next(iter(calendar.walk("VTIMEZONE")))
    assert timezone["TZID"] == "Europe/Paris"
    assert {component.name for component in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


@pytest.mark.parametrize("reader", [vevents_icalendar, vevents_vobject])
def test_one_vevent_per_slot_with_stable_uids(reader):
    first, second = ics(event(), autumn_event()), ics(event(), autumn_event(), now=NOW + timedelta(days=3))
    uids = [
        str(vevent.get("UID") if isinstance(vevent, icalendar.Event) else vevent.uid.value)
        for vevent in reader(first)
    ]
    again = [
        str(vevent.get("UID") if isinstance(vevent, icalendar.Event) else vevent.uid.value)
        for vevent in reader(second)
    ]
    assert uids == again == [f"{uid}@{DOMAIN}" for uid in ("slot-a", "slot-b", "slot-c", "slot-d")]


def test_times_are_right_in_europe_paris_across_both_dst_changes_with_icalendar():
    vevents = vevents_icalendar(ics(event(), autumn_event()))
    starts = [vevent.decoded("DTSTART") for vevent in vevents]
    assert [start.utcoffset() for start in starts] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(hours=1),
    ]
    assert [start.astimezone(UTC).hour for start in starts] == [13, 12, 8, 9]
    assert all(vevent["DTSTART"].params["TZID"] == "Europe/Paris" for vevent in vevents)


def test_times_are_right_in_europe_paris_across_both_dst_changes_with_vobject():
    """vobject builds its timezone from the file's VTIMEZONE (dateutil tzical): this checks our rules."""
    vevents = vevents_vobject(ics(event(), autumn_event()))
    starts = [vevent.dtstart.value for vevent in vevents]
    ends = [vevent.dtend.value for vevent in vevents]
    assert [start.astimezone(UTC).hour for start in starts] == [13, 12, 8, 9]
    assert [end - start for start, end in zip(starts, ends, strict=True)] == [timedelta(hours=2)] * 4


def test_cancelled_event_is_cancelled_and_its_sequence_grows():
    before = event()
    cancelled = dataclasses.replace(
        before, status="annule", updated_at=before.updated_at + timedelta(hours=1)
    )
    old, new = vevents_icalendar(ics(before))[0], vevents_icalendar(ics(cancelled))[0]
    assert old["STATUS"] == "CONFIRMED"
    assert new["STATUS"] == "CANCELLED"
    assert old["UID"] == new["UID"]
    assert new.decoded("SEQUENCE") - old.decoded("SEQUENCE") == 3600
    assert vevents_vobject(ics(cancelled))[0].status.value == "CANCELLED"


@pytest.mark.parametrize(
    ("status", "expected"), [("programme", "CONFIRMED"), ("complet", "CONFIRMED"), ("reporte", "TENTATIVE")]
)
def test_other_statuses(status, expected):
    assert vevents_icalendar(ics(event(status=status)))[0]["STATUS"] == expected


def test_long_french_description_is_folded_and_read_back_whole_by_both_readers():
    text = ics(event())
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    description_icalendar = str(vevents_icalendar(text)[0]["DESCRIPTION"])
    description_vobject = vevents_vobject(text)[0].description.value
    assert description_icalendar == description_vobject
    assert "l'équipe d'accompagnement fictive répondra à vos questions." in description_icalendar
    assert description_icalendar.startswith("Premiers pas sur internet")
    assert description_icalendar.endswith(
        "Plus d'informations : https://agenda.exemple.test/agenda/atelier-exemple/"
    )


def test_semicolons_commas_and_line_breaks_survive_escaping_in_both_readers():
    tricky = event(
        title="Atelier; exemple, fictif",
        summary="Ligne un\nligne deux; avec, virgules \\ et barre",
        description_html="",
        description_markdown="",
        keywords=("Accès, droits", "Mots; clés"),
    )
    text = ics(tricky)
    first_icalendar, first_vobject = vevents_icalendar(text)[0], vevents_vobject(text)[0]
    assert str(first_icalendar["SUMMARY"]) == first_vobject.summary.value == "Atelier; exemple, fictif"
    description = first_vobject.description.value
    assert description.startswith("Ligne un\nligne deux; avec, virgules \\ et barre")
    assert str(first_icalendar["DESCRIPTION"]) == description
    assert first_vobject.categories.value == ["Accès, droits", "Mots; clés"]
    assert [str(category) for category in first_icalendar["CATEGORIES"].cats] == [
        "Accès, droits",
        "Mots; clés",
    ]


def test_location_geo_url_organizer_and_stamps():
    text = ics(event(registration=(RegistrationRecord("email", "contact@exemple.test"),)))
    vevent = vevents_icalendar(text)[0]
    assert (
        str(vevent["LOCATION"])
        == "Médiathèque exemple (lieu fictif), 1 rue de l'Exemple, 42000 Saint-Étienne"
    )
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (45.4397, 4.3872)
    assert str(vevent["URL"]) == "https://agenda.exemple.test/agenda/atelier-exemple/"
    assert str(vevent["ORGANIZER"]) == "mailto:contact@exemple.test"
    assert vevent["ORGANIZER"].params["CN"] == "Association exemple (fictive)"
    assert vevent.decoded("DTSTAMP") == NOW
    assert vevent.decoded("LAST-MODIFIED") == datetime(2026, 2, 12, 16, 45, tzinfo=UTC)
    assert vevent.decoded("CREATED") == datetime(2026, 2, 10, 8, 30, tzinfo=UTC)
    vobject_event = vevents_vobject(text)[0]
    assert vobject_event.organizer.value == "mailto:contact@exemple.test"
    assert vobject_event.geo.value == "45.439700;4.387200"


def test_no_organizer_without_an_email_and_online_event_location_is_its_link():
    online = event(location=None, online_url="https://visio.exemple.test/salle", registration=())
    vevent = vevents_icalendar(ics(online))[0]
    assert "ORGANIZER" not in vevent
    assert "GEO" not in vevent
    assert str(vevent["LOCATION"]) == "https://visio.exemple.test/salle"


def test_mixed_event_gives_the_place_and_the_link_in_the_description():
    mixed = event(online_url="https://visio.exemple.test/salle", location=place())
    vevent = vevents_vobject(ics(mixed))[0]
    assert vevent.location.value.startswith("Médiathèque exemple")
    assert "En ligne : https://visio.exemple.test/salle" in vevent.description.value


def test_single_event_download_has_the_same_uids_as_the_feed():
    single = write_event(event(), prodid=PRODID, now=NOW, domain=DOMAIN)
    calendar = icalendar.Calendar.from_ical(single)
    assert calendar["X-WR-CALNAME"] == "Atelier exemple (événement fictif de test)"
    assert [str(vevent["UID"]) for vevent in calendar.walk("VEVENT")] == [
        str(vevent["UID"]) for vevent in vevents_icalendar(ics(event()))
    ]


def test_sequence_is_zero_without_update_time_and_naive_now_is_refused():
    assert sequence_of(event(updated_at=None)) == 0
    with pytest.raises(ValueError, match="sans fuseau"):
        ics(event(), now=datetime(2026, 3, 1, 9, 0))


def test_an_empty_calendar_is_read_by_both_readers():
    text = ics()
    assert vevents_icalendar(text) == []
    assert vobject.readOne(text).contents.get("vevent", []) == []
