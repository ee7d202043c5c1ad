"""`maillage restore FILE [--yes]`: replace the whole database by a backup made by `maillage backup`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.backup import BackupError, backup_kind, database_restore


class Command(BaseCommand):
    help = "Remplace toute la base par une sauvegarde faite avec « maillage backup »."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="ne pas demander de confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            backup_kind(path)  # refuse a wrong file before asking anything
            if options["interactive"]:
                answer = input(f"Toutes les données actuelles seront remplacées par {path}. Taper « oui » : ")
                if answer.strip().lower() != "oui":
                    raise CommandError("Restauration annulée : rien n'a changé.")
            kind = database_restore(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Base restaurée depuis {path} ({kind}).")
        self.stdout.write("Si la sauvegarde vient d'une version antérieure : « maillage migrate ».")
