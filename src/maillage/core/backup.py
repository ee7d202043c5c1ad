"""Backing up and restoring the whole database: `maillage backup` and `maillage restore`.

SQLite: Python's online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot page by
page while the site keeps serving, and the same API writes a backup back into the live file (other
processes see the restored data at their next transaction). PostgreSQL: `pg_dump -Fc` and
`pg_restore --clean --if-exists --single-transaction` (the client binaries must be installed; the
restore applies whole or not at all). A file is checked before anything is replaced: a backup of the
other kind of database, or a file that is no Maillage backup, is refused with the reason.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Tables a Maillage database always has (a backup without them is some other application's database).
MAILLAGE_TABLES = ("django_migrations", "places_place", "territories_commune")
PG_CLIENT_HELP = (
    "installez le client PostgreSQL (paquet Debian « postgresql-client »), de la même version majeure "
    "que le serveur ou plus récente"
)


class BackupError(Exception):
    """The backup or restore could not be done; the message says why, in French, for the operator."""


def _database() -> dict[str, Any]:
    settings_dict: dict[str, Any] = connections["default"].settings_dict
    return settings_dict


def database_kind() -> str:
    """`sqlite` or `postgresql`: the kind of the configured database (anything else is refused)."""
    engine = _database()["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"sauvegarde impossible : moteur de base de données non pris en charge ({engine})")


def default_backup_path(*, kind: str, now: datetime.datetime | None = None) -> Path:
    """`var/backups/maillage-YYYYMMDD-HHMMSS.sqlite3` (or `.dump` for PostgreSQL), in UTC."""
    moment = now or datetime.datetime.now(tz=datetime.UTC)
    suffix = ".sqlite3" if kind == "sqlite" else ".dump"
    return Path(settings.VAR_DIR) / "backups" / f"maillage-{moment:%Y%m%d-%H%M%S}{suffix}"


def database_backup(*, output: Path | None = None) -> Path:
    """Write a backup of the configured database to `output` (default: under var/backups/)."""
    kind = database_kind()
    target = output or default_backup_path(kind=kind)
    if target.exists():
        raise BackupError(f"{target} existe déjà : choisissez un autre fichier")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if kind == "sqlite":
            _sqlite_copy(Path(_database()["NAME"]), partial, standalone=True)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", *_pg_target()])
        backup_kind(partial)  # what was written reads back as a Maillage backup
        partial.chmod(0o600)  # people's names and e-mail addresses: readable by the owner only
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_kind(path: Path) -> str:
    """`sqlite` or `postgresql` when `path` is a Maillage backup; BackupError saying why it is not."""
    if not path.is_file():
        raise BackupError(f"{path} : fichier introuvable")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    if head != SQLITE_MAGIC:
        raise BackupError(
            f"{path} n'est pas une sauvegarde de Maillage (ni base SQLite, ni archive pg_dump -Fc)"
        )
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} : base SQLite illisible ({exc})") from exc
    finally:
        connection.close()
    if check != ("ok",):
        raise BackupError(f"{path} : base SQLite endommagée ({check[0] if check else '?'})")
    missing = [name for name in MAILLAGE_TABLES if name not in tables]
    if missing:
        raise BackupError(f"{path} est une base SQLite, mais pas de Maillage (tables absentes : {missing})")
    return "sqlite"


def database_restore(*, path: Path) -> str:
    """Replace the configured database's content by the backup at `path`. Return the backup's kind."""
    kind = database_kind()
    found = backup_kind(path)
    if found != kind:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"{path} est une sauvegarde {names[found]}, mais la base configurée est {names[kind]} : "
            "restaurez-la dans une base du même type (les données passent d'un type à l'autre avec "
            "« maillage dumpdata » / « loaddata »)"
        )
    connections.close_all()  # this process keeps no transaction open on what is being replaced
    if kind == "sqlite":
        _sqlite_copy(path, Path(_database()["NAME"]))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *_pg_target(dbname_option=True),
                str(path),
            ]
        )
    return kind


def _sqlite_copy(source: Path, target: Path, *, standalone: bool = False) -> None:
    """A consistent copy with SQLite's online backup API (readers and writers may be at work).

    A `standalone` copy (a backup file) leaves WAL mode: one self-contained file, no -wal/-shm beside it.
    """
    timeout = float(_database().get("OPTIONS", {}).get("timeout", 20))
    src = sqlite3.connect(source, timeout=timeout)
    dst = sqlite3.connect(target, timeout=timeout)
    try:
        src.backup(dst, pages=1024)
        if standalone:
            dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"copie SQLite de {source} vers {target} impossible : {exc}") from exc
    finally:
        dst.close()
        src.close()


def _pg_target(*, dbname_option: bool = False) -> list[str]:
    database = _database()
    args = []
    if database.get("HOST"):
        args.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        args.append(f"--port={database['PORT']}")
    if database.get("USER"):
        args.append(f"--username={database['USER']}")
    args.append("--no-password")  # never wait for a password on a terminal: PGPASSWORD or ~/.pgpass
    args.append(f"--dbname={database['NAME']}" if dbname_option else database["NAME"])
    return args


def _run(command: list[str]) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} est introuvable : {PG_CLIENT_HELP}")
    env = dict(os.environ)
    if _database().get("PASSWORD"):
        env["PGPASSWORD"] = _database()["PASSWORD"]
    result = subprocess.run(  # noqa: S603 (fixed program, arguments from the settings)
        [program, *command[1:]], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué (code {result.returncode}) : {result.stderr.strip()}")
