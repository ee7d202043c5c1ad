"""Feeds of every filtered view (iCalendar, RSS, JSON, OpenAgenda) and one event's .ics."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.agenda.forms import EventFilterForm
from maillage.agenda.models import Event
from maillage.agenda.presenters import absolute_url, event_record, host_name
from maillage.agenda.selectors import events_matching
from maillage.agenda.views.public import event_visible
from maillage.interop.event_feeds.json_feed import write_json
from maillage.interop.event_feeds.rss import MEDIA_TYPE as RSS_TYPE
from maillage.interop.event_feeds.rss import write_rss
from maillage.interop.events import EventRecord
from maillage.interop.icalendar.writer import MEDIA_TYPE as ICS_TYPE
from maillage.interop.icalendar.writer import write_calendar, write_event
from maillage.interop.openagenda.writer import write_openagenda

PRODID = "-//Maillage//Agenda//FR"
FEED_MAX_AGE = 300


def _records(request: HttpRequest) -> list[EventRecord]:
    form = EventFilterForm(request.GET)
    events = events_matching(form.filters(), now=timezone.now(), limit=500)
    return [event_record(event, event.matching_slots) for event in events]  # type: ignore[attr-defined]


def _served(body: str, content_type: str, filename: str = "") -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _title() -> str:
    return f"Agenda · {settings.MAILLAGE_NETWORK_NAME}"


@require_safe
def feed_ics(request: HttpRequest) -> HttpResponse:
    body = write_calendar(
        _records(request), calendar_name=_title(), prodid=PRODID, now=timezone.now(), domain=host_name()
    )
    return _served(body, ICS_TYPE, "agenda.ics")


@require_safe
def feed_rss(request: HttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    link = absolute_url(reverse("agenda:event-list") + (f"?{query}" if query else ""))
    body = write_rss(
        _records(request),
        title=_title(),
        link=link,
        description=f"Les événements du réseau : {settings.MAILLAGE_NETWORK_NAME}.",
        now=timezone.now(),
    )
    return _served(body, RSS_TYPE)


@require_safe
def feed_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(write_json(_records(request), now=timezone.now()), ensure_ascii=False, indent=1)
    return _served(body, "application/json; charset=utf-8")


@require_safe
def feed_openagenda(request: HttpRequest) -> HttpResponse:
    body = json.dumps(write_openagenda(_records(request)), ensure_ascii=False, indent=1)
    return _served(body, "application/json; charset=utf-8")


@require_safe
def event_ics(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event: Event = event_visible(request, event_id)
    body = write_event(event_record(event), prodid=PRODID, now=timezone.now(), domain=host_name())
    response = _served(body, ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response
