"""`maillage demo`: load the Loire's real reference data and census sources (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.core.progress import command_progress
from maillage.home.demo import demo_load


class Command(BaseCommand):
    help = "Charge les données réelles de la Loire : communes, EPCI, indice de fragilité, lieux (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-france", action="store_true", help="ne pas charger les communes hors territoire"
        )
        parser.add_argument(
            "--sample-events",
            action="store_true",
            help="ajouter trois événements d'exemple intitulés « Exemple fictif » (sinon, agenda vide)",
        )
        parser.add_argument(
            "--sample-network",
            action="store_true",
            help="annuaire du réseau : structures réelles, personnes et demande « Exemple fictif »",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = command_progress(self.stdout, self.stderr, options["verbosity"])
        try:
            lines = demo_load(with_france=not options["no_france"], progress=progress)
        finally:
            progress.close()
        for line in lines:
            self.stdout.write(line)
        if options["sample_events"]:
            from maillage.agenda.services.sample import sample_events_load

            for line in sample_events_load():
                self.stdout.write(line)
        if options["sample_network"]:
            from maillage.network.services.sample import sample_network_load

            for line in sample_network_load():
                self.stdout.write(line)
