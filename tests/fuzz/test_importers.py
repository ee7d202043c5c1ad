"""Importers against damaged files: never a crash, never a partial write, always a row/field error.

Every format of `maillage import --format` reads mutated real rows (tests/fuzz/source_files.py). The
only exceptions allowed are the documented ones: `WrongSourceFormat` (the file is refused whole, with a
French message) and, through the import service, `ImportRefused` (strict: each error names the record
and the field). When the service refuses a file, the database is exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.census.formats import FORMAT_READERS
from maillage.census.services import ImportRefused, source_import
from maillage.interop.mediation_numerique.errors import FieldError
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from maillage.places.models import Place, SourceRecord
from maillage.territories.selectors import CommuneIndex
from tests.fuzz.budget import FUZZ_DIR, examples, record
from tests.fuzz.source_files import REAL_FILES, mutated_file, sample

FORMATS = sorted(REAL_FILES)


def test_every_import_format_is_fuzzed() -> None:
    assert set(FORMATS) == set(FORMAT_READERS)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="maillage-fuzz-") as folder:
        yield Path(folder)


def keep_failure(path: Path, data: bytes) -> None:
    """Keep a file that crashed a reader in var/fuzz/failures/ (named in the output), to reproduce it."""
    folder = FUZZ_DIR / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{hashlib.sha256(data).hexdigest()[:12]}-{path.name}"
    kept.write_bytes(data)
    print(f"file that crashed the reader kept in {kept}")


def _assert_named(error: FieldError) -> None:
    assert error.row >= 1, error
    assert error.field.strip(), error
    assert error.message.strip(), error
    assert f"enregistrement {error.row}" in str(error)
    assert f"« {error.field} »" in str(error)


def _check_rows(rows: list[SourceRow]) -> None:
    for row in rows:
        json.dumps(row.raw)  # stored as JSON
        json.dumps(row.attributes)
        if row.record is None:
            assert row.problems, f"row {row.row_number} does not map and says not why"
        for problem in row.problems:
            _assert_named(problem)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_never_crashes_on_a_damaged_file(fmt: str, scratch: Path) -> None:
    outcomes: Counter[str] = Counter()
    path = scratch / f"reader-{fmt}{sample(fmt).suffix}"

    @settings(
        max_examples=examples(smoke=15, full=600),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(data=mutated_file(fmt))
    def read(data: bytes) -> None:
        path.write_bytes(data)
        refusal: WrongSourceFormat | None = None
        try:
            rows = list(FORMAT_READERS[fmt](path))
        except WrongSourceFormat as refused:
            refusal = refused
        except Exception:
            keep_failure(path, data)
            raise
        if refusal is not None:
            assert str(refusal).strip()
            outcomes["refused"] += 1
            return
        _check_rows(rows)
        outcomes["read"] += 1

    read()
    record(
        f"hypothesis-reader-{fmt}",
        kind="hypothesis",
        property=f"reader {fmt}",
        examples=sum(outcomes.values()),
        outcomes=dict(outcomes),
    )


def _counts() -> tuple[int, int, int]:
    return (
        SourceRecord.objects.count(),
        Place.objects.count(),
        hash(tuple(SourceRecord.objects.values_list("fingerprint", flat=True).order_by("pk"))),
    )


@pytest.mark.django_db
def test_the_import_service_refuses_whole_or_writes_whole(loire: None, scratch: Path) -> None:
    communes = CommuneIndex.load()
    outcomes: Counter[str] = Counter()

    @settings(
        max_examples=examples(smoke=12, full=400),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(fmt=st.sampled_from(FORMATS), strict=st.booleans(), rebuild=st.booleans(), data=st.data())
    def run(fmt: str, strict: bool, rebuild: bool, data: st.DataObject) -> None:
        path = scratch / f"service-{fmt}{sample(fmt).suffix}"
        path.write_bytes(data.draw(mutated_file(fmt)))
        before = _counts()
        refusal: ImportRefused | WrongSourceFormat | None = None
        try:
            report = source_import(
                path=path,
                source=fmt,
                reader=FORMAT_READERS[fmt],
                strict=strict,
                rebuild=rebuild,
                communes=communes,
            )
        except (ImportRefused, WrongSourceFormat) as refused:
            refusal = refused
        except Exception:
            keep_failure(path, path.read_bytes())
            raise
        if refusal is not None:
            assert _counts() == before, f"a refused file wrote something: {refusal}"
            assert str(refusal).strip()
            if isinstance(refusal, ImportRefused):
                assert strict
                assert refusal.errors
                for error in refusal.errors:
                    _assert_named(error)
            outcomes["refused (strict)" if isinstance(refusal, ImportRefused) else "wrong format"] += 1
            return
        assert not (strict and report.rejected)
        for error in report.rejected:
            _assert_named(error)
        stored = SourceRecord.objects.filter(source=fmt).count()
        assert stored >= report.created
        outcomes["imported"] += 1

    run()
    record(
        "hypothesis-import-service",
        kind="hypothesis",
        property="import service (all formats)",
        examples=sum(outcomes.values()),
        outcomes=dict(outcomes),
    )
