"""The agenda's pure rules: month grids, Markdown sanitising, image checks, the event's rules."""

from __future__ import annotations

import datetime
import zoneinfo

from maillage.agenda.domain.calendar import Month, month_parse
from maillage.agenda.domain.images import image_kind, image_problem
from maillage.agenda.domain.rules import SlotInput, event_problems, waiting_list_status
from maillage.agenda.domain.text import markdown_to_html

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 28)


def test_month_parse_and_neighbours() -> None:
    assert month_parse("2026-12", today=TODAY) == Month(2026, 12)
    assert month_parse("2026-13", today=TODAY) == Month(2026, 11)
    assert month_parse("n'importe quoi", today=TODAY) == Month(2026, 11)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 12).label == "décembre 2026"


def test_weeks_start_on_monday_and_pad_with_none() -> None:
    weeks = Month(2026, 12).weeks()  # 1 December 2026 is a Tuesday
    assert weeks[0][0] is None
    assert weeks[0][1] == datetime.date(2026, 12, 1)
    assert [day for week in weeks for day in week if day is not None][-1] == datetime.date(2026, 12, 31)
    assert all(len(week) == 7 for week in weeks)


def test_markdown_is_rendered_and_sanitised() -> None:
    html = markdown_to_html(
        "**gras** <script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=y>"
    )
    assert "<strong>gras</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert 'href="https://example.org"' in markdown_to_html("[site](https://example.org)")
    assert markdown_to_html("   ") == ""


def test_images_are_checked_on_their_bytes_and_size() -> None:
    assert image_kind(b"\xff\xd8\xff\xe0" + b"\0" * 8) == "jpeg"
    assert image_kind(b"\x89PNG\r\n\x1a\n" + b"\0" * 4) == "png"
    assert image_kind(b"RIFF\0\0\0\0WEBP") == "webp"
    assert image_kind(b"GIF89a......") is None
    assert (
        image_problem(head=b"<svg onload=x>", size=100)
        == "Image : seuls les formats JPEG, PNG et WebP sont acceptés."
    )
    assert image_problem(head=b"\xff\xd8\xff\xe0", size=3 * 1024 * 1024) == "Image : le fichier dépasse 2 Mo."
    assert image_problem(head=b"\xff\xd8\xff\xe0", size=1000) is None


def _rules(**overrides: object) -> list[str]:
    begin = datetime.datetime(2026, 12, 3, 14, tzinfo=PARIS)
    values: dict[str, object] = {
        "slots": [SlotInput(begin=begin, end=begin + datetime.timedelta(hours=2))],
        "has_place": False,
        "has_address": True,
        "online_url": "",
        "registration_kind": "none",
        "registration_value": "",
        "has_image": False,
        "image_alt": "",
        "free": True,
        "price": "",
    } | overrides
    return event_problems(**values)  # type: ignore[arg-type]


def test_event_rules_name_the_field() -> None:
    begin = datetime.datetime(2026, 12, 3, 14, tzinfo=PARIS)
    assert _rules() == []
    assert _rules(slots=[])[0].startswith("Créneaux :")
    assert _rules(slots=[SlotInput(begin=begin, end=begin)]) == [
        "Créneau 1 : la fin doit venir après le début."
    ]
    assert _rules(has_address=False)[0].startswith("Lieu :")
    assert _rules(has_address=False, online_url="https://visio.example.org") == []
    assert _rules(registration_kind="link")[0].startswith("Inscription :")
    assert _rules(has_image=True)[0].startswith("Texte alternatif de l'image :")
    assert _rules(free=False)[0].startswith("Tarif :")


def test_waiting_list_status() -> None:
    assert waiting_list_status(capacity=None, confirmed=100) == "confirmed"
    assert waiting_list_status(capacity=2, confirmed=1) == "confirmed"
    assert waiting_list_status(capacity=2, confirmed=2) == "waiting"
