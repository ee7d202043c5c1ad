"""`maillage freshness [--dry-run]`: e-mail stale places' contacts a signed link to check their card.

Cron (every Monday at 7:00): 0 7 * * 1  cd /srv/maillage && .venv/bin/maillage freshness
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.contributions.services.freshness import freshness_remind


class Command(BaseCommand):
    help = (
        "Envoie au contact de chaque fiche à vérifier (ni vérifiée ni mise à jour depuis "
        "MAILLAGE_FRESHNESS_MONTHS mois) un lien signé, valable MAILLAGE_FRESHNESS_LINK_DAYS jours, pour la "
        "confirmer ou la corriger sans compte ; une seule relance par lieu pendant cette durée. Cron "
        "conseillé, chaque lundi à 7 h : « 0 7 * * 1  cd /srv/maillage && .venv/bin/maillage freshness »."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="affiche ce qui serait envoyé, sans envoyer"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        report = freshness_remind(dry_run=dry_run)
        verb = "enverrait" if dry_run else "envoyé"
        for place, email in report.sent:
            self.stdout.write(f"{verb} à {email} : {place.name} ({place.commune_name})")
        for place in report.by_phone:
            phone = place.phone or "pas de téléphone"
            self.stdout.write(f"à relancer par téléphone : {place.name} ({place.commune_name}), {phone}")
        for place, error in report.failed:
            self.stderr.write(f"échec de l'envoi pour {place.name} : {error}")
        self.stdout.write(
            f"{report.stale} fiche(s) à vérifier : {len(report.sent)} courriel(s) "
            f"{'à envoyer' if dry_run else 'envoyé(s)'}, {len(report.already_reminded)} déjà relancée(s), "
            f"{len(report.by_phone)} à relancer par téléphone."
        )
