"""`maillage import FILE [--source NAME]`: bring a file of the national standard into the census."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.interop.mediation_numerique import NotAMednumFile
from maillage.places.enums import PlaceStatus
from maillage.places.services import ImportRefused, places_import_file


class Command(BaseCommand):
    help = "Importe un fichier au Standard des lieux de médiation numérique (CSV/JSON v1.0.x ou v0.1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="", help="nom de la source (par défaut : le nom du fichier)")
        parser.add_argument("--format", default="mednum", choices=["mednum"], help="format du fichier")
        parser.add_argument("--draft", action="store_true", help="créer les nouveaux lieux en brouillon")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} : fichier introuvable")
        source = options["source"] or path.stem
        status = PlaceStatus.DRAFT if options["draft"] else PlaceStatus.PUBLISHED
        try:
            report = places_import_file(path=path, source=source, status=status)
        except NotAMednumFile as exc:
            raise CommandError(f"{path} : {exc}") from exc
        except ImportRefused as exc:
            raise CommandError(f"{exc}\n{exc.describe()}") from exc
        self.stdout.write(
            f"{path.name} (v{report.format_version}, source « {source} ») : {report.rows} lignes, "
            f"{report.created} créées, {report.updated} mises à jour, {report.unchanged} inchangées"
        )
