"""The animators' digest: who receives it, which contributions it lists, sent once a day."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.contributions.services.contributions import (
    contribution_submit,
    contributions_daily_digest,
    contributions_digest_send,
    digest_recipients,
)
from maillage.places.enums import ContributionKind, PlaceStatus, ReportReason
from maillage.places.models import Contribution, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


@pytest.fixture
def place(census: None) -> Place:
    found = Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name").first()
    assert found is not None
    return found


@pytest.fixture
def moderator(db: None) -> User:
    return get_user_model().objects.create_user("animatrice", email="animatrice@example.org", is_staff=True)


def _correction(place: Place) -> Contribution:
    return contribution_submit(
        kind=ContributionKind.CORRECTION, place=place, data={"phone": "+33477998877"}, email="a@example.org"
    )


def _new_place() -> Contribution:
    data = {"name": "Espace numérique des Ursules", "commune_name": "Saint-Étienne", "postal_code": "42000"}
    return contribution_submit(kind=ContributionKind.NEW_PLACE, data=data, email="b@example.org")


def _report(place: Place) -> Contribution:
    return contribution_submit(
        kind=ContributionKind.REPORT, place=place, report_reason=ReportReason.CLOSED, email="c@example.org"
    )


def _received_at(contribution: Contribution, moment: datetime.datetime) -> None:
    Contribution.objects.filter(pk=contribution.pk).update(created_at=moment)


def test_digest_recipients_come_from_the_setting_or_else_the_staff(moderator: User, settings: Any) -> None:
    get_user_model().objects.create_user("ancien", email="ancien@example.org", is_staff=True, is_active=False)
    get_user_model().objects.create_user("public", email="public@example.org")
    assert digest_recipients() == ["animatrice@example.org"]
    settings.MAILLAGE_ANIMATOR_EMAILS = ["reseau@example.org"]
    assert digest_recipients() == ["reseau@example.org"]


def test_the_daily_digest_covers_yesterday_and_is_sent_once(
    place: Place, moderator: User, tmp_path: Path
) -> None:
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12)))
    old, recent, today_one = _correction(place), _new_place(), _report(place)
    _received_at(old, noon - datetime.timedelta(days=2))
    _received_at(recent, noon)
    stamp = tmp_path / "digest-last-day.txt"
    digest = contributions_daily_digest(day=yesterday, stamp=stamp)
    assert digest.sent
    assert [c.pk for c in digest.contributions] == [recent.pk]
    assert digest.pending == 3
    sent = mail.outbox[0]
    assert sent.to == ["animatrice@example.org"]
    assert sent.subject.startswith(f"Maillage : 1 contribution reçue depuis le {yesterday:%d/%m/%Y} 00:00")
    assert "Espace numérique des Ursules" in sent.body
    assert f"/animation/moderation/{recent.pk}/" in sent.body
    assert f"/animation/moderation/{today_one.pk}/" not in sent.body
    assert "En attente de modération en tout : 3." in sent.body
    # A second run the same day sends nothing; --force sends again.
    again = contributions_daily_digest(day=yesterday, stamp=stamp)
    assert not again.sent
    assert "déjà envoyé" in again.note
    assert len(mail.outbox) == 1
    assert contributions_daily_digest(day=yesterday, stamp=stamp, force=True).sent
    assert len(mail.outbox) == 2


def test_no_digest_when_nothing_came(census: None, moderator: User, tmp_path: Path) -> None:
    digest = contributions_daily_digest(day=timezone.localdate(), stamp=tmp_path / "stamp")
    assert not digest.sent
    assert not mail.outbox


def test_the_digest_command_since_a_date(
    place: Place, moderator: User, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    _correction(place)
    out = io.StringIO()
    call_command(
        "digest", "--since", (timezone.localdate() - datetime.timedelta(days=2)).isoformat(), stdout=out
    )
    assert "1 contribution(s) sur la période" in out.getvalue()
    assert "Résumé envoyé à : animatrice@example.org" in out.getvalue()
    assert len(mail.outbox) == 1
    out = io.StringIO()
    call_command("digest", stdout=out)  # yesterday: nothing came
    assert "rien n'est envoyé" in out.getvalue()
    assert (tmp_path / "digest-last-day.txt").is_file()


def test_a_digest_without_recipients_says_so(place: Place) -> None:
    _correction(place)
    now = timezone.now()
    digest = contributions_digest_send(since=now - datetime.timedelta(hours=1), until=now, recipients=[])
    assert not digest.sent
    assert "Aucun destinataire" in digest.note
