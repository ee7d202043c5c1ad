"""`maillage import-events FILE --format openagenda`: write the file's events into the agenda (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage.agenda.services.importing import events_import
from maillage.interop.openagenda.errors import NotAnOpenAgendaFile
from maillage.interop.openagenda.reader import parse_openagenda

FORMATS = ("openagenda",)


class Command(BaseCommand):
    help = (
        "Importe les événements d'un fichier (export OpenAgenda JSON) ; "
        "un nouvel import ne crée pas de doublon."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Chemin du fichier JSON")
        parser.add_argument("--format", choices=FORMATS, default="openagenda", help="Format du fichier")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            parsed = list(parse_openagenda(options["file"]))
        except (NotAnOpenAgendaFile, OSError) as exc:
            raise CommandError(str(exc)) from exc
        faulty = [item for item in parsed if item.record is None]
        for item in faulty:
            for error in item.errors:
                self.stderr.write(f"Ignoré : {error}")
        report = events_import(
            records=[i.record for i in parsed if i.record is not None], source="openagenda"
        )
        for problem in report.errors:
            self.stderr.write(f"Ignoré : {problem}")
        self.stdout.write(
            f"Événements créés : {report.created}, mis à jour : {report.updated}, "
            f"inchangés : {report.unchanged}, "
            f"ignorés : {len(faulty) + len(report.errors)}"
        )
