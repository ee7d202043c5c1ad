"""The annual gathering: registration per session (seats, overlaps, all or nothing), attendance,
badges and attendance sheet PDFs, attendance figures."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.network.forms import STAMP_SALT
from maillage.network.models import SessionRegistration
from maillage.network.selectors import period_figures
from maillage.network.services.gathering import GatheringError, attendance_set, sessions_register
from tests.agenda.factories import user_make
from tests.network.factories import gathering_make

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture
def gathering(loire: None) -> Any:
    cache.clear()
    return gathering_make(user_make("anim@example.org", is_staff=True))


def _sessions(gathering: Any) -> list[Any]:
    return list(gathering.sessions.order_by("begin", "room"))


def test_register_seats_overlap_all_or_nothing(gathering: Any) -> None:
    robot, round_table, plenary = _sessions(gathering)
    made = sessions_register(
        gathering=gathering,
        session_ids=[robot.pk, plenary.pk],
        name="Exemple fictif : A",
        email="a@example.org",
    )
    assert len(made) == 2
    with pytest.raises(GatheringError, match="en même temps"):
        sessions_register(
            gathering=gathering, session_ids=[robot.pk, round_table.pk], name="B", email="b@example.org"
        )
    with pytest.raises(GatheringError, match="déjà inscrite"):
        sessions_register(gathering=gathering, session_ids=[robot.pk], name="A", email="A@example.org")
    sessions_register(gathering=gathering, session_ids=[robot.pk], name="C", email="c@example.org")
    with pytest.raises(GatheringError, match="complète"):  # robot is full (2 seats); plenary is not
        sessions_register(
            gathering=gathering, session_ids=[plenary.pk, robot.pk], name="D", email="d@example.org"
        )
    assert not SessionRegistration.objects.filter(email="d@example.org").exists()  # nothing half-written


def test_attendance_and_figures(gathering: Any) -> None:
    robot, round_table, plenary = _sessions(gathering)
    a = sessions_register(
        gathering=gathering, session_ids=[robot.pk, plenary.pk], name="A", email="a@example.org"
    )
    b = sessions_register(gathering=gathering, session_ids=[round_table.pk], name="B", email="b@example.org")
    assert attendance_set(gathering=gathering, present_ids={a[0].pk, b[0].pk}) == 2
    assert attendance_set(gathering=gathering, present_ids={a[0].pk}) == 1  # B unticked
    day = timezone.localdate() + datetime.timedelta(days=20)
    figures = {
        f["key"]: f
        for f in period_figures(day - datetime.timedelta(days=1), day + datetime.timedelta(days=1))
    }
    assert figures["network.gathering_registrations"]["value"] == 3
    assert figures["network.gathering_attendance"]["value"] == 1
    assert ["Exemple fictif : atelier robotique", 1] in figures["network.gathering_attendance"]["rows"]
    empty = period_figures(day + datetime.timedelta(days=5), day + datetime.timedelta(days=6))
    assert "network.gathering_registrations" not in {f["key"] for f in empty}


def test_programme_page_registers_and_names_errors(client: Client, gathering: Any) -> None:
    robot, round_table, _plenary = _sessions(gathering)
    url = reverse("network:gathering", args=[gathering.pk])
    page = client.get(url).content.decode()
    assert "Exemple fictif : table ronde" in page
    assert "Salle B" in page
    stamp = signing.dumps(int(timezone.now().timestamp()) - 10, salt=STAMP_SALT)
    data = {
        "name": "Exemple fictif : E",
        "email": "e@example.org",
        "organisation": "Exemple fictif",
        "stamp": stamp,
    }
    clash = client.post(url, data | {"sessions": [str(robot.pk), str(round_table.pk)]})
    assert clash.status_code == 400
    assert "ont lieu en même temps" in clash.content.decode()
    none = client.post(url, data)
    assert "Sessions : cochez au moins une session." in none.content.decode()
    assert client.post(url, data | {"sessions": [str(robot.pk)]}).status_code == 302
    assert SessionRegistration.objects.get().session == robot


def test_badges_and_attendance_sheet(client: Client, gathering: Any) -> None:
    robot, _round_table, plenary = _sessions(gathering)
    sessions_register(
        gathering=gathering,
        session_ids=[robot.pk, plenary.pk],
        name="Exemple fictif : Camille Roux",
        email="c@example.org",
        organisation="Exemple fictif : centre social",
    )
    assert client.get(reverse("network:gathering-badges", args=[gathering.pk])).status_code == 302
    client.force_login(user_make("anim2@example.org", is_staff=True))
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("gathering-badges", "gathering-attendance-pdf"):
        response = client.get(reverse(f"network:{name}", args=[gathering.pk]))
        assert response["Content-Type"] == "application/pdf"
        pdf = response.content
        assert pdf.startswith(b"%PDF")
        path = ARTIFACTS / f"network-{name}.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Camille Roux" in text
    sheet = subprocess.run(
        ["pdftotext", str(ARTIFACTS / "network-gathering-attendance-pdf.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "atelier robotique" in sheet
    assert "plénière" in sheet
    page = client.get(reverse("network:gathering-attendance", args=[gathering.pk])).content.decode()
    assert "Exemple fictif : Camille Roux" in page
