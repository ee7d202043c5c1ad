"""Feeds of every filtered view (iCalendar, RSS, JSON, OpenAgenda) and one event's .ics."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.agenda.forms import EventFilterForm
from maillage.agenda.models import Event
from maillage.agenda.presenters import absolute_url, event_record, host_name
from maillage.agenda.selectors import events_matching
from maillage.agenda.views.public import event_visible
from maillage.core.http import conditional_response
from maillage.interop.event_feeds.json_feed import write_json
from maillage.interop.event_feeds.rss import MEDIA_TYPE as RSS_TYPE
from maillage.interop.event_feeds.rss import write_rss
from maillage.interop.events import EventRecord
from maillage.interop.icalendar.writer import MEDIA_TYPE as ICS_TYPE
from maillage.interop.icalendar.writer import write_calendar, write_event
from maillage.interop.openagenda.writer import write_openagenda

PRODID = "-//Maillage//Agenda//FR"
FEED_MAX_AGE = 300
FEED_MAX_EVENTS = 500
JSON_TYPE = "application/json; charset=utf-8"


def _selection(request: HttpRequest) -> list[Event]:
    form = EventFilterForm(request.GET)
    return events_matching(form.filters(), now=timezone.now(), limit=FEED_MAX_EVENTS)


def _records(events: list[Event]) -> list[EventRecord]:
    return [event_record(event, event.matching_slots) for event in events]  # type: ignore[attr-defined]


def _etag(request: HttpRequest, kind: str, events: list[Event]) -> str:
    """A version of the selection: the same events, slots and changes give the same tag (so a 304)."""
    digest = hashlib.sha256(f"{kind}|{request.GET.urlencode()}".encode())
    for event in events:
        slots = ",".join(
            f"{slot.pk}:{slot.begin.isoformat()}:{slot.end.isoformat()}"
            for slot in event.matching_slots  # type: ignore[attr-defined]
        )
        digest.update(f"|{event.pk}:{event.updated_at.isoformat()}:{slots}".encode())
    return digest.hexdigest()[:32]


def _feed(
    request: HttpRequest, kind: str, render: Callable[[list[EventRecord]], str], content_type: str
) -> HttpResponseBase:
    events = _selection(request)
    response = conditional_response(
        request,
        etag=_etag(request, kind, events),
        max_age=FEED_MAX_AGE,
        body=lambda: render(_records(events)).encode("utf-8"),
        content_type=content_type,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _title() -> str:
    return f"Agenda · {settings.MAILLAGE_NETWORK_NAME}"


@require_safe
def feed_ics(request: HttpRequest) -> HttpResponseBase:
    def render(records: list[EventRecord]) -> str:
        return write_calendar(
            records, calendar_name=_title(), prodid=PRODID, now=timezone.now(), domain=host_name()
        )

    return _feed(request, "ics", render, ICS_TYPE)


@require_safe
def feed_rss(request: HttpRequest) -> HttpResponseBase:
    query = request.GET.urlencode()
    link = absolute_url(reverse("agenda:event-list") + (f"?{query}" if query else ""))
    description = f"Les événements du réseau : {settings.MAILLAGE_NETWORK_NAME}."

    def render(records: list[EventRecord]) -> str:
        return write_rss(records, title=_title(), link=link, description=description, now=timezone.now())

    return _feed(request, "rss", render, RSS_TYPE)


@require_safe
def feed_json(request: HttpRequest) -> HttpResponseBase:
    def render(records: list[EventRecord]) -> str:
        return json.dumps(write_json(records, now=timezone.now()), ensure_ascii=False, indent=1)

    return _feed(request, "json", render, JSON_TYPE)


@require_safe
def feed_openagenda(request: HttpRequest) -> HttpResponseBase:
    def render(records: list[EventRecord]) -> str:
        return json.dumps(write_openagenda(records), ensure_ascii=False, indent=1)

    return _feed(request, "openagenda", render, JSON_TYPE)


@require_safe
def event_ics(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event: Event = event_visible(request, event_id)
    body = write_event(event_record(event), prodid=PRODID, now=timezone.now(), domain=host_name())
    response = HttpResponse(body.encode("utf-8"), content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response
