"""Reads of the newsletters: public lists, the archive, what the composer may pick, a letter's content
resolved from the network's objects, and the figures (`period_figures`)."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from maillage.agenda.domain.text import markdown_to_html
from maillage.agenda.enums import Publication
from maillage.agenda.models import Event, EventSlot
from maillage.interop.event_feeds.dates import format_slot_fr
from maillage.news.enums import ItemKind
from maillage.news.models import NewsItem
from maillage.newsletters.domain.blocks import Block, BlockError, Resolved, block_from
from maillage.newsletters.enums import DeliveryStatus, LetterStatus, SubscriptionStatus
from maillage.newsletters.models import Delivery, Letter, MailingList, Subscription
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def absolute(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def lists_public() -> QuerySet[MailingList]:
    confirmed = Count("subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.CONFIRMED))
    sent = Count("letters", filter=Q(letters__status=LetterStatus.SENT), distinct=True)
    return MailingList.objects.annotate(subscribers=confirmed, sent_letters=sent).order_by("name", "pk")


def letters_archive(mailing_list: MailingList) -> QuerySet[Letter]:
    return Letter.objects.filter(mailing_list=mailing_list, status=LetterStatus.SENT).order_by(
        "-sent_at", "-pk"
    )


def letters_of_animators() -> QuerySet[Letter]:
    return Letter.objects.select_related("mailing_list").annotate(
        deliveries_sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
        deliveries_total=Count("deliveries"),
        deliveries_uncertain=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.UNCERTAIN)),
        deliveries_failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
    )


# ---- what the composer offers --------------------------------------------------------------------


def candidate_events(
    *, date_from: datetime.date, date_to: datetime.date, insee_code: str = "", limit: int = 50
) -> list[Event]:
    begin = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=PARIS)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)
    slots = EventSlot.objects.filter(event__publication=Publication.PUBLISHED, begin__lt=end, end__gt=begin)
    if insee_code:
        slots = slots.filter(event__commune_id=insee_code)
    ids = list(dict.fromkeys(slots.order_by("begin").values_list("event_id", flat=True)))[:limit]
    by_id = {e.pk: e for e in Event.objects.filter(pk__in=ids).select_related("commune")}
    return [by_id[i] for i in ids if i in by_id]


def candidate_news(*, since: datetime.datetime, limit: int = 50) -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(published_at__gte=since).order_by("-published_at", "-pk")[:limit]


def candidate_places(*, since: datetime.datetime, limit: int = 30) -> QuerySet[Place]:
    return (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, updated_at__gte=since)
        .only("id", "name", "commune_name", "updated_at", "created_at")
        .order_by("-updated_at")[:limit]
    )


# ---- a letter's content ----------------------------------------------------------------------


def _uuids(refs: list[str]) -> list[uuid.UUID]:
    found = []
    for ref in refs:
        try:
            found.append(uuid.UUID(ref))
        except ValueError:
            continue
    return found


def _event_block(event: Event) -> Resolved:
    slots = [format_slot_fr(s.begin, s.end) for s in event.upcoming_slots[:3]]  # type: ignore[attr-defined]
    where = ", ".join(p for p in [event.location_name, event.commune.name if event.commune else ""] if p)
    facts = [*slots, *([where] if where else []), *(["En ligne"] if event.online_url else [])]
    url = absolute(event.get_absolute_url())
    return Resolved(kind="event", title=event.title, text=event.summary, facts=facts, url=url)


def _news_block(item: NewsItem) -> Resolved:
    url = item.url or absolute(item.get_absolute_url())
    facts = [item.get_kind_display(), *([", ".join(item.tags)] if item.tags else [])]
    html = markdown_to_html(item.body)
    return Resolved(kind="news", title=item.title, text=item.body, html=html, facts=facts, url=url)


def _place_block(place: Place) -> Resolved:
    facts = [f"{place.address}, {place.postal_code} {place.commune_name}".strip(", ")]
    url = absolute(reverse("publishing:place-detail", args=[place.pk]))
    return Resolved(kind="place", title=place.name, text=place.summary, facts=facts, url=url)


def blocks_resolve(blocks: list[Block]) -> list[Resolved | None]:
    """Each block as shown (None: its object is gone or unpublished), in three queries at most."""
    refs: dict[str, list[str]] = {"event": [], "news": [], "place": []}
    for block in blocks:
        refs.get(block.kind, []).append(block.ref)
    upcoming = Prefetch(
        "slots", queryset=EventSlot.objects.filter(end__gt=timezone.now()), to_attr="upcoming_slots"
    )
    events = (
        {
            str(e.pk): e
            for e in Event.objects.filter(pk__in=_uuids(refs["event"]), publication=Publication.PUBLISHED)
            .select_related("commune")
            .prefetch_related(upcoming)
        }
        if refs["event"]
        else {}
    )
    news_ids = [int(r) for r in refs["news"] if r.isdigit()]
    news = {str(n.pk): n for n in NewsItem.objects.filter(pk__in=news_ids)} if news_ids else {}
    places = (
        {
            str(p.pk): p
            for p in Place.objects.filter(pk__in=_uuids(refs["place"]), status=PlaceStatus.PUBLISHED).only(
                "id", "name", "address", "postal_code", "commune_name", "summary"
            )
        }
        if refs["place"]
        else {}
    )
    resolved: list[Resolved | None] = []
    for block in blocks:
        if block.kind == "text":
            resolved.append(
                Resolved(kind="text", title="", text=block.text, html=markdown_to_html(block.text))
            )
        elif block.kind == "event" and block.ref in events:
            resolved.append(_event_block(events[block.ref]))
        elif block.kind == "news" and block.ref in news:
            resolved.append(_news_block(news[block.ref]))
        elif block.kind == "place" and block.ref in places:
            resolved.append(_place_block(places[block.ref]))
        else:
            resolved.append(None)
    return resolved


def blocks_parse(raw_blocks: list[Any]) -> list[Block]:
    """The stored blocks, an unreadable one kept as a text block that resolves to nothing."""
    parsed = []
    for raw in raw_blocks:
        try:
            parsed.append(block_from(raw))
        except BlockError:
            parsed.append(Block(kind="gone", ref="?"))
    return parsed


def content_resolve(letter: Letter) -> dict[str, Any]:
    """The letter as it would leave now: blocks whose object is gone (or unpublished) are left out."""
    resolved = blocks_resolve(blocks_parse(list(letter.blocks)))
    return {
        "list_name": letter.mailing_list.name,
        "subject": letter.subject,
        "intro": letter.intro,
        "intro_html": markdown_to_html(letter.intro),
        "blocks": [r.as_json() for r in resolved if r is not None],
        "missing": sum(1 for r in resolved if r is None),
    }


# ---- figures ---------------------------------------------------------------------------------


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS),
    )


def subscribers_at(moment: datetime.datetime) -> dict[int, int]:
    """Confirmed subscribers of each list at `moment` (confirmed before it, not ended before it)."""
    rows = (
        Subscription.objects.filter(confirmed_at__lt=moment)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=moment))
        .values("mailing_list_id")
        .annotate(n=Count("id"))
    )
    return {r["mailing_list_id"]: r["n"] for r in rows}


def subscribers_monthly(mailing_list: MailingList, *, months: int = 12) -> list[tuple[str, int]]:
    """Subscribers at the start of each of the last `months` months, and now."""
    today = timezone.localdate()
    points: list[tuple[str, int]] = []
    year, month = today.year, today.month
    firsts: list[datetime.date] = []
    for _ in range(months):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for first in reversed(firsts):
        moment = datetime.datetime.combine(first, datetime.time.min, tzinfo=PARIS)
        points.append((f"{first:%m/%Y}", subscribers_at(moment).get(mailing_list.pk, 0)))
    points.append(("aujourd'hui", subscribers_at(timezone.now()).get(mailing_list.pk, 0)))
    return points


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """The newsletters' and the watch's figures for the inclusive period (annual report contract)."""
    begin, after = _bounds(start, end)
    lists = list(MailingList.objects.order_by("name", "pk"))
    names = {m.pk: m.name for m in lists}
    letters = Letter.objects.filter(status=LetterStatus.SENT, sent_at__gte=begin, sent_at__lt=after)
    per_list = dict(
        letters.values_list("mailing_list_id").annotate(n=Count("id")).values_list("mailing_list_id", "n")
    )
    delivered = Delivery.objects.filter(status=DeliveryStatus.SENT, sent_at__gte=begin, sent_at__lt=after)
    at_end = subscribers_at(after)
    confirmations = Subscription.objects.filter(confirmed_at__gte=begin, confirmed_at__lt=after)
    ended = Subscription.objects.filter(ended_at__gte=begin, ended_at__lt=after)
    views = sum(letters.values_list("web_views", flat=True))
    watch = NewsItem.objects.filter(published_at__gte=begin, published_at__lt=after)
    watch_rows = watch.values("kind").annotate(n=Count("id")).order_by("kind")

    def rows(counts: dict[int, int]) -> list[list[object]]:
        return [[names[pk], counts.get(pk, 0)] for pk in names]

    return [
        {
            "key": "newsletters.letters_sent",
            "label": "Lettres envoyées",
            "value": sum(per_list.values()),
            "unit": "lettres",
            "topic": "newsletters",
            "rows": rows(per_list),
        },
        {
            "key": "newsletters.messages_delivered",
            "label": "Courriels remis au serveur d'envoi",
            "value": delivered.count(),
            "unit": "courriels",
            "topic": "newsletters",
        },
        {
            "key": "newsletters.subscribers",
            "label": "Abonnés en fin de période",
            "value": sum(at_end.values()),
            "unit": "abonnés",
            "topic": "newsletters",
            "rows": rows(at_end),
        },
        {
            "key": "newsletters.confirmations",
            "label": "Abonnements confirmés",
            "value": confirmations.count(),
            "unit": "abonnements",
            "topic": "newsletters",
        },
        {
            "key": "newsletters.unsubscriptions",
            "label": "Désabonnements",
            "value": ended.count(),
            "unit": "désabonnements",
            "topic": "newsletters",
        },
        {
            "key": "newsletters.web_views",
            "label": "Vues des versions en ligne (lettres de la période)",
            "value": views,
            "unit": "vues",
            "topic": "newsletters",
        },
        {
            "key": "watch.items",
            "label": "Éléments de veille publiés",
            "value": watch.count(),
            "unit": "éléments",
            "topic": "watch",
            "rows": [[ItemKind(r["kind"]).label, r["n"]] for r in watch_rows],
        },
    ]
