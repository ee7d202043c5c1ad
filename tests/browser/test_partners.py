"""Partner tokens in Chromium: the animator creates a token (shown once, with the call to make), sees it in
the list and revokes it; a partner's push then waits in the moderation queue; axe-core on every page.
The partner is made up ("fictif"); the place it sends is a real Hinaura Loire record."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from maillage.interop.mediation_numerique.reader import read_file
from maillage.interop.mediation_numerique.writer import lieu_to_record
from maillage.partners.models import PartnerToken
from tests.browser.conftest import Visitor, loire_data
from tests.conftest import HINAURA_LOIRE

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test account)


def test_the_animator_creates_a_token_a_partner_pushes_and_the_token_is_revoked(visitor: Visitor) -> None:
    loire_data()
    get_user_model().objects.create_user(
        "anim", email="animation@reseau.example", password=PASSWORD, is_staff=True
    )
    page = visitor.page
    visitor.goto("/connexion/?next=/animation/partenaires/")
    page.get_by_label("Adresse e-mail").fill("animation@reseau.example")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/animation/partenaires/")
    visitor.assert_accessible("the partner tokens page (empty)")

    page.get_by_label("Partenaire", exact=True).fill("UDAF (partenaire fictif de test)")
    page.get_by_label("Courriel du partenaire").fill("partenaire@example.org")
    page.get_by_role("button", name="Créer le jeton").click()
    page.get_by_role("heading", name="Jeton créé pour UDAF (partenaire fictif de test)").wait_for()
    secret = page.get_by_label("Jeton").input_value()
    assert secret.startswith("mlg_")
    assert "Authorization: Bearer" in page.locator("pre").inner_text()
    visitor.screenshot("partners-token-created")
    visitor.assert_accessible("the token created page")

    record = lieu_to_record(next(row.lieu for row in read_file(HINAURA_LOIRE).rows if row.lieu))
    pushed = Client().post(
        "/api/v1/partenaires/lieux",
        data=json.dumps([{**record, "id": "udaf-1"}]),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert pushed.status_code == 202, pushed.content

    visitor.goto("/animation/moderation/")
    row = page.get_by_role("row").filter(has_text=str(record["nom"]))
    assert "Fiche d'un partenaire" in row.inner_text()
    visitor.assert_accessible("the moderation queue with a partner's record")

    visitor.goto("/animation/partenaires/")
    assert secret not in page.content()
    page.get_by_role("button", name="Révoquer le jeton de UDAF (partenaire fictif de test)").click()
    assert "révoqué" in page.get_by_role("status").inner_text()
    visitor.screenshot("partners-token-list")
    visitor.assert_accessible("the partner tokens page")
    assert PartnerToken.objects.get().revoked_at is not None
