"""A census place's page lists the upcoming events held there (made-up events, real places)."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.accounts.models import Structure
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from tests.agenda.factories import event_make, user_make

pytestmark = pytest.mark.django_db


def test_the_place_page_lists_its_upcoming_events(loire_census: None) -> None:
    place = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False).order_by("name").first()
    )
    assert place is not None
    other = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(pk=place.pk).order_by("name").first()
    assert other is not None
    structure = Structure.objects.create(name="Structure fictive")
    editor = user_make("e@example.org", structure=structure)
    event = event_make(author=editor, organiser=structure, place=place, online_url="")
    assert (event.latitude, event.longitude) == (place.latitude, place.longitude)
    assert event.commune_id == place.commune_id
    body = Client().get(f"/lieux/{place.pk}/").content.decode()
    assert "Prochains événements dans ce lieu" in body
    assert event.title in body
    assert "Prochains événements dans ce lieu" not in Client().get(f"/lieux/{other.pk}/").content.decode()
    listing = Client().get(f"/agenda/?lieu={place.pk}").content.decode()
    assert event.title in listing
    assert event.title not in Client().get(f"/agenda/?lieu={other.pk}").content.decode()
