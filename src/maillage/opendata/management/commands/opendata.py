"""`maillage opendata [--force]`: regenerate the open data files if the census changed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.core.progress import command_progress
from maillage.opendata.selectors import opendata_dir
from maillage.opendata.services import opendata_regenerate


class Command(BaseCommand):
    help = (
        "Régénère les fichiers de données ouvertes (/donnees/) si le recensement a changé. "
        "Une fois par jour, par exemple en cron : "
        "`15 4 * * * cd /srv/maillage && .venv/bin/maillage opendata`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="régénérer même sans changement")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = command_progress(self.stdout, self.stderr, options["verbosity"])
        try:
            manifest, written = opendata_regenerate(force=options["force"], progress=progress)
        finally:
            progress.close()
        if not written:
            self.stderr.write("Recensement inchangé : fichiers conservés.")
            return
        for entry in manifest.files:
            self.stderr.write(f"{entry.name} : {entry.count} enregistrements, {entry.size} octets")
        self.stderr.write(f"Écrits dans {opendata_dir()}")
