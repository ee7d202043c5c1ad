"""Fixtures for the national standard's interop package (pure Python, no database)."""

from pathlib import Path

import pytest

from maillage.interop.mediation_numerique import ReadResult, read_file

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "mediation_numerique"
HINAURA_LOIRE = DATA_DIR / "lieux-mediation-numerique-hinaura-loire-42.json"
EXEMPLE_VALIDE = DATA_DIR / "exemple-valide.csv"


@pytest.fixture(scope="session")
def hinaura() -> ReadResult:
    """The 81 real Hinaura 2022 places of the Loire (standard v0.1), read and converted to v1."""
    return read_file(HINAURA_LOIRE)
