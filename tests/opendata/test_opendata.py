"""Open data files of the census (`/donnees/`), on the real Loire places."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from maillage.interop.data_inclusion import SERVICE_SCHEMA_PATH, STRUCTURE_SCHEMA_PATH
from maillage.interop.mediation_numerique import FIELD_ORDER, SCHEMA_PATH
from maillage.opendata.catalogue import name_stem
from maillage.opendata.selectors import stored_path
from maillage.opendata.services import opendata_regenerate
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from tests.places.test_import_export import frictionless_validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings: object, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.fixture
def census(loire_census: None, var_dir: Path) -> dict[str, Place]:
    """The real places, one turned back into a draft, one with its contact reserved to professionals."""
    places = list(Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(phone="").order_by("name"))
    draft, private = places[0], places[1]
    draft.status = PlaceStatus.DRAFT
    draft.save()
    private.contact_private = True
    private.emails = ["contact@exemple.fr"]
    private.save()
    return {"draft": draft, "private": private}


def _text(key: str, encoding: str = "utf-8") -> str:
    return stored_path(key).read_text(encoding=encoding)


def test_standard_csv_validates_with_frictionless(census: dict[str, Place], tmp_path: Path) -> None:
    manifest, written = opendata_regenerate()
    assert written
    folder = tmp_path / "check"
    folder.mkdir()
    shutil.copy(SCHEMA_PATH, folder / "schema.json")
    shutil.copy(stored_path("lieux-csv"), folder / "lieux.csv")
    assert frictionless_validate(folder, "lieux.csv") == ""
    published = Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
    assert {entry.key: entry.count for entry in manifest.files}["lieux-csv"] == published


def test_data_inclusion_files_validate_against_reference_schemas(census: dict[str, Place]) -> None:
    opendata_regenerate()
    for key, schema_path in [
        ("structures-data-inclusion", STRUCTURE_SCHEMA_PATH),
        ("services-data-inclusion", SERVICE_SCHEMA_PATH),
    ]:
        schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
        records = json.loads(_text(key))
        assert records
        validator = jsonschema.Draft202012Validator(schema)
        errors = [error.message for record in records for error in validator.iter_errors(record)]
        assert errors == []


def test_spreadsheet_csv_has_bom_and_semicolons(census: dict[str, Place]) -> None:
    opendata_regenerate()
    raw = stored_path("lieux-excel").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(FIELD_ORDER)
    assert len(rows) - 1 == Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
    standard = list(csv.reader(io.StringIO(_text("lieux-csv"))))
    assert rows == standard


def test_drafts_and_private_contacts_never_appear(census: dict[str, Place]) -> None:
    opendata_regenerate()
    draft, private = census["draft"], census["private"]
    for key in ("lieux-csv", "lieux-json", "lieux-geojson", "lieux-excel", "structures-data-inclusion"):
        text = _text(key, "utf-8-sig")
        assert str(draft.pk) not in text, key
        assert str(private.pk) in text, key
        assert private.phone not in text, key
        assert "contact@exemple.fr" not in text, key
    record = next(r for r in json.loads(_text("lieux-json")) if r["id"] == str(private.pk))
    assert (record["telephone"], record["courriels"]) == (None, [])


def test_regenerated_only_when_the_census_changed(census: dict[str, Place]) -> None:
    first, written = opendata_regenerate()
    assert written
    again, written = opendata_regenerate()
    assert (written, again) == (False, first)
    census["draft"].status = PlaceStatus.PUBLISHED
    census["draft"].save()
    changed, written = opendata_regenerate()
    assert written
    assert changed.entry("lieux-csv").count == first.entry("lieux-csv").count + 1  # type: ignore[union-attr]
    stored_path("lieux-json").unlink()  # a missing file is written again
    assert opendata_regenerate()[1]


def test_command_regenerates_once(census: dict[str, Place], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("opendata")
    assert "lieux-de-mediation-numerique_Loire.csv" in capsys.readouterr().err
    call_command("opendata")
    assert "inchangé" in capsys.readouterr().err


def test_page_lists_files_and_downloads_them(census: dict[str, Place], client: Client) -> None:
    response = client.get(reverse("opendata:opendata-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "etalab-2.0" in html
    assert "Standard des lieux de médiation numérique v1.0.2" in html
    assert "data·inclusion v1.0.8" in html
    response = client.get(reverse("opendata:opendata-download", args=["lieux-csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "_maillage_lieux-de-mediation-numerique_Loire.csv" in disposition
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body.decode().splitlines()[0] == ",".join(FIELD_ORDER)
    response = client.get(reverse("opendata:opendata-download", args=["lieux-geojson"]))
    assert response["Content-Type"] == "application/geo+json"
    response.close()
    assert client.get(reverse("opendata:opendata-download", args=["inconnu"])).status_code == 404


def test_standard_file_name() -> None:
    day = datetime.date(2025, 3, 1)
    assert (
        name_stem(date=day, producer_id="13002526500013", territory="Saint-Étienne Métropole")
        == "2025-03-01_13002526500013_lieux-de-mediation-numerique_SaintEtienneMetropole"
    )
    assert name_stem(date=day, producer_id="maillage", territory="Loire") == (
        "2025-03-01_maillage_lieux-de-mediation-numerique_Loire"
    )
