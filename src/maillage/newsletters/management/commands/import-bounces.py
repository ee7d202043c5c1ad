"""`maillage import-bounces FILE.mbox`: hard bounces and complaints end the subscriptions of the address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage.interop.bounces.reader import read_mbox
from maillage.newsletters.enums import EndReason
from maillage.newsletters.services.subscriptions import addresses_end


class Command(BaseCommand):
    help = (
        "Lit une boîte mbox de rapports de non-remise (DSN) et de plaintes (ARF) et désabonne ces adresses."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Chemin du fichier mbox (ou d'un message .eml)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} : fichier introuvable.")
        found = list(read_mbox(path))
        bounces = {b.address for b in found if b.kind == "bounce"}
        complaints = {b.address for b in found if b.kind == "complaint"}
        ended = addresses_end(addresses=bounces, reason=EndReason.BOUNCE)
        ended += addresses_end(addresses=complaints - bounces, reason=EndReason.COMPLAINT)
        self.stdout.write(
            f"{len(bounces)} adresse(s) en échec définitif, {len(complaints)} plainte(s) ; "
            f"{ended} abonnement(s) arrêté(s)."
        )
