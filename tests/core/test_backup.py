"""What `maillage backup` / `maillage restore` refuse, and where backups go (service level).

The round trips themselves (backup, change, restore) run the real commands on their own databases:
tests/faults/test_backup_restore.py.
"""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings

from maillage.core import backup
from maillage.core.backup import BackupError, backup_kind, database_backup, database_restore


def _sqlite_file(path: Path, *tables: str) -> Path:
    connection = sqlite3.connect(path)
    for table in tables:
        connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    return path


def test_default_path_is_timestamped_under_var_backups() -> None:
    moment = datetime.datetime(2026, 11, 28, 21, 5, 9, tzinfo=datetime.UTC)
    path = backup.default_backup_path(kind="sqlite", now=moment)
    assert path == Path(settings.VAR_DIR) / "backups" / "maillage-20261128-210509.sqlite3"
    assert backup.default_backup_path(kind="postgresql", now=moment).name == "maillage-20261128-210509.dump"


def test_a_maillage_sqlite_file_and_a_pg_dump_archive_are_recognised(tmp_path: Path) -> None:
    assert backup_kind(_sqlite_file(tmp_path / "b.sqlite3", *backup.MAILLAGE_TABLES)) == "sqlite"
    archive = tmp_path / "b.dump"
    archive.write_bytes(b"PGDMP\x01\x0e\x00")  # made-up: only the magic of pg_dump's custom format
    assert backup_kind(archive) == "postgresql"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id;nom\n1;made-up\n", "n'est pas une sauvegarde de Maillage"),
        (b"", "n'est pas une sauvegarde de Maillage"),
        (b"SQLite format 3\x00" + b"\x00" * 80, "base SQLite"),  # a truncated file
    ],
)
def test_files_that_are_no_backup_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(BackupError, match=message):
        backup_kind(path)


def test_another_applications_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = _sqlite_file(tmp_path / "other.sqlite3", "django_migrations", "auth_user")
    with pytest.raises(BackupError, match=r"pas de Maillage \(tables absentes : \['places_place'"):
        backup_kind(other)


@pytest.mark.django_db
def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path: Path) -> None:
    if backup.database_kind() == "sqlite":
        path = tmp_path / "pg.dump"
        path.write_bytes(b"PGDMP\x01\x0e\x00")  # made-up header
        expected = "sauvegarde PostgreSQL, mais la base configurée est SQLite"
    else:
        path = _sqlite_file(tmp_path / "b.sqlite3", *backup.MAILLAGE_TABLES)
        expected = "sauvegarde SQLite, mais la base configurée est PostgreSQL"
    with pytest.raises(BackupError, match=expected):
        database_restore(path=path)


def test_postgresql_without_client_binaries_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "database_kind", lambda: "postgresql")
    monkeypatch.setattr(backup, "_database", lambda: {"NAME": "maillage", "HOST": "", "PORT": ""})
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump there
    with pytest.raises(BackupError, match="pg_dump est introuvable : installez le client PostgreSQL"):
        database_backup(output=tmp_path / "b.dump")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "b.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="existe déjà"):
        database_backup(output=target)
    assert target.read_bytes() == b"keep me"
