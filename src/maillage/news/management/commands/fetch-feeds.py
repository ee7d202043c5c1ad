"""`maillage fetch-feeds`: read every partner feed (conditional GET); a broken feed is reported."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from maillage.news.services.feeds import feeds_fetch_all


class Command(BaseCommand):
    help = "Relève les flux RSS/Atom des partenaires et range les nouvelles entrées dans la veille."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--timeout", type=float, default=10.0, help="Secondes d'attente par flux")

    def handle(self, *args: Any, **options: Any) -> None:
        for report in feeds_fetch_all(timeout=options["timeout"]):
            if report.error:
                self.stderr.write(f"{report.feed} : {report.error}")
            elif report.not_modified:
                self.stdout.write(f"{report.feed} : inchangé")
            else:
                self.stdout.write(f"{report.feed} : {report.new} nouvelle(s) entrée(s)")
