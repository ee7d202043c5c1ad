"""The year's letters and watch, written through the newsletters' and the news' services at the moment
each thing happens (tests/reporting/network_year.py's clock): the demo's four lists, subscriptions asked,
confirmed from the e-mailed link and ended, letters queued and sent to the subscribers of the moment, web
views, watch items. Addresses and titles are fictitious examples and say so."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from maillage.news.services.items import news_item_create
from maillage.newsletters.models import MailingList, Subscription
from maillage.newsletters.services.letters import letter_create, letter_view_count
from maillage.newsletters.services.sample import newsletters_sample_load
from maillage.newsletters.services.sending import deliveries_send, letter_queue
from maillage.newsletters.services.subscriptions import subscription_confirm, subscription_unsubscribe
from maillage.newsletters.services.subscriptions import subscription_request as subscribe
from maillage.newsletters.services.tokens import confirm_url, unsubscribe_url
from tests.reporting.network_year import D, at, clock


@dataclass(frozen=True)
class SubscriptionSpec:
    email: str
    list_slug: str  # a demo list (newsletters/services/sample.py)
    asked: datetime.datetime
    confirmed: datetime.datetime | None = None
    ended: datetime.datetime | None = None


SUBSCRIPTIONS = [
    SubscriptionSpec("lecteur1@example.org", "mednum-42", at(D(2025, 3, 1)), at(D(2025, 3, 2))),
    SubscriptionSpec("lecteur2@example.org", "mednum-42", at(D(2026, 1, 14)), at(D(2026, 1, 15)),
                     at(D(2026, 6, 1))),
    SubscriptionSpec("lecteur3@example.org", "of42", at(D(2026, 2, 1)), at(D(2026, 2, 1), 11)),
    SubscriptionSpec("lecteur4@example.org", "mednum-42", at(D(2026, 3, 1))),  # never confirmed
    SubscriptionSpec("lecteur5@example.org", "pdn42", at(D(2025, 11, 1)), at(D(2025, 11, 1), 12),
                     at(D(2025, 12, 15))),
    SubscriptionSpec("lecteur1@example.org", "of42", at(D(2026, 5, 5)), at(D(2026, 5, 5), 12)),
]  # fmt: skip


@dataclass(frozen=True)
class LetterSpec:
    subject: str
    list_slug: str
    sent: datetime.datetime | None  # None: a draft, never sent
    web_views: int = 0


LETTERS = [
    LetterSpec("Exemple fictif : lettre de février", "mednum-42", at(D(2026, 2, 10)), web_views=3),
    LetterSpec("Exemple fictif : lettre de juillet", "mednum-42", at(D(2026, 7, 1))),
    LetterSpec("Exemple fictif : lettre des fablabs", "of42", at(D(2026, 6, 15)), web_views=1),
    LetterSpec("Exemple fictif : lettre d'avril 2025", "mednum-42", at(D(2025, 4, 1)), web_views=2),
    LetterSpec("Exemple fictif : brouillon", "of42", None),
]
# (kind, title, published); the demo's two resources are published on DEMO_LOADED.
WATCH = [
    ("news", "Exemple fictif : actualité de mars", at(D(2026, 3, 3))),
    ("initiative", "Exemple fictif : initiative locale", at(D(2026, 8, 8))),
    ("news", "Exemple fictif : actualité de 2025", at(D(2025, 5, 5))),
]
DEMO_LOADED = at(D(2026, 1, 5))


def newsletters_build(animator: Any) -> dict[str, Any]:
    with clock(DEMO_LOADED):
        newsletters_sample_load()
    lists = {ml.slug: ml for ml in MailingList.objects.all()}
    events = sorted(
        [(s.asked, "ask", s) for s in SUBSCRIPTIONS]
        + [(s.confirmed, "confirm", s) for s in SUBSCRIPTIONS if s.confirmed]
        + [(s.ended, "end", s) for s in SUBSCRIPTIONS if s.ended]
        + [(letter.sent, "send", letter) for letter in LETTERS if letter.sent],
        key=lambda row: row[0],
    )
    subscriptions: dict[tuple[str, str], Subscription] = {}
    letters = {}
    for letter_spec in LETTERS:
        with clock(DEMO_LOADED):
            letters[letter_spec.subject] = letter_create(
                mailing_list=lists[letter_spec.list_slug], subject=letter_spec.subject,
                intro="Exemple fictif.", author=animator,
            )  # fmt: skip
    for moment, what, spec in events:
        with clock(moment):
            if what == "send":
                letter = letters[spec.subject]
                letter_queue(letter=letter)
                deliveries_send(batch_size=100, hourly_limit=1000)
                for _ in range(spec.web_views):
                    letter_view_count(letter=letter)
                continue
            key = (spec.email, spec.list_slug)
            if what == "ask":
                subscriptions[key] = subscribe(mailing_list=lists[spec.list_slug], email=spec.email)
            elif what == "confirm":
                url = confirm_url(subscriptions[key].pk, spec.email)
                assert subscription_confirm(token=url.rstrip("/").rsplit("/", 1)[-1]).ok
            else:
                url = unsubscribe_url(subscriptions[key].pk)
                assert subscription_unsubscribe(token=url.rstrip("/").rsplit("/", 1)[-1]).ok
    for kind, title, published in WATCH:
        data = {"kind": kind, "title": title, "body": "Exemple fictif.", "published_at": published}
        if kind != "news":
            data["url"] = "https://example.org/exemple-fictif"
        news_item_create(author=animator, data=data)
    return {"lists": lists, "letters": letters}
