"""The network's pages from the outside: directory, opt-in, request form and its spam checks, answers."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.network.forms import STAMP_SALT
from maillage.network.models import Actor, PartnershipRequest
from maillage.network.services.requests import Target, request_route
from maillage.network.services.tokens import actor_token, routing_token
from tests.agenda.factories import user_make
from tests.network.factories import THEME, actor_listed, request_filed, structure_listed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_left() -> None:
    cache.clear()  # the public forms' rate limit counts per client address


def _stamp(seconds_ago: int = 10) -> str:
    return signing.dumps(int(time.time()) - seconds_ago, salt=STAMP_SALT)


def _request_data(**overrides: str) -> dict[str, str]:
    return {
        "organisation": "Exemple fictif : centre social",
        "contact_name": "Exemple fictif",
        "contact_email": "demande@example.org",
        "commune": "42187",
        "theme": THEME,
        "description": "Exemple fictif : des ateliers.",
        "consent": "on",
        "stamp": _stamp(),
    } | overrides


def test_directory_lists_confirmed_people_and_filters(client: Client, loire: None) -> None:
    actor_listed(role="mediateur", skills=[THEME], department_wide=True)
    actor_listed(name="Exemple fictif : Noé", email="noe@example.org", role="animateur")
    Actor.objects.create(name="Exemple fictif : en attente", email="x@example.org", role="conseiller")
    page = client.get(reverse("network:directory")).content.decode()
    assert "Exemple fictif : Camille" in page
    assert "Exemple fictif : Noé" in page
    assert "en attente" not in page
    filtered = client.get(reverse("network:directory"), {"role": "animateur"}).content.decode()
    assert "Noé" in filtered
    assert "Camille" not in filtered
    themed = client.get(reverse("network:directory"), {"theme": THEME, "commune": "42187"}).content.decode()
    assert "Camille" in themed
    assert "Noé" not in themed
    api = client.get("/api/v1/reseau/acteurs", {"role": "mediateur"}).json()
    assert [a["nom"] for a in api["items"]] == ["Exemple fictif : Camille"]
    assert api["items"][0]["courriel"] is None  # contact through the network only


def test_signup_confirm_then_delete_removes_card_everywhere(client: Client, loire: None) -> None:
    data = {
        "name": "Exemple fictif : Lou",
        "email": "lou@example.org",
        "role": "conseiller",
        "skills": [THEME],
        "contact_mode": "form",
        "consent": "on",
        "stamp": _stamp(),
    }
    with_capture = client.post(reverse("network:signup"), data)
    assert with_capture.status_code == 302
    actor = Actor.objects.get()
    token = actor_token(actor_id=actor.pk, email=actor.email)
    assert client.post(reverse("network:actor-confirm", args=[token])).status_code == 302
    assert "Exemple fictif : Lou" in client.get(reverse("network:directory")).content.decode()
    exported = client.get(reverse("network:actor-export", args=[token]))
    assert exported.json()["nom"] == "Exemple fictif : Lou"
    response = client.post(reverse("network:actor-manage", args=[token]), {"action": "delete"})
    assert response.status_code == 200
    assert not Actor.objects.exists()
    assert (
        "Aucune personne pour ces critères"
        in client.get(reverse("network:directory"), {"q": "Lou"}).content.decode()
    )
    assert client.get("/api/v1/reseau/acteurs").json()["count"] == 0
    assert client.get(reverse("network:actor-manage", args=[token])).status_code == 400


def test_signup_errors_are_named(client: Client, loire: None) -> None:
    response = client.post(reverse("network:signup"), {"name": "", "stamp": _stamp()})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nom et prénom : ce champ est obligatoire." in page
    assert "Compétences et thématiques : ce champ est obligatoire." in page
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    "spam",
    [{"site_personnel": "http://spam.example"}, {"stamp": ""}, {"stamp": "forged"}],
    ids=["honeypot", "no-stamp", "forged-stamp"],
)
def test_request_spam_is_dropped_silently(client: Client, loire: None, spam: dict[str, str]) -> None:
    response = client.post(reverse("network:request-new"), _request_data(**spam))
    assert response.status_code == 302
    assert not PartnershipRequest.objects.exists()


def test_request_sent_too_fast_is_dropped(client: Client, loire: None) -> None:
    client.post(reverse("network:request-new"), _request_data(stamp=_stamp(seconds_ago=0)))
    assert not PartnershipRequest.objects.exists()


def test_request_form_errors_and_success(client: Client, loire: None) -> None:
    response = client.post(
        reverse("network:request-new"),
        _request_data(commune="", date_from="2026-05-10", date_to="2026-05-01"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Commune concernée : choisissez une commune" in page
    assert "Jusqu&#x27;au : la date de fin précède la date de début." in page
    assert client.post(reverse("network:request-new"), _request_data()).status_code == 302
    assert PartnershipRequest.objects.get().commune_id == "42187"


def test_rate_limit(client: Client, loire: None, settings: object) -> None:
    settings.MAILLAGE_CONTRIBUTION_RATE_LIMIT = 1  # type: ignore[attr-defined]
    assert client.post(reverse("network:request-new"), _request_data()).status_code == 302
    assert client.post(reverse("network:request-new"), _request_data()).status_code == 429
    assert PartnershipRequest.objects.count() == 1


def test_animator_routes_from_suggestions_and_actor_answers(
    client: Client, loire: None, django_capture_on_commit_callbacks: Any
) -> None:
    actor = actor_listed(skills=[THEME], department_wide=True)
    structure_listed()
    request = request_filed()
    client.force_login(user_make("animation@example.org", is_staff=True))
    page = client.get(reverse("network:request-detail", args=[request.pk])).content.decode()
    assert "thématique déclarée : Aide aux démarches administratives" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:request-route", args=[request.pk]),
            {"targets": [f"person:{actor.pk}"], "message": "Exemple fictif : à vous ?"},
        )
    assert response.status_code == 302
    link = re.search(r"http\S+/reseau/reponse/\S+/", mail.outbox[0].body)
    assert link
    path = (
        link.group(0).split("testserver", 1)[-1]
        if "testserver" in link.group(0)
        else "/" + link.group(0).split("/", 3)[3]
    )
    anonymous = Client()
    assert "J'accepte</button>" in anonymous.get(path).content.decode()
    assert anonymous.post(path, {"answer": "accept", "note": "Avec plaisir"}).status_code == 200
    request.refresh_from_db()
    assert request.state == "accepted"
    assert anonymous.post(path, {"answer": "decline"}).status_code == 400
    empty = client.post(reverse("network:request-route", args=[request.pk]), {"targets": []})
    assert "cochez au moins un acteur" in empty.content.decode()


def test_inbox_refuses_others(client: Client, loire: None) -> None:
    assert client.get(reverse("network:inbox")).status_code == 302
    client.force_login(user_make("pro@example.org"))
    assert client.get(reverse("network:inbox")).status_code == 403


def test_forged_answer_link(client: Client, loire: None) -> None:
    structure = structure_listed()
    request = request_filed()
    (routing,) = request_route(
        request=request, targets=[Target(structure=structure)], message="", author=None
    )
    assert client.get(reverse("network:routing-answer", args=["faux"])).status_code == 400
    wrong = routing_token(routing_id=routing.pk, email="autre@example.org")
    assert client.get(reverse("network:routing-answer", args=[wrong])).status_code == 400


def test_member_editors_edit_their_structure_only(client: Client, loire: None) -> None:
    from maillage.accounts.models import Structure

    mine = Structure.objects.create(name="Exemple fictif : ma structure")
    other = Structure.objects.create(name="Exemple fictif : autre structure")
    client.force_login(user_make("editrice@example.org", structure=mine))
    data = {
        "summary": "Exemple fictif : ateliers itinérants.",
        "themes": [THEME],
        "communes": ["42187"],
        "listed": "on",
    }
    response = client.post(reverse("network:structure-edit", args=[mine.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("network:structure-detail", args=[mine.pk])).content.decode()
    assert "Exemple fictif : ateliers itinérants." in page
    assert "Modifier la fiche de la structure" in page
    assert client.post(reverse("network:structure-edit", args=[other.pk]), data).status_code == 403
    bad = client.post(
        reverse("network:structure-edit", args=[mine.pk]), data | {"website": "pas une adresse"}
    )
    assert bad.status_code == 400
    assert "Site web : valeur non valable." in bad.content.decode()
    themed = client.get(reverse("network:directory"), {"theme": THEME, "commune": "42187"}).content.decode()
    assert "Exemple fictif : ma structure" in themed


def test_the_role_wanted_reranks_suggestions(client: Client, loire: None) -> None:
    actor_listed("Exemple fictif : Alice", "alice@example.org", role="mediateur", skills=[THEME])
    actor_listed("Exemple fictif : Bruno", "bruno@example.org", role="coordinateur", skills=[THEME])
    request = request_filed()
    client.force_login(user_make("animation@example.org", is_staff=True))
    url = reverse("network:request-detail", args=[request.pk])
    plain = client.get(url).content.decode()
    assert plain.index("Exemple fictif : Alice") < plain.index(
        "Exemple fictif : Bruno"
    )  # same score, by name
    ranked = client.get(url, {"role": "coordinateur"}).content.decode()
    assert ranked.index("Exemple fictif : Bruno") < ranked.index("Exemple fictif : Alice")
    assert "a le rôle demandé" in ranked


def test_route_to_an_actor_the_ranking_did_not_suggest(client: Client, loire: None) -> None:
    far = actor_listed("Exemple fictif : Zoé", "zoe@example.org", skills=["Loisirs et créations numériques"])
    request = request_filed("42187")
    client.force_login(user_make("animation@example.org", is_staff=True))
    page = client.get(reverse("network:request-detail", args=[request.pk])).content.decode()
    assert "Aucun acteur de l'annuaire ne correspond" in page
    assert f'<option value="person:{far.pk}">Exemple fictif : Zoé</option>' in page
    response = client.post(reverse("network:request-route", args=[request.pk]), {"other": f"person:{far.pk}"})
    assert response.status_code == 302
    routing = request.routings.get()
    assert routing.actor == far
    assert routing.reasons == ["choisi par l'animation hors des suggestions"]
    unknown = client.post(reverse("network:request-route", args=[request.pk]), {"other": "person:999999"})
    assert unknown.status_code == 400
