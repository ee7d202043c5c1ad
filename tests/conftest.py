"""Fixtures shared by the whole suite: real Loire data loaded into the test database.

The data sets are built once per test process (`tests/db_snapshot.py`) and restored into each test that
asks for them: the same rows as building them again, in a few milliseconds instead of a second.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from maillage.census.services import ImportReport, source_import
from maillage.home.demo import demo_load
from maillage.interop.mediation_numerique.source import read_source
from maillage.places.search_index import search_index_forget
from maillage.territories.services import territories_load
from tests import db_snapshot
from tests.db_snapshot import Snapshot

DATA_DIR = Path(__file__).resolve().parent / "data"
HINAURA_LOIRE = DATA_DIR / "mediation_numerique" / "lieux-mediation-numerique-hinaura-loire-42.json"


def import_mednum(path: Path, source: str = "hinaura", *, strict: bool = True) -> ImportReport:
    """Import a national-standard file as `maillage import --format mednum` does (strict by default)."""
    return source_import(path=path, source=source, reader=read_source, strict=strict)


@pytest.fixture(autouse=True)
def _fresh_search_index() -> None:
    """Each test starts with no search index: a restored snapshot or a flushed database sends no signal."""
    search_index_forget(places=True)


@pytest.fixture(scope="session")
def loire_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    with django_db_blocker.unblock():
        return db_snapshot.take(lambda: territories_load(with_france=False))


@pytest.fixture(scope="session")
def loire_census_snapshot(loire_snapshot: Snapshot, django_db_blocker: Any) -> Snapshot:
    with django_db_blocker.unblock():
        return db_snapshot.take(lambda: import_mednum(HINAURA_LOIRE), under=[loire_snapshot])


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    with django_db_blocker.unblock():
        return db_snapshot.take(lambda: demo_load(with_france=False))


@pytest.fixture
def loire(db: None, loire_snapshot: Snapshot) -> None:
    """The Loire's communes, EPCI and outline (no other French commune, for speed)."""
    db_snapshot.restore(loire_snapshot)


@pytest.fixture
def loire_census(loire: None, loire_census_snapshot: Snapshot) -> None:
    """The Loire plus the 81 real Hinaura 2022 places, published."""
    db_snapshot.restore(loire_census_snapshot)


@pytest.fixture
def demo_census(db: None, demo_snapshot: Snapshot) -> list[str]:
    """What `demo_load(with_france=False)` writes (the Loire and every real source of its census, ~160
    places); returns its summary lines."""
    result: list[str] = db_snapshot.restore(demo_snapshot)
    return result


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if terminalreporter.config.option.verbose > 0 and any(db_snapshot.COUNTS.values()):
        counts = db_snapshot.COUNTS
        terminalreporter.write_line(
            f"data set snapshots: {counts['built']} built, {counts['restored']} restored, "
            f"{counts['rebuilt']} rebuilt for real"
        )


# --- The PostgreSQL pass runs what depends on the database --------------------------------------------

DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}
# Modules whose tests read the database's configuration or drive a database of their own (not through a
# fixture): they run in both passes.
BACKEND_SPECIFIC = (
    "tests/faults/",
    "tests/test_deploy_check.py",
    "tests/core/test_settings.py",
    "tests/core/test_backup.py",
)


def uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    path = Path(str(item.fspath)).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()
    return path.startswith(BACKEND_SPECIFIC)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With MAILLAGE_DATABASE_TESTS_ONLY=1 (the second pass of `make test`), tests that never touch the
    database are deselected: they ran, unchanged, in the first pass; running them again on another
    database would measure nothing new."""
    if os.environ.get("MAILLAGE_DATABASE_TESTS_ONLY") != "1":
        return
    kept = [item for item in items if uses_database(item)]
    left = [item for item in items if not uses_database(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
