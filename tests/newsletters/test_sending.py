"""Composing from the network's content and sending through a real SMTP server (aiosmtpd on the loopback)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.mail import get_connection
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from maillage.news.models import NewsItem
from maillage.newsletters.domain.blocks import Block, BlockError
from maillage.newsletters.enums import DeliveryStatus, LetterStatus, SubscriptionStatus
from maillage.newsletters.models import Delivery, Letter
from maillage.newsletters.selectors import content_resolve
from maillage.newsletters.services import sending
from maillage.newsletters.services.handover import hand_over
from maillage.newsletters.services.letters import letter_block_add, letter_create, letter_schedule
from maillage.newsletters.services.messages import LetterRenderer
from maillage.newsletters.services.sending import (
    deliveries_recover,
    deliveries_send,
    letter_queue,
    letters_queue_due,
)
from tests.agenda.factories import event_make, user_make
from tests.newsletters.conftest import Smtp, list_make, subscriber_make
from tests.smtp import free_port, smtp_settings

pytestmark = pytest.mark.django_db


def _queued(animator: User, *, readers: int) -> Letter:
    """The sample letter, queued for `readers` confirmed subscribers lecteur0@…, lecteur1@…"""
    letter = _letter(animator)
    for n in range(readers):
        subscriber_make(letter.mailing_list, f"lecteur{n}@exemple.invalid")
    letter_queue(letter=letter)
    return letter


@pytest.fixture
def animator() -> User:
    return user_make("animatrice@exemple.invalid", is_staff=True)


def _letter(animator: User) -> Letter:
    mailing_list = list_make()
    letter = letter_create(
        mailing_list=mailing_list,
        subject="Exemple fictif : lettre de mars",
        intro="Bonjour **à tous**.",
        author=animator,
    )
    first = event_make(author=animator, organiser=None, title="Exemple fictif : atelier messagerie", days=3)
    second = event_make(author=animator, organiser=None, title="Exemple fictif : café numérique", days=5)
    news = NewsItem.objects.create(
        title="Exemple fictif : le réseau recrute",
        body="Un *poste* ouvert.",
        published_at=timezone.now(),
        url="https://exemple.invalid/poste",
    )
    for block in [
        Block("event", str(first.pk)),
        Block("news", str(news.pk)),
        Block("event", str(second.pk)),
        Block("text", text="Bonne lecture !"),
    ]:
        letter = letter_block_add(letter=letter, block=block)
    return letter


def test_a_letter_reaches_confirmed_subscribers_only_with_both_parts_and_headers(
    animator: User, smtp: Smtp
) -> None:
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    subscriber_make(letter.mailing_list, "attente@exemple.invalid", SubscriptionStatus.PENDING)
    subscriber_make(letter.mailing_list, "parti@exemple.invalid", SubscriptionStatus.UNSUBSCRIBED)
    assert letter_queue(letter=letter) == 1
    report = deliveries_send()
    assert (report.sent, report.failed, report.stopped) == (1, 0, "")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.sent_at is not None
    assert [rcpt for _, rcpt, _ in smtp.inbox.messages] == [["anne@exemple.invalid"]]
    (message,) = smtp.to("anne@exemple.invalid")
    assert message["Subject"] == "Exemple fictif : lettre de mars"
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http://127.0.0.1:8000/lettres/desinscription/")
    assert unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        for title in ("atelier messagerie", "le réseau recrute", "café numérique", "Bonne lecture"):
            assert title in part
        assert unsubscribe[1:-1] in part
    assert text.index("atelier messagerie") < text.index("le réseau recrute") < text.index("café numérique")
    assert "<strong>à tous</strong>" in html
    assert 'style="' in html
    assert '<table role="presentation"' in html
    assert "<img" not in html  # no tracking pixel


def test_an_unsubscribed_address_does_not_get_the_next_letter(animator: User, smtp: Smtp) -> None:
    letter = _letter(animator)
    anne = subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    subscriber_make(letter.mailing_list, "bruno@exemple.invalid")
    letter_queue(letter=letter)
    deliveries_send()
    (message,) = smtp.to("anne@exemple.invalid")
    path = "/" + str(message["List-Unsubscribe"]).strip()[1:-1].split("/", 3)[3]
    assert (
        Client()
        .post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
        .status_code
        == 200
    )
    anne.refresh_from_db()
    assert anne.status == SubscriptionStatus.UNSUBSCRIBED
    smtp.inbox.messages.clear()
    second = letter_create(
        mailing_list=letter.mailing_list, subject="Exemple fictif : avril", intro="Suite.", author=animator
    )
    letter_queue(letter=second)
    deliveries_send()
    assert [rcpt for _, rcpt, _ in smtp.inbox.messages] == [["bruno@exemple.invalid"]]


def test_batches_and_the_hourly_limit(animator: User, smtp: Smtp) -> None:
    _queued(animator, readers=7)
    assert deliveries_send(batch_size=3, hourly_limit=0).sent == 3
    throttled = deliveries_send(batch_size=3, hourly_limit=5)
    assert (throttled.sent, throttled.throttled) == (2, True)
    assert deliveries_send(batch_size=3, hourly_limit=5).sent == 0
    assert deliveries_send(batch_size=10, hourly_limit=0).sent == 2
    assert len(smtp.inbox.messages) == 7
    assert len({tuple(rcpt) for _, rcpt, _ in smtp.inbox.messages}) == 7


def test_a_delivery_left_in_progress_is_sent_again_once(animator: User, smtp: Smtp) -> None:
    """A run that died with a delivery `sending` never sent the end of its message: it is sent again."""
    letter = _queued(animator, readers=3)
    interrupted = Delivery.objects.order_by("pk").first()
    assert interrupted is not None
    Delivery.objects.filter(pk=interrupted.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert deliveries_send().sent == 2  # a `sending` delivery is not taken while its run may be alive
    assert deliveries_recover(stale_before=timezone.now() - datetime.timedelta(minutes=5)) == 1
    assert deliveries_send().sent == 1
    received = [r for _, rcpt, _ in smtp.inbox.messages for r in rcpt]
    assert sorted(received) == [f"lecteur{n}@exemple.invalid" for n in range(3)]  # each once
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT


def test_the_server_delivers_nothing_until_the_delivery_is_committed(animator: User, smtp: Smtp) -> None:
    """The message leaves whole but its final line; the delivery is committed `sent`; then the end. A run
    that dies before that commit (here: the commit itself fails) leaves the server without the end of
    the message, and the server delivers nothing."""
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    letter_queue(letter=letter)
    delivery = Delivery.objects.get()
    message = LetterRenderer(letter=letter, content=content_resolve(letter)).message(
        to=delivery.email, unsubscribe_url="https://exemple.invalid/u", message_key="essai"
    )
    connection = get_connection(fail_silently=False)
    connection.open()

    def dies() -> None:
        raise KeyboardInterrupt  # the process stops here, between the whole message and its end

    with pytest.raises(KeyboardInterrupt):
        hand_over(connection, message, before_end=dies)
    connection.close()
    assert not smtp.inbox.arrived.wait(1.0)
    assert smtp.inbox.messages == []

    committed: list[bool] = []
    connection.open()
    hand_over(connection, message, before_end=lambda: committed.append(not smtp.inbox.messages))
    connection.close()
    assert committed == [True]  # committed while the server still had nothing
    assert [rcpt for _, rcpt, _ in smtp.inbox.messages] == [["anne@exemple.invalid"]]
    assert smtp.inbox.messages[0][2]["Subject"] == "Exemple fictif : lettre de mars"


def test_a_run_that_lost_its_delivery_to_the_queue_never_ends_its_message(
    animator: User, smtp: Smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run stuck past the stale delay may see its delivery put back in the queue by another run: it
    must then not end the message (the other run sends it), so that nobody gets it twice."""
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    letter_queue(letter=letter)

    def taken_back_meanwhile(*args: Any, **kwargs: Any) -> None:
        Delivery.objects.update(status=DeliveryStatus.PENDING, claimed_at=None)  # what a recovery writes
        hand_over(*args, **kwargs)

    monkeypatch.setattr(sending, "hand_over", taken_back_meanwhile)
    report = deliveries_send()
    assert (report.sent, "repris" in report.stopped) == (0, True)
    assert not smtp.inbox.arrived.wait(1.0)
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    monkeypatch.setattr(sending, "hand_over", hand_over)
    assert deliveries_send().sent == 1
    assert [rcpt for _, rcpt, _ in smtp.inbox.messages] == [["anne@exemple.invalid"]]


def test_a_delivery_whose_connection_was_lost_after_its_end_is_uncertain(animator: User, smtp: Smtp) -> None:
    letter = _queued(animator, readers=3)
    Delivery.objects.filter(pk=Delivery.objects.order_by("pk").values("pk")[:1]).update(
        status=DeliveryStatus.UNCERTAIN, error="connexion perdue après la fin du message"
    )
    assert deliveries_send().sent == 2
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    client = Client()
    client.force_login(animator)
    page = client.get("/animation/lettres/").content.decode()
    assert "2 / 3" in page
    assert "1 incertain : envoi interrompu, non refait" in page


def test_a_server_that_is_down_stops_the_run_and_loses_nothing(animator: User, settings) -> None:  # type: ignore[no-untyped-def]
    for name, value in smtp_settings(free_port()).items():
        setattr(settings, name, value)
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    letter_queue(letter=letter)
    report = deliveries_send()
    assert report.sent == 0
    assert "connexion" in report.stopped
    assert Delivery.objects.get().status == DeliveryStatus.PENDING


def test_a_scheduled_letter_leaves_when_due_through_the_command(animator: User, smtp: Smtp) -> None:
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    letter_schedule(letter=letter, when=timezone.now() + datetime.timedelta(hours=2))
    assert letters_queue_due(now=timezone.now()) == 0
    call_command("send-newsletters")
    assert smtp.inbox.messages == []
    Letter.objects.filter(pk=letter.pk).update(scheduled_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("send-newsletters", "--until-empty")
    assert len(smtp.to("anne@exemple.invalid")) == 1
    with pytest.raises(BlockError, match="déjà partie"):
        letter_block_add(letter=letter, block=Block("text", text="trop tard"))


def test_the_content_is_frozen_when_queued(animator: User, smtp: Smtp) -> None:
    letter = _letter(animator)
    subscriber_make(letter.mailing_list, "anne@exemple.invalid")
    letter_queue(letter=letter)
    NewsItem.objects.update(title="Titre changé après l'envoi")
    deliveries_send()
    text = smtp.to("anne@exemple.invalid")[0].get_body(("plain",)).get_content()
    assert "le réseau recrute" in text
    assert "Titre changé" not in text
