"""Lists, subscribers, and a real SMTP server (aiosmtpd) on the loopback for Django's SMTP backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from maillage.newsletters.enums import SubscriptionSource, SubscriptionStatus
from maillage.newsletters.models import MailingList, Subscriber, Subscription
from tests.accounts.test_smtp import Inbox, _free_port


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": "Maillage <ne-pas-repondre@maillage.invalid>",
    }


@dataclass
class Smtp:
    inbox: Inbox
    port: int

    def to(self, address: str) -> list[Any]:
        return [m for _, rcpt, m in self.inbox.messages if address in rcpt]


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(**smtp_settings(port)):
            yield Smtp(inbox, port)
    finally:
        controller.stop()


def list_make(
    slug: str = "mednum-42", name: str = "Exemple fictif : Médiations Numériques Loire"
) -> MailingList:
    return MailingList.objects.create(slug=slug, name=name, description="Exemple fictif.", sample=True)


def subscriber_make(
    mailing_list: MailingList, email: str, status: str = SubscriptionStatus.CONFIRMED, **kw: Any
) -> Subscription:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    confirmed = timezone.now() if status == SubscriptionStatus.CONFIRMED else None
    values = {"status": status, "source": SubscriptionSource.IMPORT, "confirmed_at": confirmed} | kw
    return Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list, **values)
