"""`maillage digest`: e-mail the animators the contributions received the day before (once per day)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from maillage.contributions.services.contributions import (
    contributions_daily_digest,
    contributions_digest_send,
    digest_recipients,
)

STAMP = "digest-last-day.txt"  # under MAILLAGE_VAR_DIR: the last day whose digest was sent


class Command(BaseCommand):
    help = (
        "Envoie aux animateurs le résumé des contributions reçues la veille (de minuit à minuit). "
        "Un second passage le même jour n'envoie rien (--force pour renvoyer) ; --since choisit un début."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since", help="début de la période (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM), jusqu'à maintenant"
        )
        parser.add_argument("--force", action="store_true", help="renvoyer le résumé de la veille")
        parser.add_argument("--dry-run", action="store_true", help="afficher sans envoyer (avec --since)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["since"]:
            try:
                since = datetime.datetime.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError(f"--since : date illisible ({options['since']})") from error
            since = timezone.make_aware(since) if timezone.is_naive(since) else since
            digest = contributions_digest_send(
                since=since, until=timezone.now(), recipients=digest_recipients(), dry_run=options["dry_run"]
            )
        else:
            yesterday = timezone.localdate() - datetime.timedelta(days=1)
            digest = contributions_daily_digest(
                day=yesterday, stamp=settings.VAR_DIR / STAMP, force=options["force"]
            )
        self.stdout.write(
            f"{len(digest.contributions)} contribution(s) sur la période, {digest.pending} en attente."
        )
        if digest.sent:
            self.stdout.write(f"Résumé envoyé à : {', '.join(digest.recipients)}")
        elif digest.note:
            self.stdout.write(digest.note)
