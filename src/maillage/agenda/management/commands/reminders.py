"""`maillage reminders`: e-mail tomorrow's participants (once each), then delete old registrations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from maillage.agenda.services.registrations import registrations_purge, reminders_send


class Command(BaseCommand):
    help = (
        "Envoie le rappel de la veille aux personnes inscrites (une seule fois) et supprime les inscriptions "
        "des événements terminés depuis MAILLAGE_AGENDA_RETENTION_DAYS jours. À lancer chaque jour."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--sans-purge", action="store_true", help="Ne supprime pas les anciennes inscriptions."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"Rappels envoyés : {sent}")
        if not options["sans_purge"]:
            deleted = registrations_purge()
            days = settings.MAILLAGE_AGENDA_RETENTION_DAYS
            self.stdout.write(
                f"Inscriptions supprimées (événements terminés depuis {days} jours) : {deleted}"
            )
