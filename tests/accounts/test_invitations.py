"""Invitations, the whole way: an animator invites, the e-mail carries a signed link, the invitee joins."""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client, override_settings
from django.urls import reverse

from maillage.accounts.models import Invitation, Membership
from maillage.accounts.services import invitation_send, invitation_url
from maillage.accounts.tokens import SALT, email_tag
from tests.accounts.conftest import PASSWORD, World, client_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test account)
LINK = re.compile(r"https?://[^\s/]+(/compte/invitation/[^\s]+/)")


def _invite(world: World, email: str = "claire@roanne.example") -> tuple[Invitation, str]:
    invitation = invitation_send(
        structure=world.structure_a, email=email, invited_by=world.animator, base_url="http://testserver/"
    )
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return invitation, match.group(1)


def _password_data(**extra: str) -> dict[str, str]:
    return {
        "first_name": "Claire",
        "last_name": "Dubois",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    } | extra


def test_an_animator_invites_and_the_invitee_joins(world: World, mailoutbox: list[Any]) -> None:
    animator = client_for(world.animator)
    url = reverse("accounts:structure-invite", args=[world.structure_a.pk])
    assert url == f"/animation/structures/{world.structure_a.pk}/inviter/"
    form = animator.get(url)
    assert form.status_code == 200
    assert "Inviter un membre dans « Médiathèque de Roanne »" in form.content.decode()

    response = animator.post(url, {"email": " Claire@Roanne.example "})
    assert response.status_code == 302
    assert response["Location"] == "/animation/structures/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.structure, invitation.invited_by) == (
        "claire@roanne.example",
        world.structure_a,
        world.animator,
    )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["claire@roanne.example"]
    assert message.subject == "Invitation à rejoindre « Médiathèque de Roanne » sur Maillage"
    assert "vous invite à rejoindre la structure « Médiathèque de Roanne »" in message.body
    assert "valable 14 jours" in message.body
    path = LINK.search(message.body).group(1)  # type: ignore[union-attr]
    listing = animator.get("/animation/structures/").content.decode()
    assert "Invitation envoyée à claire@roanne.example" in listing

    invitee = Client()
    page = invitee.get(path)
    assert page.status_code == 200
    assert "Rejoindre « Médiathèque de Roanne »" in page.content.decode()
    assert "claire@roanne.example" in page.content.decode()
    joined = invitee.post(path, _password_data())
    assert joined.status_code == 302
    assert joined["Location"] == "/compte/"

    user = get_user_model().objects.get(email="claire@roanne.example")
    assert (user.first_name, user.username, user.check_password(NEW_PASSWORD)) == (
        "Claire",
        "claire@roanne.example",
        True,
    )
    assert Membership.objects.filter(user=user, structure=world.structure_a).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    account = invitee.get("/compte/").content.decode()
    assert "Bienvenue" in account
    assert "Médiathèque de Roanne" in account
    assert reverse("publishing:place-detail", args=[world.place_a.pk]) in account
    assert invitee.post("/deconnexion/").status_code == 302
    assert invitee.login(username="CLAIRE@roanne.example", password=NEW_PASSWORD)


def test_django_password_validators_apply(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world)
    client = Client()
    short = client.post(path, _password_data(password1="court", password2="court"))
    assert short.status_code == 200
    assert "Ce mot de passe est trop court" in short.content.decode()
    common = client.post(path, _password_data(password1="motdepasse", password2="motdepasse"))
    assert "trop courant" in common.content.decode()
    like_email = client.post(path, _password_data(password1="claire.roanne", password2="claire.roanne"))
    assert "trop semblable" in like_email.content.decode()
    different = client.post(path, _password_data(password2="Autre-Chose-Longue-99"))
    assert "Les deux mots de passe ne sont pas identiques" in different.content.decode()
    assert 'aria-invalid="true"' in different.content.decode()
    assert not get_user_model().objects.filter(email="claire@roanne.example").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_used_link_is_gone(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world)
    Client().post(path, _password_data())
    again = Client().get(path)
    assert again.status_code == 410
    assert "Invitation déjà acceptée" in again.content.decode()
    assert Client().post(path, _password_data()).status_code == 410
    assert get_user_model().objects.filter(email="claire@roanne.example").count() == 1


def _token_signed(days_ago: float, payload: Any, monkeypatch: pytest.MonkeyPatch, salt: str = SALT) -> str:
    with monkeypatch.context() as patch:
        then = int(time.time() - days_ago * 86400)
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return signing.TimestampSigner(salt=salt).sign_object(payload)


def test_expiry_after_fourteen_days(
    world: World, monkeypatch: pytest.MonkeyPatch, mailoutbox: list[Any]
) -> None:
    invitation, _ = _invite(world)
    payload = {"id": invitation.pk, "tag": email_tag(invitation.email)}
    fresh = Client().get(f"/compte/invitation/{_token_signed(13.9, payload, monkeypatch)}/")
    assert fresh.status_code == 200
    expired = Client().get(f"/compte/invitation/{_token_signed(14.1, payload, monkeypatch)}/")
    assert expired.status_code == 410
    assert "Invitation expirée" in expired.content.decode()
    assert "valable que 14 jours" in expired.content.decode()
    with override_settings(MAILLAGE_INVITATION_DAYS=30):
        assert (
            Client().get(f"/compte/invitation/{_token_signed(20, payload, monkeypatch)}/").status_code == 200
        )


def test_forged_links_are_refused(
    world: World, monkeypatch: pytest.MonkeyPatch, mailoutbox: list[Any]
) -> None:
    invitation, path = _invite(world)
    token = path.split("/")[-2]
    payload = {"id": invitation.pk, "tag": email_tag(invitation.email)}
    forged = [
        token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),  # altered signature
        "n-importe-quoi",
        _token_signed(0, payload, monkeypatch, salt="autre-chose"),  # another purpose's signature
        _token_signed(0, {"id": "1"}, monkeypatch),  # not our payload
    ]
    for bad in forged:
        response = Client().get(f"/compte/invitation/{bad}/")
        assert response.status_code == 400, bad
        assert "Lien d'invitation non valide" in response.content.decode()
    assert Client().post(f"/compte/invitation/{forged[0]}/", _password_data()).status_code == 400
    assert not get_user_model().objects.filter(email="claire@roanne.example").exists()


def test_a_deleted_invitation_or_another_address_is_revoked(
    world: World, monkeypatch: pytest.MonkeyPatch, mailoutbox: list[Any]
) -> None:
    invitation, path = _invite(world)
    other = _token_signed(0, {"id": invitation.pk, "tag": email_tag("intrus@ailleurs.example")}, monkeypatch)
    assert Client().get(f"/compte/invitation/{other}/").status_code == 410
    invitation.delete()
    response = Client().get(path)
    assert response.status_code == 410
    assert "Invitation retirée" in response.content.decode()


def test_someone_with_an_account_logs_in_and_joins(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world, email="BRUNO@firminy.example")
    client = Client()
    page = client.get(path).content.decode()
    assert "Un compte existe déjà pour" in page
    assert 'name="password1"' not in page
    wrong = client.post(path, {"password": "mauvais"})
    assert wrong.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrects" in wrong.content.decode()
    joined = client.post(path, {"password": PASSWORD})
    assert joined.status_code == 302
    assert joined["Location"] == "/compte/"
    assert set(world.editor_b.memberships.values_list("structure__name", flat=True)) == {
        "Médiathèque de Roanne",
        "Centre social de Firminy",
    }
    assert int(client.session["_auth_user_id"]) == world.editor_b.pk


def test_the_invitation_login_is_throttled_too(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world, email="bruno@firminy.example")
    client = Client()
    statuses = [client.post(path, {"password": f"faux-{n}"}).status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.post(path, {"password": PASSWORD}).status_code == 429
    assert (
        client.post("/connexion/", {"username": "bruno@firminy.example", "password": PASSWORD}).status_code
        == 429
    )


def test_a_signed_in_invitee_confirms_with_one_button(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world, email="bruno@firminy.example")
    client = client_for(world.editor_b)
    page = client.get(path)
    assert "Rejoindre « Médiathèque de Roanne »" in page.content.decode()
    assert not world.editor_b.memberships.filter(structure=world.structure_a).exists()  # GET changes nothing
    assert client.post(path).status_code == 302
    assert world.editor_b.memberships.filter(structure=world.structure_a).exists()


def test_someone_else_signed_in_is_told_to_log_out(world: World, mailoutbox: list[Any]) -> None:
    _, path = _invite(world)
    for user in (world.editor_b, world.animator):
        response = client_for(user).post(path, _password_data())
        assert response.status_code == 403
        assert "Invitation adressée à une autre adresse" in response.content.decode()
    someone_else = client_for(world.editor_b)
    logged_out = someone_else.post("/deconnexion/", {"next": path})
    assert logged_out["Location"] == path  # back to the invitation, signed out
    assert "Choisissez votre mot de passe" in someone_else.get(path).content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_an_account_without_password_chooses_one(world: World, mailoutbox: list[Any]) -> None:
    user = get_user_model().objects.create_user("claire", email="claire@roanne.example")  # unusable password
    _, path = _invite(world)
    assert "Choisissez votre mot de passe" in Client().get(path).content.decode()
    assert Client().post(path, _password_data()).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert get_user_model().objects.filter(email__iexact="claire@roanne.example").count() == 1


def test_usernames_stay_unique(world: World, mailoutbox: list[Any]) -> None:
    get_user_model().objects.create_user("claire@roanne.example", email="", is_active=False)
    _, path = _invite(world)
    Client().post(path, _password_data())
    assert get_user_model().objects.get(email="claire@roanne.example").username == "claire@roanne.example-2"


def test_the_link_is_built_on_the_given_address_and_hides_the_email(
    world: World, mailoutbox: list[Any]
) -> None:
    invitation, _ = _invite(world)
    url = invitation_url(invitation=invitation, base_url="https://maillage.example/")
    assert url.startswith("https://maillage.example/compte/invitation/")
    token = url.split("/")[-2]
    decoded = base64.urlsafe_b64decode(token.split(":")[0] + "==").decode()
    assert "claire" not in decoded


def test_the_invite_form_refuses_members_and_bad_addresses(world: World, mailoutbox: list[Any]) -> None:
    client = client_for(world.animator)
    url = reverse("accounts:structure-invite", args=[world.structure_a.pk])
    member = client.post(url, {"email": "ALICE@roanne.example"})
    assert member.status_code == 200
    assert "Cette personne est déjà membre de la structure." in member.content.decode()
    bad = client.post(url, {"email": "pas-une-adresse"})
    assert "Saisissez une adresse e-mail valide" in bad.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=9
)
def test_a_message_that_cannot_leave_keeps_no_invitation(world: World) -> None:
    client = client_for(world.animator)
    url = reverse("accounts:structure-invite", args=[world.structure_a.pk])
    response = client.post(url, {"email": "claire@roanne.example"})
    assert response.status_code == 200
    assert "Aucune invitation n&#x27;a été enregistrée" in response.content.decode()
    assert not Invitation.objects.exists()
