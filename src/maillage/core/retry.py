"""One transaction tried again while SQLite refuses a writer ("database is locked" / "table is locked").

SQLite may refuse a second writer at once (in shared-cache mode, as the test database is, or after the
busy timeout). Services whose transaction starts by taking a write lock run through `sqlite_retried`:
the whole transaction is tried again, a few times, with jitter. On PostgreSQL, and inside an outer
transaction, `work` runs once (the row lock waits by itself).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

SQLITE_RETRY_SECONDS = 10.0  # like a busy timeout: how long a writer waits for SQLite's lock
T = TypeVar("T")


def sqlite_retried(work: Callable[[], T]) -> T:
    """Run `work` (one transaction); on SQLite, try again while the database is locked by a writer."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return work()
    deadline = time.monotonic() + SQLITE_RETRY_SECONDS
    while True:
        try:
            return work()
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))  # noqa: S311 (jitter, not a secret)
