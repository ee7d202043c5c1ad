"""How long commands show their progress: bars with counts and rates on a terminal, plain lines elsewhere.

A service that takes a while (`source_import`, `census_rebuild`, `demo_load`, the open-data files) is given
a `Progress` and tells it two things: `step` (a sentence: what it starts doing) and `count` (how many of
what it has done, out of how many when it knows). The command chooses what a person sees:
`terminal_progress` draws rich bars on a terminal and writes a plain line at most every few seconds to a
file or a pipe (cron, CI, a supervisor), so a log never fills with redraws.
"""

from __future__ import annotations

import time
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

PLAIN_EVERY_SECONDS = 2.0


def french_number(value: float, decimals: int = 0) -> str:
    """1 234 567 (narrow no-break spaces), 3,5: numbers as a French reader writes them."""
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


class Progress:
    """Tells nothing: what a service is given when nobody watches (tests, the web)."""

    def step(self, message: str) -> None:
        """A new phase begins (« lecture du fichier », « recensement »…)."""

    def count(self, what: str, done: int, total: int | None = None) -> None:
        """`done` of `what` so far (of `total` when known); called often, cheaply."""

    def close(self) -> None:
        """The command ends: draw the last state."""


class _Counter:
    def __init__(self, now: float) -> None:
        self.started = now
        self.done = 0
        self.total: int | None = None
        self.shown_at = 0.0
        self.shown_done = -1

    def rate(self, now: float) -> float:
        elapsed = now - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


class PlainProgress(Progress):
    """One line per step, and a line per count at most every `every` seconds (and its last value)."""

    def __init__(self, stream: IO[str], *, every: float = PLAIN_EVERY_SECONDS, clock: Any = time.monotonic):
        self.stream, self.every, self.clock = stream, every, clock
        self.counters: dict[str, _Counter] = {}

    def step(self, message: str) -> None:
        self._write(message)

    def count(self, what: str, done: int, total: int | None = None) -> None:
        now = self.clock()
        counter = self.counters.setdefault(what, _Counter(now))
        counter.done, counter.total = done, total
        finished = total is not None and done >= total
        if finished or now - counter.shown_at >= self.every:
            self._show(what, counter, now)

    def close(self) -> None:
        now = self.clock()
        for what, counter in self.counters.items():
            if counter.shown_done != counter.done:
                self._show(what, counter, now)

    def _show(self, what: str, counter: _Counter, now: float) -> None:
        of = f" / {french_number(counter.total)}" if counter.total is not None else ""
        speed = counter.rate(now)
        rate = f" ({french_number(speed, 1 if speed < 10 else 0)}/s)" if now > counter.started else ""
        self._write(f"{what} : {french_number(counter.done)}{of}{rate}")
        counter.shown_at, counter.shown_done = now, counter.done

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


class _RateColumn(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Any) -> Any:
        speed = task.finished_speed or task.speed
        return super().render(task) if speed is None else f"{french_number(speed)}/s"


class BarProgress(Progress):
    """rich bars on a terminal: one per count (what, bar, done/total, rate, time), steps printed above."""

    def __init__(self, stream: IO[str]) -> None:
        self.console = Console(file=stream, force_terminal=True)
        self.bars = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self.tasks: dict[str, TaskID] = {}
        self.bars.start()

    def step(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False)

    def count(self, what: str, done: int, total: int | None = None) -> None:
        task = self.tasks.get(what)
        if task is None:
            task = self.tasks[what] = self.bars.add_task(what, total=total)
        self.bars.update(task, completed=done, total=total)

    def close(self) -> None:
        self.bars.stop()


def terminal_progress(stream: IO[str], *, quiet: bool = False) -> Progress:
    """Bars when `stream` is a terminal, plain lines otherwise, nothing when `quiet` (`-v 0`)."""
    if quiet:
        return Progress()
    isatty = getattr(stream, "isatty", None)
    return BarProgress(stream) if isatty is not None and isatty() else PlainProgress(stream)


class StepsElsewhere(Progress):
    """Steps written to `stream` (flushed at once: a supervisor may be watching), counts to `inner`."""

    def __init__(self, stream: IO[str], inner: Progress) -> None:
        self.stream, self.inner = stream, inner

    def step(self, message: str) -> None:
        self.stream.write(message + "\n")
        self.stream.flush()

    def count(self, what: str, done: int, total: int | None = None) -> None:
        self.inner.count(what, done, total)

    def close(self) -> None:
        self.inner.close()


def command_progress(stdout: Any, stderr: Any, verbosity: int) -> Progress:
    """What a management command shows: bars or lines on its stderr (its stdout keeps the summary), none
    at `-v 0`; at `-v 2` the steps go to stdout as they happen (what a supervisor reads)."""
    raw = getattr(stderr, "_out", stderr)  # Django's OutputWrapper adds a newline to every write
    shown = terminal_progress(raw, quiet=verbosity == 0)
    return StepsElsewhere(getattr(stdout, "_out", stdout), shown) if verbosity >= 2 else shown
