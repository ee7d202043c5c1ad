"""Fixtures shared by the whole suite: real Loire data loaded into the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.census.services import ImportReport, source_import
from maillage.interop.mediation_numerique.source import read_source
from maillage.territories.services import territories_load

DATA_DIR = Path(__file__).resolve().parent / "data"
HINAURA_LOIRE = DATA_DIR / "mediation_numerique" / "lieux-mediation-numerique-hinaura-loire-42.json"


def import_mednum(path: Path, source: str = "hinaura", *, strict: bool = True) -> ImportReport:
    """Import a national-standard file as `maillage import --format mednum` does (strict by default)."""
    return source_import(path=path, source=source, reader=read_source, strict=strict)


@pytest.fixture
def loire(db: None) -> None:
    """The Loire's communes, EPCI and outline (no other French commune, for speed)."""
    territories_load(with_france=False)


@pytest.fixture
def loire_census(loire: None) -> None:
    """The Loire plus the 81 real Hinaura 2022 places, published."""
    import_mednum(HINAURA_LOIRE)
