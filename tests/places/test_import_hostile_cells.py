"""Cells no database can store are handled before writing, on SQLite and PostgreSQL alike (found by
tests/fuzz on PostgreSQL): NUL characters are dropped, an identifier longer than 200 characters leaves its
row out with an error naming it. The rows are real Hinaura Loire records with those cells damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maillage.places.models import Place, SourceRecord
from tests.conftest import HINAURA_LOIRE, import_mednum

pytestmark = pytest.mark.django_db


def test_nul_characters_are_dropped_and_overlong_ids_refused(loire: None, tmp_path: Path) -> None:
    records = json.loads(HINAURA_LOIRE.read_text(encoding="utf-8"))
    name = records[0]["nom"]
    records[0]["nom"] = name[:3] + "\x00" + name[3:]
    records[0]["commentaire_inconnu"] = "\x00"
    records[1]["id"] = "x" * 300
    path = tmp_path / "hinaura-abime.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    report = import_mednum(path, strict=False)

    too_long = [error for error in report.rejected if error.field == "id"]
    assert len(too_long) == 1
    assert too_long[0].row == 2
    assert "300 caractères" in too_long[0].message
    assert not SourceRecord.objects.filter(source_id__startswith="xxx").exists()
    stored = SourceRecord.objects.get(source="hinaura", source_id=str(records[0]["id"]))
    assert "\x00" not in json.dumps(stored.raw)
    assert stored.raw["nom"] == name
    assert Place.objects.filter(name=name).exists()
