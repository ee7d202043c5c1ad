"""Lending pages from the outside: catalogue, kit calendar, request, queue, hand-over, figures, feeds."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.lending.enums import BookingStatus
from maillage.lending.models import Booking, Kit
from maillage.lending.services.bookings import booking_approve
from maillage.lending.services.sample import KITS, PUBLISHED_TOTAL_2021, sample_kits_load
from maillage.lending.views.animation import feed_token
from tests.agenda.factories import PASSWORD
from tests.lending.factories import day, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():  # type: ignore[no-untyped-def]
    sample_kits_load()
    structure = Structure.objects.create(name="MJC fictive")
    editor = user_make("editrice@example.org", structure=structure)
    animator = user_make("animation@example.org", is_staff=True)
    clients = {}
    for name, user in (("editor", editor), ("animator", animator)):
        clients[name] = Client()
        clients[name].login(username=user.username, password=PASSWORD)
    return {"structure": structure, "editor_user": editor, "animator_user": animator, **clients}


def request_data(hub, start: int, end: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "structure": str(hub["structure"].pk),
        "start": day(start).isoformat(),
        "end": day(end).isoformat(),
        "purpose": "Atelier de programmation (exemple fictif)",
    }


def test_sample_is_the_hubs_eight_kits_marked_as_sample() -> None:
    sample_kits_load()
    sample_kits_load()  # idempotent
    assert Kit.objects.count() == 8
    # The report's own lines add up to 752 days; its sentence says 720: both are kept as published.
    assert sum(k.loan_days_2021 for k in KITS) == 752
    assert PUBLISHED_TOTAL_2021 == 720
    assert not Booking.objects.exists()
    page = Client().get(reverse("lending:catalogue")).content.decode()
    assert "Centre Multimédia Itinérant" in page
    assert "Exemple fictif" in page
    assert Kit.objects.get(slug="video-projecteur").units.count() == 2


def test_catalogue_filters_by_theme_and_dates(hub) -> None:  # type: ignore[no-untyped-def]
    page = Client().get(reverse("lending:catalogue"), {"theme": "video"}).content.decode()
    assert "Matériel vidéo" in page
    assert "Fablab" not in page
    bad = Client().get(reverse("lending:catalogue"), {"du": day(5).isoformat(), "au": day(3).isoformat()})
    assert "Au : la date de fin précède la date de début." in bad.content.decode()


def test_request_approve_and_the_overlap_refused_with_free_dates(hub) -> None:  # type: ignore[no-untyped-def]
    url = reverse("lending:booking-new", args=["mallette-robotique"])
    assert Client().get(url).status_code == 302  # log in first
    response = hub["editor"].post(url, request_data(hub, 3, 5))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == booking.get_absolute_url()
    queue = hub["animator"].get(reverse("lending:queue")).content.decode()
    assert "MJC fictive" in queue
    hub["animator"].post(reverse("lending:booking-approve", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    again = hub["editor"].post(url, request_data(hub, 4, 4))
    html = again.content.decode()
    assert again.status_code == 422
    assert "est déjà réservé" in html
    assert "Prochaines dates libres" in html
    assert Booking.objects.count() == 1
    calendar = Client().get(
        reverse("lending:kit-detail", args=["mallette-robotique"]), {"mois": day(4).strftime("%Y-%m")}
    )
    assert "réservé" in calendar.content.decode()
    busy = Client().get(reverse("lending:availability")).content.decode()
    assert "MJC fictive" not in busy  # the public view shows busy/free only


def test_bad_input_names_the_field(hub) -> None:  # type: ignore[no-untyped-def]
    url = reverse("lending:booking-new", args=["mallette-robotique"])
    html = hub["editor"].post(url, request_data(hub, 5, 3)).content.decode()
    assert "Date de retour : le " in html
    html = hub["editor"].post(url, request_data(hub, 1, 40)).content.decode()
    assert "ce kit se prête 14 jours au plus" in html
    assert not Booking.objects.exists()


def test_other_structures_do_not_see_a_booking(hub) -> None:  # type: ignore[no-untyped-def]
    hub["editor"].post(reverse("lending:booking-new", args=["fablab"]), request_data(hub, 3, 5))
    booking = Booking.objects.get()
    stranger = user_make(
        "autre@example.org", structure=Structure.objects.create(name="Autre structure fictive")
    )
    client = Client()
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(booking.get_absolute_url()).status_code == 403
    assert hub["editor"].get(booking.get_absolute_url()).status_code == 200


def test_checkout_page_and_figures_csv(hub) -> None:  # type: ignore[no-untyped-def]
    hub["editor"].post(reverse("lending:booking-new", args=["video-projecteur"]), request_data(hub, 0, 1))
    booking = booking_approve(booking=Booking.objects.get(), by=hub["animator_user"])
    url = reverse("lending:booking-checkout", args=[booking.pk])
    page = hub["animator"].get(url).content.decode()
    assert "Vidéo-projecteur : présents sur 1" in page
    items = {f"item-{i.pk}": str(i.quantity) for i in booking.kit.items.all()}
    assert hub["animator"].post(url, items).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.OUT
    csv = hub["animator"].get(
        reverse("lending:figures-csv"), {"du": day(0).isoformat(), "au": day(30).isoformat()}
    )
    assert "total;" in csv.content.decode()
    assert "kit;Vidéo-projecteur;2" in csv.content.decode()
    assert hub["editor"].get(reverse("lending:figures")).status_code == 403


def test_staff_feed_needs_a_signed_staff_key(hub) -> None:  # type: ignore[no-untyped-def]
    hub["editor"].post(reverse("lending:booking-new", args=["fablab"]), request_data(hub, 3, 5))
    booking_approve(booking=Booking.objects.get(), by=hub["animator_user"])
    url = reverse("lending:staff-ics")
    assert Client().get(url, {"cle": "faux"}).status_code == 403
    assert Client().get(url, {"cle": feed_token(hub["editor_user"].pk)}).status_code == 403
    feed = Client().get(url, {"cle": feed_token(hub["animator_user"].pk)})
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert f"DTSTART;VALUE=DATE:{day(3):%Y%m%d}" in body
    assert f"DTEND;VALUE=DATE:{day(6):%Y%m%d}" in body  # exclusive end
    assert "SUMMARY:Fablab · MJC fictive" in body


def test_reminders_command_reports_late_loans() -> None:
    out = io.StringIO()
    call_command("reminders", "--sans-purge", stdout=out)
    assert "Prêts de matériel en retard relancés : 0" in out.getvalue()
