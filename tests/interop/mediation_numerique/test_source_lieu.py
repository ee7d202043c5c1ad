"""Rows of the standard's own reader carry their validated `Lieu`, so the import does not validate them a
second time: that is only right if validating the written-out `record` again gives the very same `Lieu`.
Checked on the real files of the standard shipped with Maillage (Hinaura 2022, the test files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.interop.mediation_numerique import Lieu
from maillage.interop.mediation_numerique.source import read_source

ROOT = Path(__file__).resolve().parents[3]
HINAURA = ROOT / "src/maillage/data/sources/hinaura-2022"
FILES = [
    HINAURA / "lieux-mediation-numerique-hinaura-auvergne-rhone-alpes.json.gz",
    ROOT / "tests/data/mediation_numerique/exemple-valide.csv",
    ROOT / "tests/data/mediation_numerique/lieux-mediation-numerique-hinaura-loire-42.json",
]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_a_reader_row_carries_the_lieu_its_record_validates_to(path: Path) -> None:
    rows = list(read_source(path))
    valid = [row for row in rows if row.record is not None]
    assert valid, "no valid record in a shipped file"
    for row in rows:
        assert (row.lieu is None) == (row.record is None)
        if row.lieu is not None:
            assert Lieu.model_validate(row.record) == row.lieu, row.row_number
