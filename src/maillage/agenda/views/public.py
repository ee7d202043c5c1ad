"""Public pages: the list with filters (and its HTMX fragment), the month calendar, the map, an event."""

from __future__ import annotations

import datetime
import json
import uuid
import zoneinfo

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from maillage.accounts.permissions import is_animator
from maillage.agenda.domain.calendar import month_parse
from maillage.agenda.domain.images import image_kind
from maillage.agenda.domain.text import markdown_to_html
from maillage.agenda.enums import Publication, RegistrationKind
from maillage.agenda.forms import EventFilterForm, RegistrationForm
from maillage.agenda.models import Event
from maillage.agenda.presenters import accessibility_labels, event_record
from maillage.agenda.selectors import event_get_public, events_matching, slot_seats, slots_between
from maillage.agenda.services.events import may_publish_for
from maillage.core.french import DAYS as DAY_NAMES
from maillage.interop.event_feeds.dates import format_slot_fr
from maillage.interop.event_feeds.jsonld import event_jsonld
from maillage.publishing.views.map import OUTLINES_ATTRIBUTION

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _listing(request: HttpRequest) -> dict[str, object]:
    form = EventFilterForm(request.GET)
    events = events_matching(form.filters(), now=timezone.now(), limit=200)
    for event in events:
        event.slot_labels = [format_slot_fr(s.begin, s.end) for s in event.matching_slots]  # type: ignore[attr-defined]
    query = form.query()
    return {"form": form, "events": events, "query": query, "errors": form.error_list()}


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    context = _listing(request)
    template = "agenda/_results.html" if request.headers.get("HX-Request") else "agenda/event_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def event_calendar(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    today = timezone.localdate()
    month = month_parse(request.GET.get("mois", ""), today=today)
    slots = slots_between(form.filters(), begin=month.first_day, end=month.after_last_day, now=timezone.now())
    by_day: dict[datetime.date, list[object]] = {}
    for slot in slots:
        by_day.setdefault(slot.begin.astimezone(PARIS).date(), []).append(slot)
    weeks = [[(day, by_day.get(day, [])) if day else (None, []) for day in week] for week in month.weeks()]
    query = form.query()
    context = {
        "form": form,
        "month": month,
        "weeks": weeks,
        "day_names": DAY_NAMES,
        "today": today,
        "query": query,
        "previous_query": form.query(mois=month.previous().param),
        "next_query": form.query(mois=month.next().param),
        "count": sum(len(v) for v in by_day.values()),
    }
    return render(request, "agenda/event_calendar.html", context)


@require_safe
def event_map(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    context = _listing(request)
    config = {
        "dataUrl": reverse("agenda:map-data") + (f"?{context['query']}" if context["query"] else ""),
        "center": list(settings.MAILLAGE_MAP_CENTER),
        "tilesUrl": settings.MAILLAGE_MAP_TILES_URL,
        "tilesAttribution": settings.MAILLAGE_MAP_TILES_ATTRIBUTION,
        "outlinesUrl": reverse("publishing:map-outlines"),
        "outlinesAttribution": OUTLINES_ATTRIBUTION,
    }
    return render(request, "agenda/event_map.html", context | {"form": form, "map_config": config})


@require_safe
def map_data(request: HttpRequest) -> JsonResponse:
    """The filtered events with coordinates, as GeoJSON points (one per event, its next slot)."""
    form = EventFilterForm(request.GET)
    features = []
    for event in events_matching(form.filters(), now=timezone.now(), limit=500):
        if event.latitude is None or event.longitude is None:
            continue
        first = event.matching_slots[0]  # type: ignore[attr-defined]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
                "properties": {
                    "id": str(event.pk),
                    "title": event.title,
                    "when": format_slot_fr(first.begin, first.end),
                    "where": event.commune.name if event.commune else "",
                    "status": event.get_status_display(),
                    "url": event.get_absolute_url(),
                },
            }
        )
    return JsonResponse({"type": "FeatureCollection", "features": features})


def event_visible(request: HttpRequest, event_id: uuid.UUID) -> Event:
    """Published events for everyone; proposals and drafts for the organiser's editors and animators."""
    event = event_get_public(event_id=event_id)
    if event.publication != Publication.PUBLISHED and not (
        may_publish_for(request.user, event.organiser) or is_animator(request.user)
    ):
        raise Http404("Événement introuvable")
    return event


def registration_slots(event: Event) -> list[tuple[int, str]]:
    now = timezone.now()
    choices = []
    for slot in event.slots.all():
        if slot.begin <= now:
            continue
        confirmed, _waiting = slot_seats(slot)
        label = format_slot_fr(slot.begin, slot.end)
        if slot.capacity is not None:
            left = slot.capacity - confirmed
            label += (
                f" — {left} place{'s' if left > 1 else ''} restante{'s' if left > 1 else ''}"
                if left > 0
                else (" — complet, inscription en liste d'attente")
            )
        choices.append((slot.pk, label))
    return choices


def event_detail_context(
    request: HttpRequest, event: Event, form: RegistrationForm | None = None
) -> dict[str, object]:
    slots = list(event.slots.all())
    rows = []
    for slot in slots:
        confirmed, waiting = slot_seats(slot)
        rows.append(
            {
                "slot": slot,
                "label": format_slot_fr(slot.begin, slot.end),
                "confirmed": confirmed,
                "waiting": waiting,
            }
        )
    takes = (
        event.registration_kind == RegistrationKind.MAILLAGE and event.publication == Publication.PUBLISHED
    )
    choices = registration_slots(event) if takes and event.status != "annule" else []
    if takes and form is None and choices:
        form = RegistrationForm(slots=choices)
    record = event_record(event, slots)
    return {
        "event": event,
        "slots": rows,
        "description_html": markdown_to_html(event.description),
        "accessibility": accessibility_labels(event),
        "jsonld": json.dumps(event_jsonld(record), ensure_ascii=False).replace("</", "<\\/"),
        "form": form if choices else None,
        "can_edit": may_publish_for(request.user, event.organiser),
    }


@require_safe
def event_detail(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = event_visible(request, event_id)
    return render(request, "agenda/event_detail.html", event_detail_context(request, event))


IMAGE_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@require_safe
def event_image(request: HttpRequest, event_id: uuid.UUID) -> FileResponse:
    """The event's image, served by Maillage itself (checked again: only JPEG, PNG or WebP leave)."""
    event = event_visible(request, event_id)
    if not event.image:
        raise Http404("Pas d'image")
    handle = event.image.open("rb")
    kind = image_kind(handle.read(12))
    handle.seek(0)
    if kind is None:
        handle.close()
        raise Http404("Pas d'image")
    response = FileResponse(handle, content_type=IMAGE_TYPES[kind])
    response["Cache-Control"] = "public, max-age=3600"
    return response
