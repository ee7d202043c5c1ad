"""Benchmark worker of the newsletters: composing and rendering a letter of 20 blocks (both parts, the
content resolved from the database), and sending 2,000 deliveries through Django's SMTP backend to a local
SMTP server (aiosmtpd, in this process, on the loopback). Works on the database in DATABASE_URL and removes
what it created. Prints one JSON line of figures (last line)."""

from __future__ import annotations

import json
import logging
import os
import socket
import statistics
import threading
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP line at DEBUG

from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from maillage.news.models import NewsItem
from maillage.newsletters.models import Letter, MailingList, Subscriber, Subscription
from maillage.newsletters.selectors import content_resolve
from maillage.newsletters.services.messages import letter_message
from maillage.newsletters.services.sending import deliveries_send, letter_queue
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

SLUG = "bench-lettre"
ADDRESSES = 2000
RENDERS = 30


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += len(envelope.rcpt_tos)
        return "250 OK"


def _cleanup() -> None:
    Letter.objects.filter(mailing_list__slug=SLUG).delete()
    Subscriber.objects.filter(email__endswith="@bench.invalid").delete()
    MailingList.objects.filter(slug=SLUG).delete()
    NewsItem.objects.filter(url__startswith="https://bench.invalid/").delete()


def _letter() -> Letter:
    mailing_list = MailingList.objects.create(slug=SLUG, name="Banc d'essai (exemple fictif)", sample=True)
    news = [
        NewsItem.objects.create(
            title=f"Exemple fictif : actualité {n}",
            body="Un **texte** de quelques lignes, avec [un lien](https://bench.invalid/).\n\n" * 3,
            url=f"https://bench.invalid/{n}",
            published_at=timezone.now(),
        )
        for n in range(6)
    ]
    places = list(Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name")[:8])
    blocks = [{"kind": "news", "ref": str(n.pk), "text": ""} for n in news]
    blocks += [{"kind": "place", "ref": str(p.pk), "text": ""} for p in places]
    while len(blocks) < 20:
        blocks.append({"kind": "text", "ref": "", "text": f"Exemple fictif : paragraphe {len(blocks)}."})
    return Letter.objects.create(
        mailing_list=mailing_list, subject="Banc d'essai", intro="Bonjour.", blocks=blocks
    )


def main() -> None:
    _cleanup()
    letter = _letter()
    timings = []
    for n in range(RENDERS):
        start = time.perf_counter()
        content = content_resolve(letter)
        message = letter_message(
            letter=letter,
            content=content,
            to="a@bench.invalid",
            unsubscribe_url="https://bench.invalid/u/",
            message_key=f"bench-{n}",
        )
        message.message().as_bytes()
        timings.append((time.perf_counter() - start) * 1000)
    blocks = len(content["blocks"])

    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"lecteur{n:04d}@bench.invalid") for n in range(ADDRESSES)], batch_size=500
    )
    now = timezone.now()
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=s,
                mailing_list=letter.mailing_list,
                status="confirmed",
                source="import",
                confirmed_at=now,
            )
            for s in Subscriber.objects.filter(email__endswith="@bench.invalid")
        ],
        batch_size=500,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        start = time.perf_counter()
        queued = letter_queue(letter=letter)
        queue_s = time.perf_counter() - start
        start = time.perf_counter()
        sent = deliveries_send(batch_size=ADDRESSES, hourly_limit=0).sent
        send_s = time.perf_counter() - start
    finally:
        controller.stop()
        _cleanup()
    if not queued == sent == counter.count == len(subscribers):
        raise SystemExit(f"queued {queued}, sent {sent}, received {counter.count}: not the same")
    figures = {
        "newsletter_blocks": blocks,
        "newsletter_render_20_blocks_median_ms": round(statistics.median(timings), 2),
        "newsletter_render_20_blocks_max_ms": round(max(timings), 2),
        "newsletter_queue_2000_ms": round(queue_s * 1000, 1),
        "newsletter_send_2000_s": round(send_s, 2),
        "newsletter_send_msgs_per_s": round(sent / send_s, 1),
        "_targets": [
            [
                "letter of 20 blocks composed and rendered <= 100 ms",
                "newsletter_render_20_blocks_median_ms",
                100.0,
                "ms",
                "max",
            ],
            [
                "2,000 deliveries to the local SMTP server >= 50 msg/s",
                "newsletter_send_msgs_per_s",
                50.0,
                "msg/s",
                "min",
            ],
        ],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
