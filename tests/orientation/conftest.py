"""The real Loire census (every demo source, ~160 places), as the orientation flow sees it."""

from __future__ import annotations

import pytest

from maillage.home.demo import demo_load


@pytest.fixture
def census(db: None) -> None:
    demo_load(with_france=False)
