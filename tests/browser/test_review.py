"""The animator reviews duplicates in Chromium: logs in, compares, decides with the keyboard."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from maillage.places.enums import PairStatus
from maillage.places.models import MatchDecision, MatchPair
from tests.browser.conftest import Visitor, demo_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_animator_reviews_a_pair_with_the_keyboard(visitor: Visitor) -> None:
    demo_data()
    get_user_model().objects.create_user("animatrice", password="mot-de-passe-solide", is_staff=True)
    page = visitor.page
    visitor.goto("/animation/doublons/")
    assert page.url.endswith("/connexion/?next=/animation/doublons/")
    visitor.assert_accessible("the log-in page")
    page.get_by_label("Adresse e-mail").fill("animatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/animation/doublons/")
    waiting = MatchPair.objects.filter(status=PairStatus.REVIEW).count()
    assert f"{waiting} paire" in page.content()
    visitor.screenshot("review-list")
    visitor.assert_accessible("the review list")

    page.get_by_role("link", name="Examiner la première paire").click()
    page.wait_for_url("**/animation/doublons/*/")
    first = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Même lieu ?"
    assert page.get_by_role("heading", name="Pourquoi ce score").is_visible()
    assert page.get_by_role("heading", name="Ce qui les rapproche").is_visible()
    visitor.screenshot("review-pair")
    visitor.assert_accessible("a pair under review")
    page.keyboard.press("s")  # keep apart
    page.wait_for_url(lambda url: url != first)
    assert "Décision mémorisée" in page.get_by_role("status").inner_text()
    assert MatchDecision.objects.get().decision == "apart"
    assert MatchPair.objects.filter(status=PairStatus.REVIEW).count() == waiting - 1
