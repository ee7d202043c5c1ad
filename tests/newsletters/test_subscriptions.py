"""Double opt-in, one-click unsubscribe (RFC 8058), preferences, CSV import with consent, bounces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from maillage.newsletters.enums import EndReason, SubscriptionStatus
from maillage.newsletters.models import Subscription
from maillage.newsletters.services import tokens
from tests.newsletters.conftest import list_make, subscriber_make

pytestmark = pytest.mark.django_db
BOUNCES = Path(__file__).resolve().parent.parent / "data" / "bounces"


def _link(body: str, marker: str) -> str:
    found = re.search(r"https?://\S*" + re.escape(marker) + r"\S*", body)
    assert found, f"no link with {marker} in:\n{body}"
    return "/" + found.group(0).split("/", 3)[3]


def test_subscribe_confirm_by_the_emailed_link(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    mailing_list = list_make()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mailing_list.get_absolute_url(), {"email": "Anne@Exemple.invalid"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.subscriber.email == "anne@exemple.invalid"
    (message,) = mail.outbox
    assert message.to == ["anne@exemple.invalid"]
    link = _link(message.body, "/lettres/confirmer/")
    page = client.get(link)  # a link scanner's GET confirms nothing
    assert "Confirmer mon abonnement" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING
    done = client.post(link)
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert subscription.confirmed_at is not None


def test_asking_again_soon_sends_no_second_message(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    mailing_list = list_make()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            Client().post(mailing_list.get_absolute_url(), {"email": "flood@exemple.invalid"})
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1


def test_a_forged_or_expired_confirmation_is_refused() -> None:
    mailing_list = list_make()
    subscription = subscriber_make(mailing_list, "b@exemple.invalid", SubscriptionStatus.PENDING)
    url = tokens.confirm_url(subscription.pk, "b@exemple.invalid")
    path = "/" + url.split("/", 3)[3]
    forged = path.replace("/confirmer/", "/confirmer/x")
    assert Client().post(forged).status_code == 400
    with override_settings(MAILLAGE_NEWSLETTER_CONFIRM_DAYS=-1):
        response = Client().post(path)
    assert response.status_code == 400
    assert "expiré" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING


def test_an_invalid_address_gets_a_french_error() -> None:
    mailing_list = list_make()
    response = Client().post(mailing_list.get_absolute_url(), {"email": "pas une adresse"})
    assert response.status_code == 400
    assert "Cette adresse n&#x27;est pas valide." in response.content.decode()
    assert not Subscription.objects.exists()


def test_one_click_unsubscribe_as_a_mail_client_posts_it() -> None:
    """RFC 8058: a POST with `List-Unsubscribe=One-Click`, no cookie, no CSRF token."""
    mailing_list = list_make()
    subscription = subscriber_make(mailing_list, "c@exemple.invalid")
    path = "/" + tokens.unsubscribe_url(subscription.pk).split("/", 3)[3]
    client = Client(enforce_csrf_checks=True)
    assert "Me désinscrire" in client.get(path).content.decode()
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert subscription.end_reason == EndReason.REQUEST


def test_preferences_change_every_list_of_the_address() -> None:
    a, b, c = list_make("a", "Liste A"), list_make("b", "Liste B"), list_make("c", "Liste C")
    subscription = subscriber_make(a, "d@exemple.invalid")
    subscriber = subscription.subscriber
    path = "/" + tokens.preferences_url(subscriber.pk, subscriber.email).split("/", 3)[3]
    response = Client().post(path, {"lists": [b.pk, c.pk]})
    assert response.status_code == 302
    states = dict(
        Subscription.objects.filter(subscriber=subscriber).values_list("mailing_list__slug", "status")
    )
    assert states == {"a": "unsubscribed", "b": "confirmed", "c": "confirmed"}
    assert Client().get(path.replace("/preferences/", "/preferences/z")).status_code == 404


def test_the_import_refuses_rows_without_consent_and_keeps_choices(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    mailing_list = list_make()
    gone = subscriber_make(mailing_list, "parti@exemple.invalid", SubscriptionStatus.UNSUBSCRIBED)
    animator = django_user_model.objects.create_user(
        "anim", email="anim@exemple.invalid", password="x", is_staff=True
    )
    client.force_login(animator)
    url = reverse("newsletters:list-import", args=[mailing_list.slug])
    bad = SimpleUploadedFile(
        "abonnes.csv", b"email,consentement\na@exemple.invalid,oui\nb@exemple.invalid,non\n"
    )
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert (
        "abonnes.csv, ligne 3 : b@exemple.invalid n&#x27;a pas donné son consentement."
        in response.content.decode()
    )
    assert Subscription.objects.count() == 1  # nothing imported
    good = SimpleUploadedFile(
        "abonnes.csv",
        "email;consentement\na@exemple.invalid;oui\nparti@exemple.invalid;oui\n".encode("cp1252"),
    )
    assert client.post(url, {"file": good}).status_code == 302
    assert Subscription.objects.get(subscriber__email="a@exemple.invalid").status == "confirmed"
    gone.refresh_from_db()
    assert gone.status == "unsubscribed"  # an old file never overrides the person's choice
    export = client.get(reverse("newsletters:list-export", args=[mailing_list.slug]))
    lines = export.content.decode().splitlines()
    assert lines[0] == "email,consentement,origine,confirme_le"
    assert len(lines) == 2
    assert lines[1].startswith("a@exemple.invalid,oui,Import")


def test_bounces_and_complaints_from_an_mbox_unsubscribe(capsys: pytest.CaptureFixture[str]) -> None:
    mailing_list = list_make()
    hard = subscriber_make(mailing_list, "inconnu@exemple.invalid")
    soft = subscriber_make(mailing_list, "pleine@exemple.invalid")
    complaint = subscriber_make(mailing_list, "plainte@exemple.invalid")
    call_command("import-bounces", str(BOUNCES / "bounces.mbox"))
    for subscription, status, reason in [
        (hard, "unsubscribed", EndReason.BOUNCE),
        (soft, "confirmed", ""),
        (complaint, "unsubscribed", EndReason.COMPLAINT),
    ]:
        subscription.refresh_from_db()
        assert (subscription.status, subscription.end_reason) == (status, reason)
    assert (
        "1 adresse(s) en échec définitif, 1 plainte(s) ; 2 abonnement(s) arrêté(s)."
        in capsys.readouterr().out
    )
