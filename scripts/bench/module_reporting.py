"""Benchmark worker: the annual report with 1,000 logged actions (issue 19), on the DATABASE_URL given
(a temporary SQLite database when none), everything written inside a transaction rolled back at the end.

Prints one JSON line, wall-clock seconds (and the PDF's CPU seconds, the machine may be shared):
regenerating the report (every provider's figures for the year and the year before, actions grouped
per mission), the HTML page, the PDF (with its pages and KB), the DOCX.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import tempfile
import time

TMP = tempfile.mkdtemp(prefix="maillage-reporting-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/reporting.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django
from pdf_pages import pdf_pages

django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from maillage.accounts.models import Structure
from maillage.activity.enums import ActionKind, Audience
from maillage.activity.models import Action
from maillage.reporting.models import Mission
from maillage.reporting.sample import convention_sample_load
from maillage.territories.models import Commune

ACTIONS = 1000
YEAR = datetime.date.today().year  # noqa: DTZ011 - the sample convention covers this year


class Rollback(Exception):
    pass


def _pages(pdf: bytes) -> int:
    return pdf_pages(pdf, TMP)


CPU: dict[str, float] = {}


def _timed(client: Client, method: str, url: str, **data: str) -> tuple[float, bytes]:
    """Wall-clock seconds (and, in CPU, this process's CPU seconds: the machine may be shared)."""
    start, cpu = time.perf_counter(), time.process_time()
    response = getattr(client, method)(url, data, HTTP_HOST="localhost")
    elapsed = time.perf_counter() - start
    CPU[url] = time.process_time() - cpu
    if response.status_code not in (200, 302):
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return elapsed, response.content


def _actions() -> None:
    convention_sample_load()
    missions = list(Mission.objects.filter(convention__is_sample=True).order_by("position"))
    partners = [Structure.objects.create(name=f"Structure fictive de mesure {n}") for n in range(1, 6)]
    communes = list(
        Commune.objects.filter(in_territory=True).order_by("insee_code").values_list("pk", flat=True)[:40]
    )
    kinds, audiences = list(ActionKind.values), list(Audience.values)
    rows = []
    for n in range(ACTIONS):
        day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=n * 364 // ACTIONS)
        rows.append(
            Action(
                title=f"Action fictive de mesure n° {n + 1}", kind=kinds[n % len(kinds)], date_start=day,
                date_end=day, sessions=1 + n % 3, duration_hours=2 + n % 5, participants=5 + n % 30,
                women=n % 7, men=n % 5, audience=audiences[n % len(audiences)],
                commune_id=communes[n % len(communes)] if communes else None,
                narrative="Exemple fictif pour mesurer le temps de génération du bilan.",
            )
        )  # fmt: skip
    created = Action.objects.bulk_create(rows)
    through = Action.missions.through
    through.objects.bulk_create(
        through(action_id=action.pk, mission_id=missions[n % len(missions)].pk)
        for n, action in enumerate(created)
    )
    partner_through = Action.partners.through
    partner_through.objects.bulk_create(
        partner_through(action_id=action.pk, structure_id=partners[n % len(partners)].pk)
        for n, action in enumerate(created)
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    figures: dict[str, object] = {}
    try:
        with transaction.atomic():
            _actions()
            animator = get_user_model().objects.create_user("mesure-bilan@example.org", is_staff=True)
            client = Client()
            client.force_login(animator)
            base = f"/bilan/{YEAR}/"
            _timed(client, "get", base)  # warm-up: templates, fonts below
            regenerate_s, _ = _timed(client, "post", base + "regenerer/", mois="0")
            html_s, html = _timed(client, "get", base)
            pdf_s, pdf = _timed(client, "get", base + "bilan.pdf")
            docx_s, _ = _timed(client, "get", base + "bilan.docx")
            figures = {
                "report_actions": Action.objects.filter(date_start__year=YEAR).count(),
                "report_regenerate_s": round(regenerate_s, 2),
                "report_html_s": round(html_s, 2),
                "report_html_kb": round(len(html) / 1024),
                "report_pdf_s": round(pdf_s, 2),
                "report_pdf_pages": _pages(pdf),
                "report_pdf_kb": round(len(pdf) / 1024),
                "report_pdf_cpu_s": round(CPU[base + "bilan.pdf"], 2),
                "report_docx_s": round(docx_s, 2),
                "_targets": [
                    ["annual report HTML, 1,000 actions <= 2 s", "report_html_s", 2.0, "s", "max"],
                    ["annual report PDF, 1,000 actions <= 20 s", "report_pdf_s", 20.0, "s", "max"],
                ],
            }
            raise Rollback
    except Rollback:
        pass
    print(json.dumps(figures), file=sys.stdout)


if __name__ == "__main__":
    main()
