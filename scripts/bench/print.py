"""Benchmark worker: printed documents (WeasyPrint) on the Loire demo census, in its own SQLite database.

Prints one JSON line: one place's card render time (ms, median of 5), the Loire booklet (every published
place) render time (s, wall clock, and the process's CPU time: on a shared machine the wall clock also counts
the other processes), its page count and size (KB), and issue 18's target (booklet <= 8 s). Set
PRINT_OUT=dir to keep the two PDFs.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="maillage-print-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/print.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django
from pdf_pages import pdf_pages

django.setup()

from django.core.management import call_command
from django.utils import timezone

from maillage.home.demo import demo_load
from maillage.places.selectors import places_published
from maillage.publishing.forms import PlaceSearchForm
from maillage.publishing.printing import booklet_pdf, card_pdf


def _pages(pdf: bytes) -> int:
    return pdf_pages(pdf, TMP)


def main() -> None:
    call_command("migrate", verbosity=0)
    demo_load(with_france=False)
    now = timezone.now()
    place = places_published().select_related("commune__epci").order_by("name").first()
    if place is None:
        raise SystemExit("the demo census has no published place")
    card_pdf(place, now)  # warm-up: fonts, templates, cached outlines
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        card = card_pdf(place, now)
        timings.append((time.perf_counter() - start) * 1000)
    form = PlaceSearchForm({})
    start, cpu_start = time.perf_counter(), time.process_time()
    booklet = booklet_pdf(
        form.search_filters(now=now), now, selection=form.selection_lines(), errors=form.error_list()
    )
    booklet_s, booklet_cpu_s = time.perf_counter() - start, time.process_time() - cpu_start
    out = os.environ.get("PRINT_OUT")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        Path(out, "card.pdf").write_bytes(card)
        Path(out, "booklet.pdf").write_bytes(booklet)
    figures = {
        "print_card_ms": round(statistics.median(timings), 1),
        "print_card_pages": _pages(card),
        "print_booklet_places": places_published().count(),
        "print_booklet_s": round(booklet_s, 2),
        "print_booklet_cpu_s": round(booklet_cpu_s, 2),
        "print_booklet_pages": _pages(booklet),
        "print_booklet_kb": round(len(booklet) / 1024),
        "_targets": [["Loire booklet <= 8 s", "print_booklet_s", 8.0, "s", "max"]],
    }
    print(json.dumps(figures), file=sys.stdout)


if __name__ == "__main__":
    main()
