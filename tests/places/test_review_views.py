"""The animator's census screens from the outside: who may see and do what, and what they do."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maillage.places.enums import PairStatus
from maillage.places.models import MatchDecision, MatchPair, Place, SourceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


@pytest.fixture
def animator(db: None) -> Client:
    user = get_user_model().objects.create_user("animatrice", password="mot-de-passe-solide", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member(db: None) -> Client:
    user = get_user_model().objects.create_user("membre", password="mot-de-passe-solide")
    client = Client()
    client.force_login(user)
    return client


def _first_pair() -> MatchPair:
    pair = MatchPair.objects.filter(status=PairStatus.REVIEW).order_by("-score", "pk").first()
    assert pair is not None
    return pair


def _routes() -> list[tuple[str, str]]:
    pair = _first_pair()
    place = Place.objects.filter(source_records__isnull=False).first()
    assert place is not None
    record = place.source_records.first()
    assert record is not None
    return [
        ("get", reverse("census:review-list")),
        ("get", reverse("census:review-pair", args=[pair.pk])),
        ("post", reverse("census:review-pair", args=[pair.pk])),
        ("get", reverse("census:quality-list")),
        ("post", reverse("census:place-split", args=[place.pk, record.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(census: None, client: Client) -> None:
    for method, url in _routes():
        response = getattr(client, method)(url, {"decision": "merge"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/?next="), url
    assert not MatchDecision.objects.exists()


def test_members_who_are_not_animators_are_refused(census: None, member: Client) -> None:
    for method, url in _routes():
        assert getattr(member, method)(url, {"decision": "merge"}).status_code == 403, url
    assert not MatchDecision.objects.exists()


def test_review_list_and_pair_show_the_differences(census: None, animator: Client) -> None:
    html = animator.get(reverse("census:review-list")).content.decode()
    assert "Doublons à examiner" in html
    pair = _first_pair()
    html = animator.get(reverse("census:review-pair", args=[pair.pk])).content.decode()
    assert pair.record_a.fields["name"] in html
    assert pair.record_b.fields["name"] in html
    assert 'class="differs"' in html


def test_review_pair_explains_its_score(census: None, animator: Client) -> None:
    pair = _first_pair()
    response = animator.get(reverse("census:review-pair", args=[pair.pk]))
    html = response.content.decode()
    explanation = response.context["explanation"]
    assert "Pourquoi ce score" in html
    assert "Ce qui les rapproche" in html
    assert "Ce qui les éloigne" in html
    assert explanation.for_ or explanation.against  # the learned terms that weighed, each with its share
    for label, share in [*explanation.for_, *explanation.against]:
        assert label in html
        assert f"{share:+.1f}".replace(".", ",") in html  # French decimal comma, signed
    assert all(reason in html for reason in explanation.facts)
    assert "Raccourcis clavier" in html


def test_keep_apart_from_the_screen_is_remembered(census: None, animator: Client) -> None:
    pair = _first_pair()
    response = animator.post(reverse("census:review-pair", args=[pair.pk]), {"decision": "apart"})
    assert response.status_code == 302
    decision = MatchDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("apart", "animatrice")
    pair.refresh_from_db()
    assert pair.status == PairStatus.KEPT_APART
    assert pair.record_a.place_id != pair.record_b.place_id
    following = _first_pair()
    assert response["Location"] == reverse("census:review-pair", args=[following.pk])


def test_merge_with_a_chosen_value(census: None, animator: Client) -> None:
    pair = _first_pair()
    a, b = pair.record_a, pair.record_b
    assert a.fields["name"] != b.fields["name"]
    response = animator.post(
        reverse("census:review-pair", args=[pair.pk]), {"decision": "merge", "choice_name": b.key}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.place_id == b.place_id
    place = Place.objects.get(pk=a.place_id)
    # B's name, from B, shown in the card's typographic case (« COMMUNE DE … » is « Commune de … »)
    assert (place.provenance["name"]["from"], place.provenance["name"]["raw"]) == (b.key, b.fields["name"])
    assert place.name.casefold() == b.fields["name"].casefold()


def test_a_bad_decision_is_refused_with_the_form(census: None, animator: Client) -> None:
    pair = _first_pair()
    response = animator.post(reverse("census:review-pair", args=[pair.pk]), {"decision": "peut-être"})
    assert response.status_code == 200
    assert not MatchDecision.objects.exists()


def test_split_from_the_place_page(census: None, animator: Client) -> None:
    record = SourceRecord.objects.get(source="aidants-connect", source_id="447")
    place = record.place
    assert place is not None
    html = animator.get(reverse("publishing:place-detail", args=[place.pk])).content.decode()
    assert "Détacher cette source" in html
    response = animator.post(reverse("census:place-split", args=[place.pk, record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.place_id != place.pk


def test_sources_panel_is_public_but_split_button_is_not(census: None, client: Client) -> None:
    place = SourceRecord.objects.get(source="hinaura", source_id="169").place
    assert place is not None
    html = client.get(reverse("publishing:place-detail", args=[place.pk])).content.decode()
    assert "Sources de cette fiche" in html
    assert "France services (liste de l&#x27;ANCT)" in html
    assert "Détacher cette source" not in html
    assert f"Complétude de la fiche : <strong>{place.quality_score}/100</strong>" in html


def test_quality_list_sorts_weakest_first(census: None, animator: Client) -> None:
    response = animator.get(reverse("census:quality-list"))
    scores = [place.quality_score for place in response.context["page"].object_list]
    assert scores == sorted(scores)
    response = animator.get(reverse("census:quality-list"), {"tri": "-qualite"})
    scores = [place.quality_score for place in response.context["page"].object_list]
    assert scores == sorted(scores, reverse=True)
