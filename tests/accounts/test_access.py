"""Every route of the accounts app from the outside: anonymous visitors, members, animators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import Invitation, Structure
from maillage.places.enums import PlaceStatus
from tests.accounts.conftest import PASSWORD, World, client_for, make_place

pytestmark = pytest.mark.django_db


def _animation_routes(world: World) -> list[tuple[str, str, dict[str, str]]]:
    invite = reverse("accounts:structure-invite", args=[world.structure_a.pk])
    return [
        ("get", reverse("accounts:structure-list"), {}),
        ("get", reverse("accounts:structure-create"), {}),
        ("post", reverse("accounts:structure-create"), {"name": "Tiers-lieu de Montbrison"}),
        ("get", invite, {}),
        ("post", invite, {"email": "claire@roanne.example"}),
    ]


def test_anonymous_visitors_are_sent_to_log_in(world: World, client: Client, mailoutbox: list[Any]) -> None:
    for method, url, data in [*_animation_routes(world), ("get", "/compte/", {})]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/?next="), url
    assert Structure.objects.count() == 2
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["editor_a", "professional", "nobody"])
def test_people_who_are_not_animators_get_a_french_403(world: World, who: str, mailoutbox: list[Any]) -> None:
    client = client_for(getattr(world, who))
    for method, url, data in _animation_routes(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
        assert "Réservé à l&#x27;animation du réseau." in response.content.decode(), url
    assert Structure.objects.count() == 2
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_animators_list_create_and_invite(world: World, mailoutbox: list[Any]) -> None:
    client = client_for(world.animator)
    listing = client.get("/animation/structures/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Médiathèque de Roanne" in text
    assert "Alice Martin" in text
    assert "Aucun membre" not in text
    rows = {structure.name: structure for structure in listing.context["structures"]}
    assert rows["Médiathèque de Roanne"].places_count == 1
    assert rows["Centre social de Firminy"].places_count == 1

    created = client.post(
        "/animation/structures/nouvelle/",
        {
            "name": " Tiers-lieu de Montbrison ",
            "siret": "123 456 789 00012",
            "email": "Contact@Tiers.example",
        },
    )
    structure = Structure.objects.get(name="Tiers-lieu de Montbrison")
    assert (structure.siret, structure.email) == ("12345678900012", "contact@tiers.example")
    assert created["Location"] == reverse("accounts:structure-invite", args=[structure.pk])
    assert "Structure « Tiers-lieu de Montbrison » créée" in client.get(created["Location"]).content.decode()
    assert "Aucun membre" in client.get("/animation/structures/").content.decode()

    invited = client.post(created["Location"], {"email": "claire@tiers.example"})
    assert invited.status_code == 302
    assert Invitation.objects.get().structure == structure
    assert len(mailoutbox) == 1
    assert client.get("/animation/structures/").context["structures"][2].pending_invitations == 1


def test_the_structure_form_checks_its_fields(world: World) -> None:
    client = client_for(world.animator)
    response = client.post("/animation/structures/nouvelle/", {"name": "", "siret": "1234", "email": "x"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Saisissez le nom." in text
    assert "Le SIRET compte 14 chiffres." in text
    assert "Saisissez une adresse e-mail valide" in text
    assert "<title>Erreur : Nouvelle structure" in text
    assert Structure.objects.count() == 2


def test_an_unknown_structure_is_404(world: World) -> None:
    assert client_for(world.animator).get("/animation/structures/999999/inviter/").status_code == 404


def test_read_only_pages_refuse_posts(world: World) -> None:
    client = client_for(world.animator)
    assert client.post("/animation/structures/").status_code == 405
    assert client.post("/compte/").status_code == 405


def test_my_account_page_for_each_role(world: World) -> None:
    draft = make_place("Atelier en préparation", world.structure_a, status=PlaceStatus.DRAFT)
    editor = client_for(world.editor_a).get("/compte/").content.decode()
    assert "Médiathèque de Roanne" in editor
    assert f'<a href="/lieux/{world.place_a.pk}/">Espace numérique de Roanne</a>' in editor
    assert "Atelier en préparation" in editor  # a draft is listed, not linked (its public page is 404)
    assert f"/lieux/{draft.pk}/" not in editor
    assert "Brouillon" in editor
    assert "Point numérique de Firminy" not in editor
    assert "Édition des fiches des lieux de vos structures" in editor
    assert "Structures et invitations" not in editor

    animator = client_for(world.animator).get("/compte/").content.decode()
    assert "Animation du réseau" in animator
    assert reverse("accounts:structure-list") in animator
    assert "Vous n'êtes membre d'aucune structure." in animator

    nobody = client_for(world.nobody).get("/compte/").content.decode()
    assert "Aucun rôle particulier" in nobody
    assert "demandez une invitation" in nobody


def test_log_out_is_a_post(world: World) -> None:
    client = client_for(world.editor_a)
    assert client.get("/deconnexion/").status_code == 405
    assert client.post("/deconnexion/")["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_forms_need_the_csrf_token(world: World, mailoutbox: list[Any]) -> None:
    animator = Client(enforce_csrf_checks=True)
    animator.force_login(world.animator)
    url = reverse("accounts:structure-invite", args=[world.structure_a.pk])
    assert animator.post(url, {"email": "claire@roanne.example"}).status_code == 403
    anonymous = Client(enforce_csrf_checks=True)
    assert (
        anonymous.post("/connexion/", {"username": "alice@roanne.example", "password": PASSWORD}).status_code
        == 403
    )
    assert not Invitation.objects.exists()
