"""`maillage import FILE [--format F] [--source NAME]`: bring a source file into the census."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.census.formats import FORMAT_READERS, STRICT_BY_DEFAULT
from maillage.census.services import ImportRefused, source_import
from maillage.core.progress import command_progress
from maillage.interop.source_rows import WrongSourceFormat


class Command(BaseCommand):
    help = "Importe un fichier source dans le recensement (standard national, France Services…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", default="mednum", choices=sorted(FORMAT_READERS), help="format du fichier"
        )
        parser.add_argument("--source", default="", help="nom de la source (par défaut : le format)")
        strictness = parser.add_mutually_exclusive_group()
        strictness.add_argument(
            "--strict", action="store_true", help="refuser tout le fichier à la moindre erreur"
        )
        strictness.add_argument("--skip-invalid", action="store_true", help="importer les lignes valides")
        parser.add_argument("--no-rebuild", action="store_true", help="ne pas recalculer le recensement")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        fmt: str = options["format"]
        if not path.is_file():
            raise CommandError(f"{path} : fichier introuvable")
        strict = options["strict"] or (fmt in STRICT_BY_DEFAULT and not options["skip_invalid"])
        source = options["source"] or fmt
        progress = command_progress(self.stdout, self.stderr, options["verbosity"])
        try:
            report = source_import(
                path=path,
                source=source,
                reader=FORMAT_READERS[fmt],
                strict=strict,
                rebuild=not options["no_rebuild"],
                progress=progress,
            )
        except WrongSourceFormat as exc:
            raise CommandError(f"{path} : pas au format « {fmt} » : {exc}") from exc
        except ImportRefused as exc:
            raise CommandError(f"{exc}\n{exc.describe()}") from exc
        finally:
            progress.close()
        if report.territory_loaded is not None:
            loaded = report.territory_loaded
            self.stdout.write(
                f"Première utilisation : données territoriales livrées chargées ({loaded.communes} communes, "
                f"dont {loaded.territory_communes} du territoire, {loaded.epcis} EPCI)"
            )
        for error in report.rejected[:200]:
            self.stderr.write(f"{source}, {path.name}, {error}")
        self.stdout.write(
            f"{path.name} (source « {source} ») : {report.rows} lignes, {report.created} nouvelles, "
            f"{report.updated} modifiées, {report.unchanged} inchangées, {report.skipped} ignorées, "
            f"{report.prospects} structures à inviter, {report.gone} disparues de la source"
        )
        if report.census is not None:
            census = report.census
            self.stdout.write(
                f"Recensement : {census.records} fiches sources, {census.places_created} lieux créés, "
                f"{census.places_updated} mis à jour, {census.places_archived} archivés, "
                f"{census.auto_merged_pairs} paires fusionnées automatiquement, "
                f"{census.review_pairs} à examiner"
            )
