"""Moderating contributions from the outside: who may, what approving, rejecting, editing do, the
e-mails to contributors, and the animators' daily digest."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.census.services.rebuild import census_rebuild
from maillage.contributions.services.contributions import (
    contribution_submit,
)
from maillage.home.demo import demo_load
from maillage.places.enums import (
    ContributionKind,
    ContributionStatus,
    Decision,
    PlaceStatus,
    ReportReason,
    VersionOrigin,
)
from maillage.places.models import Contribution, MatchDecision, Place, PlaceVersion

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide"  # noqa: S105
OnCommit = Callable[..., Any]


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


@pytest.fixture
def place(census: None) -> Place:
    found = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(opening_hours="").order_by("name").first()
    )
    assert found is not None
    return found


@pytest.fixture
def moderator(db: None) -> User:
    return get_user_model().objects.create_user(
        "animatrice", email="animatrice@example.org", password=PASSWORD, is_staff=True
    )


@pytest.fixture
def animator(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def member(db: None) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user("membre", password=PASSWORD))
    return client


def _correction(place: Place, **data: Any) -> Contribution:
    return contribution_submit(
        kind=ContributionKind.CORRECTION,
        place=place,
        data=data or {"phone": "+33477998877"},
        email="habitant@example.org",
        comment="Le numéro a changé",
    )


def _new_place() -> Contribution:
    data = {
        "name": "Espace numérique des Ursules",
        "pivot": "00000000000000",
        "address": "3 rue des Ursules",
        "postal_code": "42000",
        "commune_name": "Saint-Étienne",
        "insee_code": "42218",
        "opening_hours": "Tu-Sa 10:00-18:00",
        "services": ["Aide aux démarches administratives"],
    }
    return contribution_submit(kind=ContributionKind.NEW_PLACE, data=data, email="proposeuse@example.org")


def _report(place: Place, reason: ReportReason, duplicate_of: Place | None = None) -> Contribution:
    return contribution_submit(
        kind=ContributionKind.REPORT,
        place=place,
        report_reason=reason,
        duplicate_of=duplicate_of,
        comment="Vu sur place",
        email="temoin@example.org",
    )


# --- Who may moderate -----------------------------------------------------------------------------------


def _routes(place: Place) -> list[tuple[str, str]]:
    contribution = _correction(place)
    return [
        ("get", reverse("contributions:moderation-list")),
        ("get", reverse("contributions:moderation-item", args=[contribution.pk])),
        ("post", reverse("contributions:moderation-approve", args=[contribution.pk])),
        ("post", reverse("contributions:moderation-reject", args=[contribution.pk])),
        ("get", reverse("contributions:moderation-edit", args=[contribution.pk])),
        ("post", reverse("contributions:moderation-edit", args=[contribution.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(place: Place, client: Client) -> None:
    phone = place.phone
    for method, url in _routes(place):
        response = getattr(client, method)(url, {"reason": "non", "name": "Piraté"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/?next="), url
    assert Contribution.objects.get().status == ContributionStatus.PENDING
    place.refresh_from_db()
    assert place.phone == phone


def test_people_who_are_not_animators_are_refused(place: Place, member: Client) -> None:
    for method, url in _routes(place):
        assert getattr(member, method)(url, {"reason": "non", "name": "Piraté"}).status_code == 403, url
    assert Contribution.objects.get().status == ContributionStatus.PENDING
    assert not mail.outbox


def test_mutating_routes_refuse_get(place: Place, animator: Client) -> None:
    contribution = _correction(place)
    for name in ("contributions:moderation-approve", "contributions:moderation-reject"):
        assert animator.get(reverse(name, args=[contribution.pk])).status_code == 405


def test_the_menu_shows_moderation_with_the_pending_count_to_animators_only(
    place: Place, animator: Client, member: Client
) -> None:
    _correction(place)
    _report(place, ReportReason.WRONG)
    html = animator.get(reverse("home:home")).content.decode()
    assert reverse("contributions:moderation-list") in html
    assert '<span class="contrib-badge">2<span class="visually-hidden"> en attente</span></span>' in html
    assert reverse("contributions:moderation-list") not in member.get(reverse("home:home")).content.decode()


# --- The queue and an item ------------------------------------------------------------------------------


def test_the_queue_lists_pending_contributions_oldest_first(place: Place, animator: Client) -> None:
    first = _correction(place)
    second = _new_place()
    decided = _report(place, ReportReason.OTHER)
    Contribution.objects.filter(pk=decided.pk).update(status=ContributionStatus.REJECTED)
    html = unescape(animator.get(reverse("contributions:moderation-list")).content.decode())
    assert "2 contributions en attente" in html
    assert html.index(f"/animation/moderation/{first.pk}/") < html.index(
        f"/animation/moderation/{second.pk}/"
    )
    assert f"/animation/moderation/{decided.pk}/" not in html
    assert "Espace numérique des Ursules (Saint-Étienne)" in html


def test_a_correction_shows_old_and_new_values_field_by_field(place: Place, animator: Client) -> None:
    contribution = _correction(place, phone="+33477998877", opening_hours="Mo-Fr 09:00-12:00")
    html = unescape(
        animator.get(reverse("contributions:moderation-item", args=[contribution.pk])).content.decode()
    )
    assert "Sur la fiche aujourd'hui" in html
    assert "Téléphone" in html
    assert place.phone in html
    assert "+33477998877" in html
    assert "Horaires d'ouverture" in html
    assert "Du lundi au vendredi : 9 h – 12 h" in html  # the hours in plain French
    assert "Le numéro a changé" in html
    assert "habitant@example.org" in html


def test_a_duplicate_report_shows_both_cards_side_by_side(place: Place, animator: Client) -> None:
    other = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(pk=place.pk).order_by("name").last()
    assert other is not None
    contribution = _report(place, ReportReason.DUPLICATE, duplicate_of=other)
    html = unescape(
        animator.get(reverse("contributions:moderation-item", args=[contribution.pk])).content.decode()
    )
    assert "Les deux fiches" in html
    assert place.name in html
    assert other.name in html
    assert "Accepter : fusionner les deux fiches" in html


# --- Approving ------------------------------------------------------------------------------------------


def test_approving_a_correction_changes_the_card_with_history_and_tells_the_contributor(
    place: Place, animator: Client, moderator: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    contribution = _correction(place, phone="+33477998877")
    with django_capture_on_commit_callbacks(execute=True):
        response = animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.phone == "+33477998877"
    version = PlaceVersion.objects.filter(place=place).order_by("-pk").first()
    assert version is not None
    assert version.origin == VersionOrigin.CONTRIBUTION
    assert version.author == moderator
    assert version.author_label == "proposition de habitant@example.org"
    assert version.changes["phone"][1] == "+33477998877"
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED
    assert contribution.decided_by == moderator
    assert contribution.decided_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["habitant@example.org"]
    assert sent.subject == f"Votre proposition pour « {place.name} ({place.commune_name}) » a été acceptée"
    assert f"/lieux/{place.pk}/" in sent.body
    # The change survives the census being rebuilt from the sources (as after a re-import).
    census_rebuild()
    place.refresh_from_db()
    assert place.phone == "+33477998877"


def test_approving_a_new_place_publishes_it(
    census: None, animator: Client, moderator: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    contribution = _new_place()
    with django_capture_on_commit_callbacks(execute=True):
        animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    contribution.refresh_from_db()
    place = contribution.place
    assert place is not None
    assert place.status == PlaceStatus.PUBLISHED
    assert (place.name, place.commune_id, place.opening_hours) == (
        "Espace numérique des Ursules",
        "42218",
        "Tu-Sa 10:00-18:00",
    )
    version = PlaceVersion.objects.get(place=place)
    assert (version.origin, version.author) == (VersionOrigin.CONTRIBUTION, moderator)
    assert animator.get(reverse("publishing:place-detail", args=[place.pk])).status_code == 200
    assert mail.outbox[0].to == ["proposeuse@example.org"]
    assert "acceptée" in mail.outbox[0].subject


def test_edit_then_approve_publishes_the_moderators_version(
    place: Place, animator: Client, moderator: User
) -> None:
    contribution = _correction(place, phone="+33477998877")
    url = reverse("contributions:moderation-edit", args=[contribution.pk])
    html = unescape(animator.get(url).content.decode())
    assert 'value="+33477998877"' in html  # the proposal, over the card
    assert f'value="{place.name}"' in html
    post = {
        "name": place.name,
        "address": place.address,
        "postal_code": place.postal_code,
        "commune_name": place.commune_name,
        "phone": "04 77 11 22 33",
        "opening_hours": place.opening_hours,
        "emails": "\n".join(place.emails),
        "websites": "\n".join(place.websites),
        "latitude": "45,4401",
        "longitude": "4,3872",
        "action": "send",
    }
    for name in ("services", "publics", "specific_support", "fees", "access_modes", "support_modes"):
        post[name] = list(getattr(place, name))
    for name in ("summary", "description", "booking_url", "acceslibre_url", "address_complement"):
        post[name] = getattr(place, name)
    response = animator.post(url, post)
    assert response.status_code == 302, unescape(response.content.decode())
    place.refresh_from_db()
    assert (place.phone, place.latitude, place.longitude) == ("+33477112233", 45.4401, 4.3872)
    version = PlaceVersion.objects.filter(place=place).order_by("-pk").first()
    assert version is not None
    assert version.origin == VersionOrigin.CONTRIBUTION
    assert set(version.changes) - {"updated_on"} == {"phone", "latitude", "longitude"}
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED


def test_edit_then_approve_checks_the_values_too(census: None, animator: Client) -> None:
    contribution = _new_place()
    url = reverse("contributions:moderation-edit", args=[contribution.pk])
    post = {**contribution.data, "services": contribution.data["services"], "action": "send"}
    response = animator.post(url, {**post, "name": ""})
    assert "Nom du lieu : ce champ est obligatoire." in unescape(response.content.decode())
    response = animator.post(url, {**post, "latitude": "45,43"})
    html = unescape(response.content.decode())
    assert "Longitude : longitude manquante alors que la latitude est renseignée" in html
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PENDING
    assert not Place.objects.filter(name=post["name"]).exists()


def test_a_closed_place_report_closes_the_place_with_a_history_line(
    place: Place, animator: Client, moderator: User
) -> None:
    contribution = _report(place, ReportReason.CLOSED)
    animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    place.refresh_from_db()
    assert place.status == PlaceStatus.CLOSED
    version = PlaceVersion.objects.filter(place=place).order_by("-pk").first()
    assert version is not None
    assert version.changes == {"status": ["Publié", "Fermé"]}
    assert (version.origin, version.author) == (VersionOrigin.CONTRIBUTION, moderator)
    assert animator.get(reverse("publishing:place-detail", args=[place.pk])).status_code == 404
    # The sources still list it: a re-import and census rebuild do not reopen a place a person closed.
    demo_load(with_france=False)
    place.refresh_from_db()
    assert place.status == PlaceStatus.CLOSED


def test_a_duplicate_report_merges_the_two_places_as_the_duplicates_screen_does(
    place: Place, animator: Client
) -> None:
    other = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, commune_name=place.commune_name)
        .exclude(pk=place.pk)
        .first()
        or Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(pk=place.pk).first()
    )
    assert other is not None
    contribution = _report(place, ReportReason.DUPLICATE, duplicate_of=other)
    response = animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]), follow=True)
    assert "les deux fiches sont réunies" in unescape(response.content.decode())
    decision = MatchDecision.objects.get()
    assert decision.decision == Decision.MERGE
    assert decision.decided_by == "animatrice"
    place.refresh_from_db()
    other.refresh_from_db()
    statuses = {place.status, other.status}
    assert statuses == {PlaceStatus.PUBLISHED, PlaceStatus.ARCHIVED}  # one card left, fed by both
    survivor = place if place.status == PlaceStatus.PUBLISHED else other
    assert survivor.source_records.count() >= 2


def test_a_wrong_information_report_is_marked_handled(place: Place, animator: Client) -> None:
    contribution = _report(place, ReportReason.WRONG)
    html = unescape(
        animator.get(reverse("contributions:moderation-item", args=[contribution.pk])).content.decode()
    )
    assert "Marquer comme traité" in html
    assert "Modifier puis accepter" in html
    response = animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]), follow=True)
    assert "Signalement traité." in unescape(response.content.decode())
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED


def test_a_decision_is_taken_once(place: Place, animator: Client) -> None:
    contribution = _correction(place, phone="+33477998877")
    animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    versions = PlaceVersion.objects.count()
    response = animator.post(
        reverse("contributions:moderation-reject", args=[contribution.pk]), {"reason": "non"}, follow=True
    )
    assert "Cette contribution est déjà acceptée." in unescape(response.content.decode())
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED
    assert PlaceVersion.objects.count() == versions


# --- Rejecting ------------------------------------------------------------------------------------------


def test_rejecting_needs_a_reason_sent_to_the_contributor(
    place: Place, animator: Client, moderator: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    phone = place.phone
    contribution = _correction(place, phone="+33477998877")
    url = reverse("contributions:moderation-reject", args=[contribution.pk])
    response = animator.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Motif du refus : ce champ est obligatoire." in unescape(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = animator.post(url, {"reason": "Le numéro indiqué est celui de la mairie."})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REJECTED
    assert contribution.decision_reason == "Le numéro indiqué est celui de la mairie."
    assert contribution.decided_by == moderator
    place.refresh_from_db()
    assert place.phone == phone
    sent = mail.outbox[0]
    assert sent.to == ["habitant@example.org"]
    assert "a été refusée" in sent.subject
    assert "Le numéro indiqué est celui de la mairie." in sent.body
