import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from maillage.accounts.permissions import can_edit_place, is_animator, is_professional
from maillage.places.selectors import place_get_public
from maillage.publishing.presenters import place_card, place_sources


def place_detail(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = place_get_public(place_id=place_id)
    context = {
        "place": place,
        "card": place_card(place, timezone.now()),
        "sources": place_sources(place),
        "can_curate": is_animator(request.user),
        "show_contact": not place.contact_private
        or is_professional(request.user)
        or can_edit_place(request.user, place),
    }
    return render(request, "publishing/place_detail.html", context)
