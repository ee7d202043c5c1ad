"""`make bench`: speed and memory figures, printed as a table and written to var/bench/*.json.

Never part of the test suite: it measures, it does not judge. Each benchmark runs in a child process
against a fresh database: a temporary SQLite file, and PostgreSQL when TEST_DATABASE_URL's server answers.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/maillage")


def _pg_fresh_database(url: str, name: str) -> str | None:
    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": int(config["PORT"] or 5432),
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "connect_timeout": 3,
        "autocommit": True,
    }
    try:
        with psycopg.connect(**params) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL not reachable ({exc}); PostgreSQL figures skipped.", file=sys.stderr)
        return None
    user = params["user"]
    password = f":{params['password']}" if params["password"] else ""
    return f"postgres://{user}{password}@{params['host']}:{params['port']}/{name}"


def _run(worker: str, database_url: str, var_dir: str) -> dict[str, object]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAILLAGE_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "config.base",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench" / worker)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        databases = {"sqlite": f"sqlite:///{tmp}/bench.sqlite3"}
        pg = _pg_fresh_database(PG_URL, "maillage_bench")
        if pg:
            databases["postgresql"] = pg
        for name, url in databases.items():
            results[name] = _run("census.py", url, tmp)
            results[name].update(_run("search.py", url, tmp))  # on the national census just built
        # Printed documents: once, on the Loire demo in the worker's own SQLite database.
        results["sqlite"].update(_run("print.py", databases["sqlite"], tmp))
    keys = sorted({key for figures in results.values() for key in figures})
    print(f"\nNational census import + deduplication ({machine})")
    print(f"{'figure':<38}" + "".join(f"{db:>14}" for db in results))
    for key in keys:
        print(f"{key:<38}" + "".join(f"{str(results[db].get(key, '-'))[:13]:>14}" for db in results))
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"census-{stamp}.json"
    path.write_text(json.dumps({"machine": machine, "results": results}, indent=2), encoding="utf-8")
    print(f"\n(written to {path.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
