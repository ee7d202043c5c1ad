"""Databases for the fault tests: each test gets its own, outside the suite's test database.

The fault tests run `maillage` in subprocesses (a real process to kill, a real backup file), so they make
their own database: a SQLite file under `tmp_path`, or a PostgreSQL database `maillage_kill_<random>` on
the server of the suite's `DATABASE_URL`, dropped afterwards.

`make test` runs the suite twice, on SQLite and on PostgreSQL; each fault test runs in the pass of its
backend, so it is neither skipped nor run twice. The PostgreSQL pass only starts when the server is
reachable (Makefile); should it be unreachable anyway, the test is skipped, or fails under `CI=true`.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def suite_backend() -> str:
    """The backend the suite runs on in this pass of `make test`."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith(POSTGRES_SCHEMES) else "sqlite"


def maillage(
    url: str, var_dir: Path, *args: str, check: bool = True, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run `maillage ARGS` on the database at `url`, with the production code path (config.base)."""
    result = subprocess.run(
        [sys.executable, "-m", "maillage.cli", *args],
        cwd=ROOT,
        env=command_env(url, var_dir),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"maillage {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def command_env(url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"MAILLAGE_ENV", "DEBUG", "SECRET_KEY"}}
    env.update(
        DATABASE_URL=url,
        MAILLAGE_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.base",
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class Server:
    """Where the fault tests create their databases, and how to copy and inspect them."""

    backend: str
    tmp: Path
    admin: dict[str, Any]  # psycopg connection arguments to the `postgres` database (PostgreSQL only)
    prefix: str
    created: list[str]

    def url(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp / (name + '.sqlite3')}"
        user, password = self.admin["user"], self.admin["password"]
        auth = f"{user}:{password}@" if password else f"{user}@"
        return f"postgres://{auth}{self.admin['host']}:{self.admin['port']}/{self.prefix}_{name}"

    def sqlite_path(self, name: str) -> Path:
        return self.tmp / (name + ".sqlite3")

    def create_empty(self, name: str) -> None:
        if self.backend == "postgresql":
            self._admin_sql(f'CREATE DATABASE "{self.prefix}_{name}"')
            self.created.append(f"{self.prefix}_{name}")

    def copy(self, source: str, target: str) -> None:
        """A copy of database `source` as `target` (SQLite online backup; PostgreSQL template)."""
        if self.backend == "sqlite":
            src, dst = sqlite3.connect(self.sqlite_path(source)), sqlite3.connect(self.sqlite_path(target))
            try:
                src.backup(dst)
            finally:
                src.close()
                dst.close()
            return
        self._admin_sql(f'CREATE DATABASE "{self.prefix}_{target}" TEMPLATE "{self.prefix}_{source}"')
        self.created.append(f"{self.prefix}_{target}")

    def connect(self, name: str) -> psycopg.Connection[Any]:
        return psycopg.connect(**{**self.admin, "dbname": f"{self.prefix}_{name}"}, autocommit=True)

    def _admin_sql(self, sql: str) -> None:
        with psycopg.connect(**self.admin, autocommit=True) as connection:
            connection.execute(sql)  # names are ours (prefix + fixed words), never user input

    def drop_all(self) -> None:
        for name in reversed(self.created):
            self._admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin() -> dict[str, Any]:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    admin = {
        "host": config["HOST"] or "127.0.0.1",
        "port": int(config["PORT"] or 5432),
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or "",
        "dbname": "postgres",
        "connect_timeout": 5,
    }
    try:
        psycopg.connect(**admin).close()
    except psycopg.Error as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    return admin


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    backend = request.param
    if backend != suite_backend():
        pytest.skip(f"runs in the {backend} pass of `make test` (this pass: {suite_backend()})")
    admin = _postgres_admin() if backend == "postgresql" else {}
    found = Server(backend, tmp_path, admin, f"maillage_kill_{secrets.token_hex(4)}", [])
    try:
        yield found
    finally:
        if backend == "postgresql":
            found.drop_all()
