"""Contributions from the outside, without an account: propose a place or a correction, report a
problem; validation in French, spam defences, nothing published before moderation, the chat webhook."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.census.services.cards import card_snapshot
from maillage.places.enums import ContributionKind, ContributionStatus, PlaceStatus, ReportReason
from maillage.places.models import Contribution, Place, PlaceVersion

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


@pytest.fixture
def place(census: None) -> Place:
    found = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .exclude(opening_hours="")
        .exclude(emails=[])
        .order_by("name")
        .first()
    )
    assert found is not None
    return found


def _card_post(place: Place, **changes: Any) -> dict[str, Any]:
    """What the correction form posts when nothing is touched, plus `changes`."""
    data: dict[str, Any] = {
        "name": place.name,
        "pivot": "" if place.pivot == "00000000000000" else place.pivot,
        "address": place.address,
        "address_complement": place.address_complement,
        "postal_code": place.postal_code,
        "commune_name": place.commune_name,
        "phone": place.phone,
        "emails": "\n".join(place.emails),
        "websites": "\n".join(place.websites),
        "booking_url": place.booking_url,
        "opening_hours": place.opening_hours,
        "summary": place.summary,
        "description": place.description,
        "acceslibre_url": place.acceslibre_url,
        "email": "habitante@example.org",
        "comment": "",
        "site_personnel": "",
        "action": "send",
    }
    for name in ("services", "publics", "specific_support", "fees", "access_modes", "support_modes"):
        data[name] = list(getattr(place, name))
    data.update(changes)
    return data


NEW_PLACE = {
    "name": "Espace numérique de la Croix-Rousse",
    "address": "12 rue de la République",
    "postal_code": "42000",
    "commune_name": "saint etienne",
    "phone": "04 77 12 34 56",
    "emails": "contact@example.org",
    "websites": "https://example.org/espace",
    "opening_hours": "Mo-Fr 09:00-12:00,14:00-17:00",
    "services": ["Aide aux démarches administratives"],
    "fees": ["Gratuit"],
    "summary": "Un espace public numérique.",
    "email": "proposeur@example.org",
    "action": "send",
}


# --- Proposing a new place ------------------------------------------------------------------------------


def test_a_new_place_is_stored_as_a_pending_proposal_in_our_field_names(census: None, client: Client) -> None:
    response = client.post(reverse("contributions:contribution-new"), NEW_PLACE)
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:contribution-thanks")
    contribution = Contribution.objects.get()
    assert contribution.kind == ContributionKind.NEW_PLACE
    assert contribution.status == ContributionStatus.PENDING
    assert contribution.place is None
    assert contribution.email == "proposeur@example.org"
    data = contribution.data
    assert data["name"] == "Espace numérique de la Croix-Rousse"
    assert data["phone"] == "+33477123456"  # the standard's form
    assert data["commune_name"] == "Saint-Étienne"  # the official name, resolved with its INSEE code
    assert data["insee_code"] == "42218"
    assert data["emails"] == ["contact@example.org"]
    assert data["websites"] == ["https://example.org/espace"]
    assert data["services"] == ["Aide aux démarches administratives"]
    assert "description" not in data  # empty fields are not proposed
    assert not Place.objects.filter(name=data["name"]).exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "Merci" in thanks


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Nom du lieu : ce champ est obligatoire."),
        ({"postal_code": "4200"}, "Code postal : code postal « 4200 » invalide : 5 chiffres attendus."),
        ({"commune_name": "Gotham"}, "Commune : « Gotham » introuvable avec le code postal 42000"),
        ({"phone": "12"}, "Téléphone : numéro de téléphone « 12 » invalide"),
        ({"emails": "pas-une-adresse"}, "Adresses e-mail du lieu : adresse(s) e-mail invalide(s)"),
        ({"websites": "javascript:alert(1)"}, "Sites web : URL invalide(s)"),
        (
            {"booking_url": "ftp://example.org"},
            "Lien de prise de rendez-vous en ligne : URL « ftp://example.org »",
        ),
        ({"opening_hours": "lundi 9h-12h"}, "Horaires d'ouverture : horaires illisibles"),
        ({"services": ["Réparer les vélos"]}, "Services proposés : « Réparer les vélos » ne fait pas partie"),
        ({"summary": "x" * 281}, "Présentation résumée : 280 caractères au plus"),
        ({"email": ""}, "Votre adresse e-mail : ce champ est obligatoire."),
        ({"email": "moi@"}, "Votre adresse e-mail : adresse non valide"),
    ],
)
def test_each_error_names_its_field_in_french(
    census: None, client: Client, changes: dict[str, Any], message: str
) -> None:
    response = client.post(reverse("contributions:contribution-new"), {**NEW_PLACE, **changes})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html
    assert "Erreur : Proposer un lieu" in html  # the page title says so too
    assert 'role="alert"' in html
    assert not Contribution.objects.exists()


def test_hours_are_read_back_in_plain_french_with_and_without_javascript(
    census: None, client: Client
) -> None:
    fragment = client.get(
        reverse("contributions:contribution-hours-preview"), {"opening_hours": "Mo-Fr 09:00-12:00"}
    )
    assert "du lundi au vendredi" in fragment.content.decode().lower()
    wrong = client.get(reverse("contributions:contribution-hours-preview"), {"opening_hours": "lundi 9h"})
    assert "Horaires illisibles" in unescape(wrong.content.decode())
    # Without JavaScript, the preview button re-displays the form with the reading, and sends nothing.
    response = client.post(reverse("contributions:contribution-new"), {**NEW_PLACE, "action": "preview"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "rien n'est encore envoyé" in html
    assert "du lundi au vendredi" in html.lower()
    assert 'value="Espace numérique de la Croix-Rousse"' in html
    assert not Contribution.objects.exists()


# --- Proposing a correction -----------------------------------------------------------------------------


def test_the_correction_form_is_prefilled_with_the_card(place: Place, client: Client) -> None:
    html = unescape(
        client.get(reverse("contributions:contribution-correct", args=[place.pk])).content.decode()
    )
    assert f'value="{place.name}"' in html
    assert place.emails[0] in html
    assert f'value="{place.opening_hours}"' in html


def test_a_correction_keeps_only_the_changed_fields_and_leaves_the_card_alone(
    place: Place, client: Client
) -> None:
    before = card_snapshot(place)
    versions = PlaceVersion.objects.filter(place=place).count()
    post = _card_post(
        place, phone="04 77 99 88 77", opening_hours="Mo-Sa 10:00-18:00", comment="Nouveaux horaires"
    )
    response = client.post(reverse("contributions:contribution-correct", args=[place.pk]), post)
    assert response.status_code == 302, unescape(response.content.decode())
    contribution = Contribution.objects.get()
    assert contribution.kind == ContributionKind.CORRECTION
    assert contribution.place == place
    assert contribution.data == {"phone": "+33477998877", "opening_hours": "Mo-Sa 10:00-18:00"}
    assert contribution.comment == "Nouveaux horaires"
    place.refresh_from_db()
    assert card_snapshot(place) == before  # nothing published before moderation
    assert PlaceVersion.objects.filter(place=place).count() == versions
    assert place.phone != "+33477998877"
    assert "99 88 77" not in client.get(reverse("publishing:place-detail", args=[place.pk])).content.decode()


def test_a_correction_that_changes_nothing_is_refused(place: Place, client: Client) -> None:
    response = client.post(reverse("contributions:contribution-correct", args=[place.pk]), _card_post(place))
    assert response.status_code == 200
    assert "Aucune modification" in unescape(response.content.decode())
    assert not Contribution.objects.exists()


def test_the_place_page_offers_to_correct_and_to_report(place: Place, client: Client) -> None:
    html = client.get(reverse("publishing:place-detail", args=[place.pk])).content.decode()
    assert reverse("contributions:contribution-correct", args=[place.pk]) in html
    assert reverse("contributions:contribution-report", args=[place.pk]) in html
    assert "Proposer une correction" in html
    assert "Signaler un problème" in html


def test_archived_places_take_no_contribution(place: Place, client: Client) -> None:
    Place.objects.filter(pk=place.pk).update(status=PlaceStatus.ARCHIVED)
    assert client.get(reverse("contributions:contribution-correct", args=[place.pk])).status_code == 404
    assert client.post(reverse("contributions:contribution-report", args=[place.pk]), {}).status_code == 404


# --- Reporting a problem --------------------------------------------------------------------------------


def _other_place(place: Place) -> Place:
    other = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(pk=place.pk).order_by("name").last()
    assert other is not None
    return other


@pytest.mark.parametrize("reason", [ReportReason.CLOSED, ReportReason.WRONG, ReportReason.OTHER])
def test_a_report_is_stored_with_its_reason(place: Place, client: Client, reason: ReportReason) -> None:
    post = {
        "reason": reason.value,
        "comment": "Fermé depuis juin",
        "email": "a@example.org",
        "action": "send",
    }
    response = client.post(reverse("contributions:contribution-report", args=[place.pk]), post)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.report_reason, contribution.place) == ("report", reason, place)
    assert contribution.comment == "Fermé depuis juin"


def test_wrong_information_needs_details(place: Place, client: Client) -> None:
    post = {"reason": "wrong", "comment": "", "email": "a@example.org", "action": "send"}
    response = client.post(reverse("contributions:contribution-report", args=[place.pk]), post)
    assert "Précisions : dites-nous ce qui ne va pas." in unescape(response.content.decode())
    response = client.post(reverse("contributions:contribution-report", args=[place.pk]), {"action": "send"})
    html = unescape(response.content.decode())
    assert "Problème : ce champ est obligatoire." in html
    assert "Votre adresse e-mail : ce champ est obligatoire." in html
    assert not Contribution.objects.exists()


def test_a_duplicate_is_given_by_the_url_of_its_card(place: Place, client: Client) -> None:
    other = _other_place(place)
    post = {
        "reason": "duplicate",
        "duplicate_query": f"http://testserver/lieux/{other.pk}/",
        "email": "a@example.org",
        "action": "send",
    }
    assert client.post(reverse("contributions:contribution-report", args=[place.pk]), post).status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.duplicate_of == other


def test_a_duplicate_is_found_by_its_name(place: Place, client: Client) -> None:
    other = _other_place(place)
    url = reverse("contributions:contribution-duplicate-search", args=[place.pk])
    fragment = client.get(url, {"duplicate_query": other.name}).content.decode()
    assert f'value="{other.pk}"' in fragment
    assert f'value="{place.pk}"' not in fragment  # never the reported place itself
    # Without JavaScript: "Chercher ce lieu" lists the candidates, and sends nothing.
    post = {
        "reason": "duplicate",
        "duplicate_query": other.name,
        "email": "a@example.org",
        "action": "search",
    }
    html = client.post(reverse("contributions:contribution-report", args=[place.pk]), post).content.decode()
    assert f'value="{other.pk}"' in html
    assert not Contribution.objects.exists()
    post = {**post, "action": "send", "duplicate_id": str(other.pk)}
    assert client.post(reverse("contributions:contribution-report", args=[place.pk]), post).status_code == 302
    assert Contribution.objects.get().duplicate_of == other


def test_a_duplicate_must_be_named(place: Place, client: Client) -> None:
    post = {"reason": "duplicate", "duplicate_query": "", "email": "a@example.org", "action": "send"}
    html = unescape(
        client.post(reverse("contributions:contribution-report", args=[place.pk]), post).content.decode()
    )
    assert "Lieu en double : indiquez son nom ou l'adresse de sa fiche." in html
    post["duplicate_query"] = "zzzz introuvable"
    html = unescape(
        client.post(reverse("contributions:contribution-report", args=[place.pk]), post).content.decode()
    )
    assert "Lieu en double : aucun lieu ne correspond à « zzzz introuvable »." in html
    assert not Contribution.objects.exists()


# --- Spam: the honeypot and the rate limit --------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_drops_what_robots_send(census: None, client: Client) -> None:
    html = client.get(reverse("contributions:contribution-new")).content.decode()
    assert '<div class="contrib-hp" aria-hidden="true">' in html
    assert 'name="site_personnel" id="id_site_personnel" tabindex="-1" autocomplete="off"' in html
    response = client.post(
        reverse("contributions:contribution-new"), {**NEW_PLACE, "site_personnel": "http://spam"}
    )
    assert response.status_code == 302  # the robot is thanked...
    assert not Contribution.objects.exists()  # ...and nothing is kept


def test_a_client_sending_too_much_gets_a_clear_429(place: Place, client: Client, settings: Any) -> None:
    settings.MAILLAGE_CONTRIBUTION_RATE_LIMIT = 3
    post = {"reason": "closed", "email": "a@example.org", "action": "send"}
    url = reverse("contributions:contribution-report", args=[place.pk])
    for _ in range(3):
        assert client.post(url, post, REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = client.post(url, post, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert "Trop de contributions d'un coup" in unescape(refused.content.decode())
    assert (
        client.post(
            reverse("contributions:contribution-new"), NEW_PLACE, REMOTE_ADDR="203.0.113.7"
        ).status_code
        == 429
    )
    # Another address is not concerned; reading the forms is never limited.
    assert client.post(url, post, REMOTE_ADDR="198.51.100.1").status_code == 302
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
    assert Contribution.objects.count() == 4
    keys = set(Contribution.objects.values_list("client_key", flat=True))
    assert len(keys) == 2
    assert all(len(key) == 64 and "203.0.113.7" not in key for key in keys)  # a salted hash only


def test_behind_a_proxy_the_configured_header_gives_the_client(
    place: Place, client: Client, settings: Any
) -> None:
    settings.MAILLAGE_CONTRIBUTION_RATE_LIMIT = 1
    settings.MAILLAGE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    post = {"reason": "closed", "email": "a@example.org", "action": "send"}
    url = reverse("contributions:contribution-report", args=[place.pk])
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(url, post, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 302
    assert client.post(url, post, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 302
    assert client.post(url, post, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy).status_code == 429


# --- Stored text is text ----------------------------------------------------------------------------------


def test_script_in_free_text_is_escaped_on_the_card_and_in_the_queue(
    place: Place, client: Client, django_user_model: Any
) -> None:
    post = _card_post(place, description=f"Atelier {SCRIPT}", comment=f"Voir {SCRIPT}")
    assert (
        client.post(reverse("contributions:contribution-correct", args=[place.pk]), post).status_code == 302
    )
    contribution = Contribution.objects.get()
    assert contribution.data["description"] == f"Atelier {SCRIPT}"  # stored as typed, as text
    animator = django_user_model.objects.create_user("anim", password="x" * 12, is_staff=True)
    client.force_login(animator)
    for url in (
        reverse("contributions:moderation-list"),
        reverse("contributions:moderation-item", args=[contribution.pk]),
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html
    html = client.get(reverse("contributions:moderation-item", args=[contribution.pk])).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    response = client.post(reverse("contributions:moderation-approve", args=[contribution.pk]))
    assert response.status_code == 302
    html = client.get(reverse("publishing:place-detail", args=[place.pk])).content.decode()
    assert "Atelier &lt;script&gt;" in html
    assert SCRIPT not in html


def test_a_new_place_named_with_markup_is_escaped_in_the_queue(
    census: None, client: Client, django_user_model: Any
) -> None:
    client.post(reverse("contributions:contribution-new"), {**NEW_PLACE, "name": f"Lieu {SCRIPT}"})
    animator = django_user_model.objects.create_user("anim", password="x" * 12, is_staff=True)
    client.force_login(animator)
    html = client.get(reverse("contributions:moderation-list")).content.decode()
    assert "Lieu &lt;script&gt;" in html
    assert SCRIPT not in html
