"""`make bench`: speed and memory figures, printed as a table and written to var/bench/*.json.

Never part of the test suite: it measures, it does not judge. Each benchmark runs in a child process
against a fresh database: a temporary SQLite file, and PostgreSQL when TEST_DATABASE_URL's server answers
(database `maillage_bench`, dropped and created again). On each: national import + dedup (census.py),
search latency against its NumPy lower bound and map data sizes (search.py), HTTP throughput under
gunicorn (throughput.py); printed documents once, on SQLite (print.py). The issue's targets are printed
after the table, met or not.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
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


def _machine() -> str:
    cpu, ram = platform.processor() or platform.machine(), ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
        kb = next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))
        ram = f", {int(kb) / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores{ram}, Python {platform.python_version()}"


def _ensure_wrk() -> None:
    """Install Debian's wrk when missing and run as root (like `make system-deps`); else loadgen.py."""
    apt = shutil.which("apt-get")
    if shutil.which("wrk") or os.geteuid() != 0 or apt is None:
        return
    print("Installing Debian package: wrk", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for arguments in (["update", "-qq"], ["install", "-y", "-qq", "wrk"]):
        subprocess.run([apt, *arguments], env=env, check=False, capture_output=True, timeout=600)


# Each module's own benchmark: scripts/bench/module_<app>.py, run on every database after the census workers
# (DATABASE_URL holds the national census). Its last stdout line is a JSON object of figures; the
# optional key "_targets" lists [label, figure, limit, unit, "max" | "min"] printed with the others.
MODULE_WORKERS = sorted(path.name for path in (ROOT / "scripts" / "bench").glob("module_*.py"))

TARGETS = [  # (what the issue asks, figure, limit, unit)
    ("national import + dedup <= 5 s", "import_and_dedup_s", 5.0, "s"),
    ("unchanged census rebuild <= 1 s", "rebuild_unchanged_s", 1.0, "s"),
    ("import + dedup peak memory <= 400 MB", "peak_rss_mb", 400.0, "MB"),
    ("search p95 <= 10 ms", "search_p95_ms", 10.0, "ms"),
    ("search p95 <= 3x the NumPy bound", "search_over_numpy_p95", 3.0, "x"),
    ("index search p50 <= 2 ms (server-side)", "index_p50_ms", 2.0, "ms"),
    ("index search p95 <= 3x the NumPy bound", "index_over_numpy_p95", 3.0, "x"),
    ("Loire map data <= 30 KB gzipped", "map_data_loire_gzip_kb", 30.0, "KB"),
]


def _print(results: dict[str, dict[str, object]], machine: str) -> None:
    hidden = {"error", "_targets"}
    keys = sorted({key for figures in results.values() for key in figures if key not in hidden})
    print(f"\nMaillage benchmarks ({machine})")
    print(f"{'figure':<38}" + "".join(f"{db:>16}" for db in results))
    for key in keys:
        print(f"{key:<38}" + "".join(f"{str(results[db].get(key, '-'))[:15]:>16}" for db in results))
    for db, figures in results.items():
        if "error" in figures:
            print(f"\n{db}: a worker failed:\n{figures['error']}")
    print("\nTargets")
    targets = [(label, key, limit, unit, "max") for label, key, limit, unit in TARGETS]
    for figures in results.values():
        for target in figures.get("_targets", []):  # type: ignore[attr-defined]
            if tuple(target) not in targets:
                targets.append(tuple(target))
    for label, key, limit, unit, sense in targets:
        cells = []
        for db, figures in results.items():
            value = figures.get(key)
            if isinstance(value, int | float):
                met = value <= limit if sense == "max" else value >= limit
                verdict = "met" if met else f"missed ({value / limit:.2f}x the limit)"
                cells.append(f"{db} {value} {unit}: {verdict}")
        print(f"  {label:<36} " + "; ".join(cells or ["not measured"]))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    machine = _machine()
    _ensure_wrk()
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        databases = {"sqlite": f"sqlite:///{tmp}/bench.sqlite3"}
        pg = _pg_fresh_database(PG_URL, "maillage_bench")
        if pg:
            databases["postgresql"] = pg
        for name, url in databases.items():
            results[name] = _run("census.py", url, tmp)
            if "error" in results[name]:
                continue
            results[name].update(_run("search.py", url, tmp))  # on the national census just built
            results[name].update(_run("throughput.py", url, tmp))
            for worker in MODULE_WORKERS:
                figures = _run(worker, url, tmp)
                if "error" in figures:
                    figures = {f"{worker}_error": str(figures["error"])[-300:]}
                targets = [*results[name].get("_targets", []), *figures.pop("_targets", [])]  # type: ignore[misc]
                results[name].update(figures)
                results[name]["_targets"] = targets
        # Printed documents: once, on the Loire demo in the worker's own SQLite database.
        printed = _run("print.py", databases["sqlite"], tmp)
        targets = [*results["sqlite"].get("_targets", []), *printed.pop("_targets", [])]  # type: ignore[misc]
        results["sqlite"].update(printed)
        results["sqlite"]["_targets"] = targets
    _print(results, machine)
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"bench-{stamp}.json"
    path.write_text(json.dumps({"machine": machine, "results": results}, indent=2), encoding="utf-8")
    print(f"\n(written to {path.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
