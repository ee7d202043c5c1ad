"""The partners' write API from the outside: tokens, scopes, revocation, all-or-nothing checks, moderation,
dedup with the census, updates, hourly limit.

The pushed places are REAL records of the Hinaura 2022 Loire file (tests/data), sent as a partner would
send its own copy in the national standard v1.0.2. The partner itself ("Partenaire de test") is made up.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from maillage.core.text import normalize_commune
from maillage.interop.mediation_numerique.reader import read_file
from maillage.interop.mediation_numerique.writer import lieu_to_record
from maillage.partners.models import PartnerPush, PartnerToken
from maillage.partners.services import NewToken, partner_token_create, partner_token_revoke
from maillage.places.enums import ContributionKind, ContributionStatus, PlaceStatus, RecordKind
from maillage.places.models import Contribution, Place, SourceRecord
from tests.conftest import HINAURA_LOIRE, import_mednum

pytestmark = pytest.mark.django_db
PUSH = "/api/v1/partenaires/lieux"
PARTNER = "Partenaire de test (fictif)"


def _real_records() -> list[dict[str, Any]]:
    """The Hinaura Loire places as v1.0.2 records (dates as ISO strings)."""
    result = read_file(HINAURA_LOIRE)
    return [lieu_to_record(row.lieu) for row in result.rows if row.lieu is not None]


def _by_name(records: list[dict[str, Any]], fragment: str) -> dict[str, Any]:
    return next(record for record in records if fragment in str(record["nom"]))


@pytest.fixture
def records() -> list[dict[str, Any]]:
    return _real_records()


@pytest.fixture
def census_without_one(loire: None, records: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    """The Loire census from Hinaura minus one real place, which the partner will then send (a new place)."""
    missing = _by_name(records, "Médiathèque")
    raw = json.loads(HINAURA_LOIRE.read_text(encoding="utf-8"))
    kept = [item for item in raw if str(item.get("id")) != str(missing["id"])]
    assert len(kept) == len(raw) - 1
    path = tmp_path / "hinaura-sans-un-lieu.json"
    path.write_text(json.dumps(kept), encoding="utf-8")
    import_mednum(path)
    assert not Place.objects.filter(name=missing["nom"], commune_name=missing["commune"]).exists()
    return missing


@pytest.fixture
def token() -> NewToken:
    return partner_token_create(name=PARTNER, created_by=None, contact_email="partenaire@example.org")


@pytest.fixture
def animator(db: None) -> Client:
    user: User = get_user_model().objects.create_user(
        "animatrice", email="animatrice@example.org", password="x", is_staff=True
    )
    client = Client()
    client.force_login(user)
    return client


def _push(secret: str | None, body: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret is not None else {}
    return Client().post(PUSH, data=json.dumps(body), content_type="application/json", **headers)


def _as_partner(record: dict[str, Any], partner_id: str) -> dict[str, Any]:
    return {**record, "id": partner_id}


def test_a_new_place_waits_in_moderation_then_enters_the_census(
    census_without_one: dict[str, Any], token: NewToken, animator: Client
) -> None:
    places_before = Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
    record = _as_partner(census_without_one, "partenaire-1")

    response = _push(token.secret, [record])

    assert response.status_code == 202, response.content
    answer = response.json()
    assert answer["source"] == f"partner:{token.token.slug}"
    assert answer["en_moderation"] == 1
    assert answer["lieux"][0]["id"] == "partenaire-1"
    assert answer["lieux"][0]["etat"] == "en_moderation"
    stored = SourceRecord.objects.get(source=token.token.source, source_id="partenaire-1")
    assert stored.kind == RecordKind.PENDING
    assert stored.place_id is None
    # not published before a person accepts it
    assert Place.objects.filter(status=PlaceStatus.PUBLISHED).count() == places_before
    contribution = Contribution.objects.get(pk=answer["lieux"][0]["contribution"])
    assert contribution.kind == ContributionKind.PARTNER
    assert contribution.status == ContributionStatus.PENDING

    queue = animator.get(reverse("contributions:moderation-list"))
    assert census_without_one["nom"] in unescape(queue.content.decode())
    page = unescape(
        animator.get(reverse("contributions:moderation-item", args=[contribution.pk])).content.decode()
    )
    assert "Accepter : intégrer au recensement" in page
    assert PARTNER in page

    response = animator.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.kind == RecordKind.PLACE
    place = Place.objects.get(pk=stored.place_id)
    assert place.status == PlaceStatus.PUBLISHED
    assert place.name == census_without_one["nom"]
    assert Place.objects.filter(status=PlaceStatus.PUBLISHED).count() == places_before + 1
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.APPROVED
    assert contribution.place_id == place.pk


def test_an_accepted_duplicate_is_merged_with_the_known_place(
    loire_census: None, records: list[dict[str, Any]], token: NewToken, animator: Client
) -> None:
    known = _by_name(records, "Médiathèque")
    # The card shows the commune's official name (« Saint-Étienne » for the source's « Saint-Etienne »).
    place = Place.objects.get(name=known["nom"], commune__search_name=normalize_commune(known["commune"]))
    places_before = Place.objects.filter(status=PlaceStatus.PUBLISHED).count()

    answer = _push(token.secret, [_as_partner(known, "udaf-17")]).json()
    animator.post(reverse("contributions:moderation-approve", args=[answer["lieux"][0]["contribution"]]))

    stored = SourceRecord.objects.get(source=token.token.source, source_id="udaf-17")
    assert stored.place_id == place.pk  # dedup put it on the same place
    assert Place.objects.filter(status=PlaceStatus.PUBLISHED).count() == places_before
    assert set(place.source_records.values_list("source", flat=True)) == {"hinaura", token.token.source}


def test_one_bad_record_refuses_the_whole_push_naming_record_id_and_field(
    loire_census: None, records: list[dict[str, Any]], token: NewToken
) -> None:
    good = _as_partner(records[0], "p-1")
    bad = {**_as_partner(records[1], "p-2"), "code_postal": "4200"}
    no_name = {key: value for key, value in _as_partner(records[2], "p-3").items() if key != "nom"}

    response = _push(token.secret, [good, bad, no_name])

    assert response.status_code == 422
    answer = response.json()
    assert "rien n'a été enregistré" in answer["detail"]
    errors = {(error["enregistrement"], error["id"], error["champ"]) for error in answer["erreurs"]}
    assert (2, "p-2", "code_postal") in errors
    assert (3, "p-3", "nom") in errors
    assert all(error["message"] for error in answer["erreurs"])
    assert not SourceRecord.objects.filter(source=token.token.source).exists()
    assert not Contribution.objects.filter(kind=ContributionKind.PARTNER).exists()


@pytest.mark.parametrize(
    "body",
    [[], {"pas": "un tableau"}, [{"ceci": "n'est pas un lieu"}], [{"nom": "Sans identifiant"}]],
    ids=["empty", "object", "not-a-place", "no-id"],
)
def test_malformed_pushes_are_refused_with_a_message(loire: None, token: NewToken, body: Any) -> None:
    response = _push(token.secret, body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not SourceRecord.objects.exists()


def test_tokens_are_checked(loire: None, records: list[dict[str, Any]], token: NewToken) -> None:
    body = [_as_partner(records[0], "p-1")]
    assert _push(None, body).status_code == 401
    assert _push("mlg_pas-un-vrai-jeton", body).status_code == 401
    no_scope = partner_token_create(name="Lecture seule (fictif)", created_by=None, scopes=[])
    refused = _push(no_scope.secret, body)
    assert refused.status_code == 403
    assert "lieux:ecriture" in refused.json()["detail"]

    partner_token_revoke(token=token.token)
    revoked = _push(token.secret, body)
    assert revoked.status_code == 401
    assert "révoqué" in revoked.json()["detail"]
    assert not SourceRecord.objects.exists()


def test_only_a_hash_of_the_token_is_stored(token: NewToken) -> None:
    stored = PartnerToken.objects.get(pk=token.token.pk)
    assert token.secret not in {stored.secret_hash, stored.prefix}
    assert token.secret.startswith(stored.prefix)
    assert len(token.secret) > 40


def test_updates_refusals_and_repeats(
    census_without_one: dict[str, Any], token: NewToken, animator: Client
) -> None:
    record = _as_partner(census_without_one, "p-1")
    first = _push(token.secret, [record]).json()["lieux"][0]
    animator.post(reverse("contributions:moderation-approve", args=[first["contribution"]]))

    again = _push(token.secret, [record]).json()
    assert again["lieux"][0]["etat"] == "inchange"
    assert again["inchanges"] == 1

    changed = {**record, "telephone": "+33477000001"}
    updated = _push(token.secret, [changed]).json()
    assert updated["lieux"][0]["etat"] == "mis_a_jour"
    place = Place.objects.get(pk=updated["lieux"][0]["lieu"])
    assert place.phone == "+33477000001"
    assert Contribution.objects.filter(kind=ContributionKind.PARTNER).count() == 1  # no new moderation

    other = _as_partner(census_without_one, "p-2")
    other_push = _push(token.secret, [other]).json()["lieux"][0]
    animator.post(
        reverse("contributions:moderation-reject", args=[other_push["contribution"]]),
        {"reason": "Doublon d'une fiche déjà envoyée"},
    )
    assert SourceRecord.objects.get(source_id="p-2").kind == RecordKind.REJECTED
    repeat = _push(token.secret, [other]).json()["lieux"][0]
    assert repeat["etat"] == "refuse_precedemment"
    assert Contribution.objects.filter(kind=ContributionKind.PARTNER).count() == 2
    fixed = _push(token.secret, [{**other, "telephone": "+33477000002"}]).json()["lieux"][0]
    assert fixed["etat"] == "en_moderation"
    assert Contribution.objects.filter(kind=ContributionKind.PARTNER, status="pending").count() == 1


def test_the_hourly_limit_is_per_token(loire: None, records: list[dict[str, Any]]) -> None:
    limited = partner_token_create(name="Limité (fictif)", created_by=None, pushes_per_hour=2)
    other = partner_token_create(name="Autre (fictif)", created_by=None, pushes_per_hour=2)
    body = [_as_partner(records[0], "p-1")]
    assert _push(limited.secret, body).status_code == 202
    assert _push(limited.secret, [{"nom": "faux"}]).status_code == 422  # refused pushes count too
    third = _push(limited.secret, body)
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0
    assert "2 envois par heure" in third.json()["detail"]
    assert _push(other.secret, body).status_code == 202
    assert PartnerPush.objects.filter(token=limited.token).count() == 2


def test_too_many_records_in_one_push(
    loire: None, records: list[dict[str, Any]], token: NewToken, settings: Any
) -> None:
    settings.MAILLAGE_PARTNER_MAX_RECORDS = 2
    body = [_as_partner(record, f"p-{i}") for i, record in enumerate(records[:3])]
    response = _push(token.secret, body)
    assert response.status_code == 422
    assert "au plus 2" in response.json()["detail"]


def test_a_token_can_check_itself(token: NewToken) -> None:
    response = Client().get("/api/v1/partenaires/moi", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 200
    assert response.json()["partenaire"] == PARTNER
    assert response.json()["droits"] == ["lieux:ecriture"]


def test_the_animator_creates_a_token_shown_once_and_revokes_it(animator: Client) -> None:
    page = animator.get(reverse("partners:token-list"))
    assert page.status_code == 200
    created = animator.post(
        reverse("partners:token-create"),
        {"name": PARTNER, "contact_email": "", "scopes": ["lieux:ecriture"], "pushes_per_hour": 10},
    )
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    html = created.content.decode()
    token = PartnerToken.objects.get(name=PARTNER)
    found = re.search(r'id="secret"[^>]* value="([^"]+)"', html)
    assert found is not None
    secret = found.group(1)
    assert secret.startswith(token.prefix)
    assert Client().get("/api/v1/partenaires/moi", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    listing = animator.get(reverse("partners:token-list")).content.decode()
    assert secret not in listing
    assert token.prefix in listing

    animator.post(reverse("partners:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/partenaires/moi", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_the_token_form_names_the_wrong_field(animator: Client) -> None:
    response = animator.post(reverse("partners:token-create"), {"name": "", "pushes_per_hour": 0})
    assert response.status_code == 400
    assert not PartnerToken.objects.exists()
