"""`maillage export --format mednum-csv|mednum-json|geojson -o FILE`: the published census."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.census.exports import EXPORT_FORMATS, places_export


class Command(BaseCommand):
    help = "Exporte les lieux publiés au Standard des lieux de médiation numérique v1.0.2."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=EXPORT_FORMATS)
        parser.add_argument(
            "-o", "--output", type=Path, default=None, help="fichier à écrire (défaut : sortie)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path | None = options["output"]
        if output is None:
            places_export(fmt=options["format"], stream=sys.stdout)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as stream:
            count = places_export(fmt=options["format"], stream=stream)
        partial.replace(output)  # never leave a half-written file under the real name
        what = "fiches sources" if options["format"] == "provenance-csv" else "lieux"
        self.stderr.write(f"{count} {what} écrits dans {output}")
