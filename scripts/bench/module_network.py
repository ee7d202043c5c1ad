"""Benchmark worker of the network: suggestions, directory page, a request's life, annual figures.

Runs on the database in DATABASE_URL (migrated here): the Loire demo census, one member structure per
published place of the territory (the Loire's communes, real names), 300 made-up people (« Exemple
fictif ») and 1,000 made-up requests. Its last stdout line is a JSON object of figures with `_targets`.

The database usually holds the national census already (bench.py runs census.py first): the structures
are made for the territory's places only (`network.structures` says how many), as an instance serving
the Loire would have them. One per national place (about 9,000, each saved on its own) took more than
nine minutes and measured nothing more: requests, people and suggestions are all in the Loire.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.home.demo import demo_load
from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.network.enums import Listing
from maillage.network.models import Actor, PartnershipRequest
from maillage.network.selectors import period_figures, suggestions_for
from maillage.network.services.requests import (
    Target,
    request_close,
    request_route,
    request_submit,
    routing_answer,
)
from maillage.network.services.sample import structures_from_places
from maillage.network.services.tokens import routing_token
from maillage.places.models import Place
from maillage.territories.models import Commune

THEMES = list(ENUMERATIONS["services"])


def _median_ms(work: object, runs: int = 7) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1)


def _world() -> list[Commune]:
    call_command("migrate", verbosity=0)
    demo_load(with_france=False)
    communes = list(Commune.objects.filter(in_territory=True).order_by("insee_code"))
    structures_from_places(Place.objects.filter(status="published", commune__in=communes))
    if not Actor.objects.filter(fictitious=True).exists():
        now = timezone.now()
        with transaction.atomic():
            for number in range(300):
                actor = Actor.objects.create(
                    name=f"Exemple fictif : personne {number}",
                    email=f"bench-{number}@example.org",
                    role=("conseiller", "mediateur", "animateur", "coordinateur")[number % 4],
                    skills=[THEMES[number % len(THEMES)], THEMES[(number * 7) % len(THEMES)]],
                    listing=Listing.LISTED,
                    consent_at=now,
                    fictitious=True,
                )
                actor.communes.set(communes[number % len(communes) :][:3])
    return communes


def main() -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    communes = _world()
    request = request_submit(
        fields={
            "organisation": "Exemple fictif : banc d'essai",
            "contact_name": "Exemple fictif",
            "contact_email": "bench@example.org",
            "commune": next(c for c in communes if c.pk == "42187"),
            "theme": THEMES[0],
            "description": "Exemple fictif.",
            "fictitious": True,
        }
    )
    suggestions_ms = _median_ms(lambda: suggestions_for(request))
    client = Client()
    directory_ms = _median_ms(lambda: client.get("/reseau/"))
    filtered_ms = _median_ms(lambda: client.get("/reseau/", {"theme": THEMES[0], "commune": "42187"}))

    # 1,000 requests, half routed and answered, a third closed: the life of a request, and the figures.
    actors = list(Actor.objects.filter(fictitious=True).order_by("pk")[:50])
    start = time.perf_counter()
    count = 200
    for number in range(count):
        item = request_submit(
            fields={
                "organisation": f"Exemple fictif : demande {number}",
                "contact_name": "Exemple fictif",
                "contact_email": "bench@example.org",
                "commune": communes[number % len(communes)],
                "theme": THEMES[number % len(THEMES)],
                "description": "Exemple fictif.",
                "fictitious": True,
            }
        )
        if number % 2 == 0:
            (routing,) = request_route(
                request=item, targets=[Target(actor=actors[number % len(actors)])], message="", author=None
            )
            routing_answer(
                token=routing_token(routing_id=routing.pk, email=routing.recipient_email),
                accept=number % 4 == 0,
            )
        if number % 3 == 0:
            request_close(request=item, outcome="partnership", note="", author=None)
    life_ms = round((time.perf_counter() - start) * 1000 / count, 2)
    while PartnershipRequest.objects.count() < 1000:
        batch = PartnershipRequest.objects.filter(organisation__startswith="Exemple fictif : demande")[:200]
        for item in batch:
            item.pk = None
        PartnershipRequest.objects.bulk_create(list(batch))
    today = timezone.localdate()
    figures_ms = _median_ms(
        lambda: period_figures(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    )
    print(
        json.dumps(
            {
                "network.suggestions_ms": suggestions_ms,
                "network.directory_page_ms": directory_ms,
                "network.directory_filtered_ms": filtered_ms,
                "network.request_life_ms": life_ms,
                "network.period_figures_1000_ms": figures_ms,
                "network.candidates": len(suggestions_for(request, limit=10_000)),
                "network.structures": Structure.objects.count(),
                "network.structures_scope": "published places of the territory's communes",
                "_targets": [
                    ["Suggestions d'une demande", "network.suggestions_ms", 300, "ms", "max"],
                    ["Page de l'annuaire", "network.directory_page_ms", 500, "ms", "max"],
                    ["Chiffres annuels (1 000 demandes)", "network.period_figures_1000_ms", 500, "ms", "max"],
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
