"""The real Loire census (every demo source, ~160 places), as the orientation flow sees it."""

from __future__ import annotations

import pytest


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes (restored from the suite's snapshot)."""
