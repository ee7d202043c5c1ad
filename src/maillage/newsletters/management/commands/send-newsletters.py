"""`maillage send-newsletters`: queue the letters that are due, then send a batch (run it from cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from maillage.newsletters.services.sending import deliveries_recover, deliveries_send, letters_queue_due


class Command(BaseCommand):
    help = (
        "Envoie les lettres programmées, par lots, dans la limite horaire ; reprend après une interruption."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=None, help="Envois au plus dans ce lot")
        parser.add_argument(
            "--until-empty", action="store_true", help="Enchaîne les lots jusqu'au bout de la file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        stale = deliveries_recover(
            stale_before=now - datetime.timedelta(seconds=settings.MAILLAGE_NEWSLETTER_STALE_SECONDS)
        )
        if stale:
            self.stderr.write(f"{stale} envoi(s) interrompu(s) marqué(s) incertain(s), non refait(s).")
        queued = letters_queue_due(now=now)
        if queued:
            self.stdout.write(f"{queued} envoi(s) mis en file.")
        total = 0
        while True:
            report = deliveries_send(batch_size=options["batch"])
            total += report.sent
            if options["verbosity"] >= 2:
                self.stdout.write(f"lot : {report.sent} envoyé(s), {report.failed} refusé(s)")
            if report.stopped:
                self.stderr.write(f"Arrêt : {report.stopped}")
                break
            if not options["until_empty"] or report.throttled or report.sent + report.failed == 0:
                break
        self.stdout.write(f"{total} courriel(s) envoyé(s).")
