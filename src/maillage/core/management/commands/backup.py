"""`maillage backup [-o FILE]`: a backup of the whole database, while the site keeps serving."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde toute la base (SQLite : copie en ligne ; PostgreSQL : pg_dump -Fc) "
        "dans var/backups/ ou dans le fichier indiqué."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, help="fichier de sauvegarde à écrire")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = database_backup(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size / 1_000_000
        self.stdout.write(f"Sauvegarde écrite : {path} ({size:.1f} Mo)")
