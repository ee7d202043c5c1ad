"""`maillage network-reminders`: remind once the actors who did not answer a routed request in N days."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from maillage.network.services.requests import REMINDER_DAYS, reminders_send


class Command(BaseCommand):
    help = "Relance une fois les acteurs sans réponse à une demande orientée depuis N jours (chaque jour)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--jours", type=int, default=REMINDER_DAYS, help=f"délai en jours ({REMINDER_DAYS})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["jours"] < 1:
            self.stderr.write("--jours : un nombre de jours d'au moins 1.")
            raise SystemExit(2)
        sent = reminders_send(after_days=options["jours"])
        self.stdout.write(f"Relances envoyées : {sent}")
