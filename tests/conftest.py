"""Fixtures shared by the whole suite: real Loire data loaded into the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.places.services import places_import_file
from maillage.territories.services import territories_load

DATA_DIR = Path(__file__).resolve().parent / "data"
HINAURA_LOIRE = DATA_DIR / "mediation_numerique" / "lieux-mediation-numerique-hinaura-loire-42.json"


@pytest.fixture
def loire(db: None) -> None:
    """The Loire's communes, EPCI and outline (no other French commune, for speed)."""
    territories_load(with_france=False)


@pytest.fixture
def loire_census(loire: None) -> None:
    """The Loire plus the 81 real Hinaura 2022 places, published."""
    places_import_file(path=HINAURA_LOIRE, source="hinaura")
