"""`maillage reminders`: e-mail tomorrow's participants (once each), then delete old registrations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from maillage.agenda.services.registrations import registrations_purge, reminders_send
from maillage.lending.services.handover import late_reminders_send


class Command(BaseCommand):
    help = (
        "Envoie le rappel de la veille aux personnes inscrites (une seule fois), relance une fois les "
        "prêts de matériel non rendus à la date prévue, et supprime les inscriptions "
        "des événements terminés depuis MAILLAGE_AGENDA_RETENTION_DAYS jours. À lancer chaque jour."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--sans-purge", action="store_true", help="Ne supprime pas les anciennes inscriptions."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"Rappels envoyés : {sent}")
        self.stdout.write(f"Prêts de matériel en retard relancés : {late_reminders_send()}")
        if not options["sans_purge"]:
            deleted = registrations_purge()
            days = settings.MAILLAGE_AGENDA_RETENTION_DAYS
            self.stdout.write(
                f"Inscriptions supprimées (événements terminés depuis {days} jours) : {deleted}"
            )
