"""Progress of long commands: plain lines off a terminal (throttled), rich bars on one, nothing at -v 0."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from maillage.core.progress import BarProgress, PlainProgress, Progress, command_progress, terminal_progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_are_throttled_and_end_with_the_last_count() -> None:
    out, clock = io.StringIO(), Clock()
    progress = PlainProgress(out, every=2.0, clock=clock)
    progress.step("lecture du fichier…")
    for done in range(1, 1001):
        clock.now += 0.01  # 1,000 rows in 10 s: a line every 2 s, not 1,000 lines
        progress.count("lignes lues", done)
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "lecture du fichier…"
    counts = [line for line in lines if line.startswith("lignes lues")]
    assert 4 <= len(counts) <= 7
    assert counts[-1] == "lignes lues : 1\u202f000 (100/s)"  # the last value, its rate, French digits


def test_a_known_total_is_shown_and_its_end_always_printed() -> None:
    out, clock = io.StringIO(), Clock()
    progress = PlainProgress(out, every=60.0, clock=clock)
    progress.count("fichiers écrits", 0, 3)
    clock.now += 1
    progress.count("fichiers écrits", 1, 3)  # within the minute: not shown
    clock.now += 1
    progress.count("fichiers écrits", 3, 3)  # finished: shown at once
    assert out.getvalue().splitlines() == ["fichiers écrits : 0 / 3", "fichiers écrits : 3 / 3 (1,5/s)"]


def test_bars_on_a_terminal_show_what_how_many_and_the_rate() -> None:
    out = io.StringIO()
    progress = BarProgress(out)
    progress.step("recensement…")
    progress.count("paires évaluées", 500, 2000)
    progress.count("paires évaluées", 2000, 2000)
    progress.close()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "recensement…" in text
    assert "paires évaluées" in text
    assert "2000/2000" in text


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_stream_decides_bars_or_lines_and_v0_silences() -> None:
    assert isinstance(terminal_progress(io.StringIO()), PlainProgress)
    bars = terminal_progress(Tty())
    assert isinstance(bars, BarProgress)
    bars.close()
    silent = command_progress(io.StringIO(), io.StringIO(), 0)
    assert type(silent) is Progress


@pytest.mark.django_db
def test_maillage_import_shows_its_progress_on_stderr(loire: None) -> None:
    source = Path(__file__).resolve().parents[1] / "data/mediation_numerique"
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import", str(source / "lieux-mediation-numerique-hinaura-loire-42.json"), stdout=out, stderr=err
    )
    said = err.getvalue()
    assert "lecture de lieux-mediation-numerique-hinaura-loire-42.json…" in said
    assert re.search(r"^lignes lues : 81 / 81", said, re.M)
    assert re.search(r"^paires évaluées : \d+ / \d+", said, re.M)
    assert "lignes lues" not in out.getvalue()  # stdout keeps the summary only
    assert "81 lignes" in out.getvalue()
