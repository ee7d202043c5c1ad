"""Opt-in sample events for a demonstration (`maillage demo --sample-events`), all labelled fictitious.

The demo's census is real; these events are not: each title starts with « Exemple fictif », each
description says it, and they are marked (`external_source` "exemple") so that a new run updates them
instead of adding more. They take place in real published places, a few weeks ahead.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from maillage.agenda.enums import LogAction, Publication, RegistrationKind
from maillage.agenda.models import Event, EventLog, EventSlot
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SOURCE = "exemple"
NOTICE = "Exemple fictif : cet événement n'existe pas, il montre à quoi ressemble l'agenda."
DESCRIPTION = "Les inscriptions de démonstration sont supprimées après l'événement."
SAMPLES = (
    (
        "Exemple fictif : premiers pas avec un smartphone",
        ["Maîtrise des outils numériques du quotidien"],
        ["Seniors"],
        14,
        8,
    ),
    (
        "Exemple fictif : déclarer ses revenus en ligne",
        ["Aide aux démarches administratives"],
        ["Tout public"],
        21,
        6,
    ),
    (
        "Exemple fictif : rencontre des médiateurs du réseau",
        ["Rencontre du réseau"],
        ["Professionnels de la médiation numérique"],
        28,
        None,
    ),
)


@transaction.atomic
def sample_events_load() -> list[str]:
    """Create or refresh the sample events; returns one French line per event."""
    places = list(
        Place.objects.filter(status=PlaceStatus.PUBLISHED, latitude__isnull=False).order_by("name")[:3]
    )
    if not places:
        return ["Exemples d'événements : aucun lieu publié, rien à faire (lancez d'abord `maillage demo`)."]
    today = timezone.localdate()
    lines = []
    for number, (title, keywords, audience, days, capacity) in enumerate(SAMPLES, start=1):
        place = places[(number - 1) % len(places)]
        event, created = Event.objects.update_or_create(
            external_source=SOURCE,
            external_id=f"exemple-{number}",
            defaults={
                "title": title,
                "summary": NOTICE,
                "description": f"{NOTICE}\n\n{DESCRIPTION}",
                "publication": Publication.PUBLISHED,
                "place": place,
                "location_name": place.name,
                "address": place.address,
                "postal_code": place.postal_code,
                "commune_id": place.commune_id,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "keywords": keywords,
                "audience": audience,
                "registration_kind": RegistrationKind.MAILLAGE if capacity else RegistrationKind.NONE,
            },
        )
        begin = datetime.datetime.combine(
            today + datetime.timedelta(days=days), datetime.time(14), tzinfo=PARIS
        )
        event.slots.filter(registrations__isnull=True).exclude(begin=begin).delete()
        EventSlot.objects.update_or_create(
            event=event,
            begin=begin,
            defaults={"end": begin + datetime.timedelta(hours=2), "capacity": capacity},
        )
        if created:
            EventLog.objects.create(event=event, action=LogAction.IMPORTED, actor_label="maillage demo")
        lines.append(f"{'Créé' if created else 'Mis à jour'} : {title} ({place.name})")
    return lines
