"""`period_figures` (annual report contract) against a hand-built year, counted independently."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from maillage.news.models import NewsItem
from maillage.newsletters.enums import DeliveryStatus, LetterStatus
from maillage.newsletters.models import Delivery, Letter, Subscriber, Subscription
from maillage.newsletters.selectors import period_figures, subscribers_at
from tests.newsletters.conftest import list_make

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=PARIS)


def _sub(
    ml: object, email: str, confirmed: datetime.datetime | None, ended: datetime.datetime | None
) -> None:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    status = "unsubscribed" if ended else "confirmed" if confirmed else "pending"
    Subscription.objects.create(
        subscriber=subscriber,
        mailing_list=ml,
        status=status,
        source="form",
        confirmed_at=confirmed,
        ended_at=ended,
    )


def test_period_figures_of_a_hand_built_year() -> None:
    a, b = list_make("a", "Liste A"), list_make("b", "Liste B")
    _sub(a, "1@x.invalid", at(2024, 12, 1), None)  # before the year, still there: counted at the end
    _sub(a, "2@x.invalid", at(2025, 3, 1), None)  # confirmed in the year
    _sub(a, "3@x.invalid", at(2025, 4, 1), at(2025, 9, 1))  # confirmed and ended in the year
    _sub(a, "4@x.invalid", None, None)  # never confirmed
    _sub(b, "1@x.invalid", at(2025, 1, 1, 0), at(2026, 1, 2))  # ended after the year: counted at its end
    _sub(b, "5@x.invalid", at(2026, 1, 1, 0), None)  # confirmed just after (Paris midnight)
    for ml, when, views in [(a, at(2025, 2, 1), 4), (a, at(2025, 12, 31, 23), 6), (b, at(2026, 1, 1, 0), 50)]:
        letter = Letter.objects.create(
            mailing_list=ml, subject="s", status=LetterStatus.SENT, sent_at=when, web_views=views
        )
        Delivery.objects.create(letter=letter, email="1@x.invalid", status=DeliveryStatus.SENT, sent_at=when)
    Letter.objects.create(mailing_list=b, subject="brouillon")
    NewsItem.objects.create(kind="news", title="n", published_at=at(2025, 5, 1))
    NewsItem.objects.create(kind="resource", title="r", url="https://x.invalid", published_at=at(2025, 6, 1))
    NewsItem.objects.create(kind="news", title="n2", published_at=at(2024, 12, 31, 23))

    figures = {f["key"]: f for f in period_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))}
    assert figures["newsletters.letters_sent"]["value"] == 2
    assert figures["newsletters.letters_sent"]["rows"] == [["Liste A", 2], ["Liste B", 0]]
    assert figures["newsletters.messages_delivered"]["value"] == 2
    assert figures["newsletters.subscribers"]["value"] == 3
    assert figures["newsletters.subscribers"]["rows"] == [["Liste A", 2], ["Liste B", 1]]
    assert figures["newsletters.confirmations"]["value"] == 3
    assert figures["newsletters.unsubscriptions"]["value"] == 1
    assert figures["newsletters.web_views"]["value"] == 10
    assert figures["watch.items"]["value"] == 2
    assert figures["watch.items"]["rows"] == [["Actualité", 1], ["Ressource", 1]]
    for figure in figures.values():
        assert figure["topic"] in {"newsletters", "watch"}
        assert isinstance(figure["label"], str)
        assert figure["unit"]
    assert subscribers_at(at(2025, 6, 1)) == {a.pk: 3, b.pk: 1}


def test_the_demo_lists_are_samples_without_subscribers_and_load_once() -> None:
    from maillage.newsletters.models import MailingList
    from maillage.newsletters.services.sample import newsletters_sample_load

    newsletters_sample_load()
    newsletters_sample_load()
    lists = MailingList.objects.order_by("slug")
    assert [m.slug for m in lists] == ["mednum-42", "of42", "pdn42", "saintemednum"]
    assert all(m.sample and "Exemple fictif" in m.description for m in lists)
    assert "323 lecteurs" in lists.get(slug="mednum-42").description
    assert not Subscription.objects.exists()
    assert NewsItem.objects.filter(kind="resource").count() == 2
