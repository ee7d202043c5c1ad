"""Log-in by e-mail (case-insensitive, unique among active accounts) and its throttling."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from maillage.accounts import throttle
from tests.accounts.conftest import PASSWORD, World, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/connexion/"


def test_the_login_page_keeps_its_address_and_name() -> None:
    assert reverse("login") == LOGIN
    assert reverse("logout") == "/deconnexion/"


def test_the_backend_finds_the_account_by_email_whatever_the_case(world: World) -> None:
    assert authenticate(None, username="alice@roanne.example", password=PASSWORD) == world.editor_a
    assert authenticate(None, username="  ALICE@ROANNE.EXAMPLE ", password=PASSWORD) == world.editor_a
    assert authenticate(None, username="alice@roanne.example", password="mauvais") is None
    assert authenticate(None, username="personne@nulle.part", password=PASSWORD) is None


def test_the_username_still_works_for_the_admin(world: World) -> None:
    assert authenticate(None, username="anim", password=PASSWORD) == world.animator


def test_inactive_and_ambiguous_addresses_do_not_log_in(world: World) -> None:
    world.editor_b.is_active = False
    world.editor_b.save()
    assert authenticate(None, username="bruno@firminy.example", password=PASSWORD) is None
    twin = make_user("alice-bis", "alice@roanne.example")
    assert authenticate(None, username="alice@roanne.example", password=PASSWORD) is None
    twin.is_active = False
    twin.save()  # an inactive twin does not make the address ambiguous
    assert authenticate(None, username="alice@roanne.example", password=PASSWORD) == world.editor_a


def test_log_in_through_the_page(world: World, client: Client) -> None:
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert '<label for="id_username">Adresse e-mail' in page.content.decode()
    response = client.post(
        LOGIN, {"username": "Alice@roanne.example", "password": PASSWORD, "next": "/compte/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/compte/"
    assert client.get("/compte/").status_code == 200


def test_a_wrong_password_says_so_in_french(world: World, client: Client) -> None:
    response = client.post(LOGIN, {"username": "alice@roanne.example", "password": "mauvais"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrects" in response.content.decode()
    assert "_auth_user_id" not in client.session


def _fail(client: Client, email: str, times: int, address: str = "127.0.0.1") -> list[int]:
    return [
        client.post(LOGIN, {"username": email, "password": f"faux-{n}"}, REMOTE_ADDR=address).status_code
        for n in range(times)
    ]


def test_five_failures_lock_the_email_from_that_address(world: World, client: Client) -> None:
    assert _fail(client, "alice@roanne.example", 4) == [200] * 4
    fifth = client.post(LOGIN, {"username": "alice@roanne.example", "password": "faux"})
    assert fifth.status_code == 429
    assert "Trop de tentatives de connexion ont échoué" in fifth.content.decode()
    assert "15 minutes" in fifth.content.decode()
    # Even the right password is refused while locked, whatever the address's case.
    right = client.post(LOGIN, {"username": "ALICE@roanne.example", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_email_and_per_address(world: World, client: Client) -> None:
    _fail(client, "alice@roanne.example", 5, address="10.0.0.1")
    other_address = client.post(
        LOGIN, {"username": "alice@roanne.example", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 302
    client.logout()
    other_email = client.post(
        LOGIN, {"username": "bruno@firminy.example", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert other_email.status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000.0
    monkeypatch.setattr(throttle, "_now", lambda: now)
    _fail(client, "alice@roanne.example", 5)
    now += 14 * 60
    assert client.post(LOGIN, {"username": "alice@roanne.example", "password": PASSWORD}).status_code == 429
    now += 61
    assert client.post(LOGIN, {"username": "alice@roanne.example", "password": PASSWORD}).status_code == 302


def test_failures_older_than_the_window_are_forgotten(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000.0
    monkeypatch.setattr(throttle, "_now", lambda: now)
    _fail(client, "alice@roanne.example", 4)
    now += 16 * 60
    assert _fail(client, "alice@roanne.example", 4) == [200] * 4  # the first four have expired


def test_a_success_clears_earlier_failures(world: World, client: Client) -> None:
    _fail(client, "alice@roanne.example", 4)
    assert client.post(LOGIN, {"username": "alice@roanne.example", "password": PASSWORD}).status_code == 302
    client.logout()
    assert _fail(client, "alice@roanne.example", 4) == [200] * 4


def test_the_cache_holds_neither_password_nor_email(world: World, client: Client) -> None:
    from django.core.cache import cache

    _fail(client, "alice@roanne.example", 3)
    stored = repr(dict(cache._cache))  # type: ignore[attr-defined]  (keys and pickled values)
    assert "maillage:login:failures:" in stored
    assert "faux" not in stored
    assert "alice" not in stored.lower()
