"""A first use without the demo: `maillage migrate` then `maillage import` of a real source file works.

The database here has every table and no row (pytest-django migrates it, as `maillage migrate` does); the
shipped territory data is loaded by the first import, which says so, instead of refusing every row with
« commune introuvable ».
"""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from maillage.places.models import Place
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db
HINAURA_LOIRE = (
    Path(__file__).resolve().parents[2]
    / "src/maillage/data/sources/hinaura-2022/lieux-mediation-numerique-hinaura-loire-42.json"
)


def test_migrate_then_import_then_export_on_an_empty_database(tmp_path: Path) -> None:
    assert not Commune.objects.exists()
    assert not Place.objects.exists()
    out, err = StringIO(), StringIO()
    call_command("import", str(HINAURA_LOIRE), "--format", "hinaura", stdout=out, stderr=err)
    said = out.getvalue()
    assert "Première utilisation : données territoriales livrées chargées" in said
    assert "commune introuvable" not in err.getvalue()
    assert "81 lignes" in said
    assert "0 ignorées" in said
    shipped = HINAURA_LOIRE.parents[2] / "loire" / "communes_42.csv"
    with shipped.open(encoding="utf-8") as rows:
        loire_communes = sum(1 for _ in csv.DictReader(rows))
    assert Commune.objects.filter(insee_code__startswith="42").count() == loire_communes > 300

    exported = tmp_path / "lieux.json"
    call_command("export", "--format", "mednum-json", "-o", str(exported), stderr=StringIO())
    lieux = json.loads(exported.read_text(encoding="utf-8"))
    assert len(lieux) == 79 == Place.objects.filter(status="published").count()
    assert {lieu["code_insee"][:2] for lieu in lieux} == {"42"}

    again = StringIO()
    call_command("import", str(HINAURA_LOIRE), "--format", "hinaura", stdout=again, stderr=StringIO())
    assert "Première utilisation" not in again.getvalue()  # loaded once
    assert "81 inchangées" in again.getvalue()
