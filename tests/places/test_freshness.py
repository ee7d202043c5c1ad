"""The freshness loop: which cards are stale, the reminder command, the signed link from the outside."""

from __future__ import annotations

import datetime
import io
import re
import time
from html import unescape
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.contributions.selectors import months_before, places_stale
from maillage.contributions.services.freshness import CONTACT_LABEL, freshness_token, freshness_url
from maillage.places.enums import PlaceStatus, VersionOrigin
from maillage.places.models import FreshnessReminder, Place
from tests.places.test_editing import form_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/lieux/(?P<place>[0-9a-f-]{36})/verifier/(?P<token>[^/\s]+)/")


def test_months_before() -> None:
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


@pytest.fixture
def stale(demo_census: list[str]) -> list[Place]:
    """The real census, every card fresh but three: two with an e-mail address, one without."""
    today = timezone.localdate()
    published = Place.objects.filter(status=PlaceStatus.PUBLISHED)
    published.update(updated_on=today, verified_on=None)
    with_email = list(published.exclude(emails=[]).order_by("name")[:2])
    without = published.filter(emails=[]).exclude(phone="").order_by("name").first()
    assert len(with_email) == 2
    assert without is not None
    old = today - datetime.timedelta(days=500)
    chosen = [*with_email, without]
    Place.objects.filter(pk__in=[p.pk for p in chosen]).update(updated_on=old)
    for place in chosen:
        place.refresh_from_db()
    return chosen


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("freshness", *args, stdout=out)
    return out.getvalue()


def test_stale_means_not_verified_nor_updated_for_months(stale: list[Place]) -> None:
    today = timezone.localdate()
    assert {p.pk for p in places_stale(today=today)} == {p.pk for p in stale}
    Place.objects.filter(pk=stale[0].pk).update(verified_on=today - datetime.timedelta(days=30))
    assert stale[0].pk not in {p.pk for p in places_stale(today=today)}  # verified recently: fresh
    Place.objects.filter(pk=stale[1].pk).update(verified_on=today - datetime.timedelta(days=400))
    assert stale[1].pk in {p.pk for p in places_stale(today=today)}  # verification itself too old


def test_command_emails_each_stale_contact_once(stale: list[Place]) -> None:
    first, second, by_phone = stale
    output = _run()
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.emails[0], second.emails[0]])
    message = next(m for m in mail.outbox if m.to == [first.emails[0]])
    assert first.name in message.subject
    match = LINK.search(message.body)
    assert match
    assert match["place"] == str(first.pk)
    assert "30 jours" in message.body
    assert f"à relancer par téléphone : {by_phone.name}" in output
    assert by_phone.phone in output
    assert FreshnessReminder.objects.count() == 2

    again = _run()  # safe to run twice: nobody is e-mailed again while their link is valid
    assert len(mail.outbox) == 2
    assert FreshnessReminder.objects.count() == 2
    assert "2 déjà relancée(s)" in again


def test_a_new_reminder_once_the_last_link_has_expired(stale: list[Place]) -> None:
    _run()
    FreshnessReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=31))
    _run()
    assert len(mail.outbox) == 4
    assert FreshnessReminder.objects.count() == 4


def test_dry_run_prints_and_sends_nothing(stale: list[Place]) -> None:
    output = _run("--dry-run")
    assert f"enverrait à {stale[0].emails[0]} : {stale[0].name}" in output
    assert "à relancer par téléphone" in output
    assert mail.outbox == []
    assert not FreshnessReminder.objects.exists()


def test_the_link_opens_the_card_without_an_account(stale: list[Place], client: Client) -> None:
    place = stale[0]
    _run()
    body = next(m.body for m in mail.outbox if m.to == [place.emails[0]])
    match = LINK.search(body)
    assert match is not None
    url = match.group(0).split("://", 1)[1].split("/", 1)[1]
    url = "/" + url
    page = client.get(url)
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "Tout est à jour" in html
    assert place.name in html
    assert 'name="robots" content="noindex"' in html
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]

    response = client.post(url, {"action": "confirm"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.verified_on == timezone.localdate()
    version = place.versions.order_by("-created_at", "-pk").first()
    assert version is not None
    assert version.origin == VersionOrigin.FRESHNESS
    assert version.author is None
    assert version.author_label == CONTACT_LABEL
    assert version.changes["verified_on"][1] == timezone.localdate().isoformat()
    assert place.pk not in {p.pk for p in places_stale(today=timezone.localdate())}
    assert "Merci" in unescape(client.get(response["Location"]).content.decode())


def test_an_edit_through_the_link_publishes_like_an_editor(stale: list[Place], client: Client) -> None:
    place = stale[0]
    url = reverse("contributions:place-verify", args=[place.pk, freshness_token(place=place)])
    response = client.post(url, form_data(place, phone="04 77 55 66 77", comment="nouveau numéro"))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.phone == "+33477556677"
    assert place.verified_on == timezone.localdate()
    version = place.versions.order_by("-created_at", "-pk").first()
    assert version is not None
    assert version.origin == VersionOrigin.FRESHNESS
    assert version.author_label == CONTACT_LABEL
    assert set(version.changes) >= {"phone", "verified_on"}
    assert version.comment == "nouveau numéro"
    history = unescape(Client().get(reverse("contributions:place-history", args=[place.pk])).content.decode())
    assert "Par contact du lieu" in history
    assert "vérification de la fiche" in history

    invalid = client.post(url, form_data(place, opening_hours="lundi matin"))
    assert invalid.status_code == 200
    assert "Horaires illisibles" in unescape(invalid.content.decode())


def test_expired_links_are_refused_with_410(stale: list[Place], client: Client) -> None:
    place = stale[0]
    signed_at = time.time() - 31 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        token = freshness_token(place=place)
    url = reverse("contributions:place-verify", args=[place.pk, token])
    for response in (client.get(url), client.post(url, {"action": "confirm"})):
        assert response.status_code == 410
        assert "Ce lien a expiré" in unescape(response.content.decode())
    place.refresh_from_db()
    assert place.verified_on is None


def test_forged_and_other_places_links_are_refused_with_400(stale: list[Place], client: Client) -> None:
    place, other = stale[0], stale[1]
    token = freshness_token(place=place)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    urls = [
        reverse("contributions:place-verify", args=[place.pk, forged]),
        reverse("contributions:place-verify", args=[place.pk, "n-importe-quoi"]),
        reverse("contributions:place-verify", args=[other.pk, token]),  # signed for another place
    ]
    for url in urls:
        for response in (client.get(url), client.post(url, {"action": "confirm"})):
            assert response.status_code == 400, url
            assert "Ce lien n'est pas valable" in unescape(response.content.decode())
    assert not Place.objects.filter(pk__in=[place.pk, other.pk], verified_on__isnull=False).exists()


def test_links_point_at_the_public_address(stale: list[Place], settings: object) -> None:
    settings.MAILLAGE_PUBLIC_URL = "https://maillage.example.org/"  # type: ignore[attr-defined]
    assert freshness_url(place=stale[0]).startswith(
        f"https://maillage.example.org/lieux/{stale[0].pk}/verifier/"
    )


def test_dashboard_lists_stale_places_for_animators(stale: list[Place], client: Client) -> None:
    url = reverse("contributions:freshness-list")
    assert client.get(url)["Location"].startswith("/connexion/?next=")
    member = get_user_model().objects.create_user("membre", password="x-x-x-x-x-x")
    client.force_login(member)
    assert client.get(url).status_code == 403
    _run()
    animator = get_user_model().objects.create_user("animatrice", password="x-x-x-x-x-x", is_staff=True)
    client.force_login(animator)
    for order in ("anciennete", "qualite", "-qualite", "relance", "nom", "n-importe-quoi"):
        response = client.get(url, {"tri": order})
        assert response.status_code == 200
        html = unescape(response.content.decode())
        for place in stale:
            assert place.name in html
    assert "à relancer par téléphone" in html
    assert timezone.localdate().strftime("%Y") in html  # the last reminder's date
    assert html.count("jamais") >= 1  # the place without e-mail was never reminded
