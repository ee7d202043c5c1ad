"""Reads of the newsletters: public lists, the archive, what the composer may pick, a letter's content
resolved from the network's objects, and the figures (`period_figures`)."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
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


def _resolve_event(ref: str) -> Resolved | None:
    try:
        event = Event.objects.select_related("commune").get(
            pk=uuid.UUID(ref), publication=Publication.PUBLISHED
        )
    except (ValueError, Event.DoesNotExist):
        return None
    now = timezone.now()
    slots = [format_slot_fr(s.begin, s.end) for s in event.slots.filter(end__gt=now)[:3]]
    where = ", ".join(p for p in [event.location_name, event.commune.name if event.commune else ""] if p)
    facts = [*slots, *([where] if where else []), *(["En ligne"] if event.online_url else [])]
    return Resolved(
        kind="event",
        title=event.title,
        text=event.summary,
        facts=facts,
        url=absolute(event.get_absolute_url()),
    )


def _resolve_news(ref: str) -> Resolved | None:
    item = NewsItem.objects.filter(pk=int(ref) if ref.isdigit() else 0).first()
    if item is None:
        return None
    url = item.url or absolute(item.get_absolute_url())
    facts = [item.get_kind_display(), *([", ".join(item.tags)] if item.tags else [])]
    return Resolved(
        kind="news", title=item.title, text=item.body, html=markdown_to_html(item.body), facts=facts, url=url
    )


def _resolve_place(ref: str) -> Resolved | None:
    try:
        place = Place.objects.get(pk=uuid.UUID(ref), status=PlaceStatus.PUBLISHED)
    except (ValueError, Place.DoesNotExist):
        return None
    facts = [f"{place.address}, {place.postal_code} {place.commune_name}".strip(", ")]
    return Resolved(
        kind="place",
        title=place.name,
        text=place.summary,
        facts=facts,
        url=absolute(reverse("places:place-detail", args=[place.pk])),
    )


def block_resolve(block: Block) -> Resolved | None:
    if block.kind == "text":
        return Resolved(kind="text", title="", text=block.text, html=markdown_to_html(block.text))
    resolver = {"event": _resolve_event, "news": _resolve_news, "place": _resolve_place}.get(block.kind)
    return resolver(block.ref) if resolver else None


def content_resolve(letter: Letter) -> dict[str, Any]:
    """The letter as it would leave now: blocks whose object is gone (or unpublished) are left out."""
    blocks: list[dict[str, Any]] = []
    missing = 0
    for raw in letter.blocks:
        try:
            resolved = block_resolve(block_from(raw))
        except BlockError:
            resolved = None
        if resolved is None:
            missing += 1
        else:
            blocks.append(resolved.as_json())
    return {
        "list_name": letter.mailing_list.name,
        "subject": letter.subject,
        "intro": letter.intro,
        "intro_html": markdown_to_html(letter.intro),
        "blocks": blocks,
        "missing": missing,
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
