"""Lists, subscribers, and a real SMTP server (aiosmtpd) on the loopback for Django's SMTP backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from maillage.newsletters.enums import SubscriptionSource, SubscriptionStatus
from maillage.newsletters.models import MailingList, Subscriber, Subscription
from tests.smtp import Inbox, free_port, smtp_settings


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the per-address resend limit lives in the cache


@dataclass
class Smtp:
    inbox: Inbox
    port: int

    def to(self, address: str) -> list[Any]:
        return [m for _, rcpt, m in self.inbox.messages if address in rcpt]


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    inbox, port = Inbox(), free_port()
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
