"""`maillage openapi [-o docs/openapi.json]`: the API's OpenAPI document, as committed in docs/."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.home.openapi import openapi_document


class Command(BaseCommand):
    help = "Écrit le document OpenAPI de l'API (par défaut sur la sortie standard)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        text = json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if options["output"] is None:
            sys.stdout.write(text)
        else:
            options["output"].write_text(text, encoding="utf-8")
