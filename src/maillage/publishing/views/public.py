import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.permissions import can_edit_place, is_animator, is_professional
from maillage.places.selectors import place_get_public
from maillage.publishing.presenters import place_card, place_location, place_sources
from maillage.publishing.views.map import OUTLINES_ATTRIBUTION


def place_detail(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = place_get_public(place_id=place_id)
    map_settings: dict[str, object] = {
        "outlinesUrl": reverse("publishing:map-outlines"),
        "outlinesAttribution": OUTLINES_ATTRIBUTION,
        "tilesUrl": settings.MAILLAGE_MAP_TILES_URL,
        "tilesAttribution": settings.MAILLAGE_MAP_TILES_ATTRIBUTION,
    }
    context = {
        "place": place,
        "card": place_card(place, timezone.now()),
        "location": place_location(place, map_settings=map_settings),
        "sources": place_sources(place),
        "can_curate": is_animator(request.user),
        "show_contact": not place.contact_private
        or is_professional(request.user)
        or can_edit_place(request.user, place),
    }
    return render(request, "publishing/place_detail.html", context)
