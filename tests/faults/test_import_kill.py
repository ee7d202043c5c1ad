"""`kill -9` of an import half-way: nothing of the file is applied, and running it again finishes the job.

The real national France Services list (2,845 rows, shipped in src/maillage/data/sources) is imported by
the real command, `maillage import … -v 2`, in a subprocess, into a database that already holds the
Loire's Aidants Connect census. The command says when the file's source records are written and the
census is being rebuilt (inside the transaction); the test checks the write transaction is indeed open,
then sends SIGKILL. Afterwards the database is intact and exactly as before the import; a second run of
the same command leaves the same census as an uninterrupted run on a copy of the same database.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import signal
import sqlite3
import subprocess
import sys
import threading
from typing import Any

from tests.faults.conftest import ROOT, Server, command_env, maillage

SOURCES = ROOT / "src" / "maillage" / "data" / "sources"
NATIONAL = SOURCES / "france-services-2024" / "liste-fs-20240801.csv.gz"
LOIRE_AIDANTS = SOURCES / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv"
IMPORT = ["import", str(NATIONAL), "--format", "france-services"]
HALF_WAY = "fiches sources écrites"  # printed by `maillage import -v 2` inside the transaction

LOAD_TERRITORIES = "from maillage.territories.services import territories_load; territories_load()"
SNAPSHOT = """
import json
from django.db.models import Count
from maillage.places.models import MatchPair, Place, SourceRecord
records = SourceRecord.objects.order_by("source", "source_id")
groups = {}
for place_id, source, source_id in records.exclude(place=None).values_list("place_id", "source", "source_id"):
    groups.setdefault(str(place_id), []).append(f"{source}:{source_id}")
places = sorted([status, name, groups.get(str(pk), [])] for pk, status, name in
                Place.objects.values_list("pk", "status", "name"))
pairs = sorted([a, b, s, round(score, 6)] for a, b, s, score in MatchPair.objects.values_list(
    "record_a__source_id", "record_b__source_id", "status", "score"))
duplicates = list(SourceRecord.objects.values("source", "source_id").annotate(n=Count("id"))
                  .filter(n__gt=1).values_list("source", "source_id"))
print(json.dumps({
    "records": [list(r) for r in records.values_list("source", "source_id", "kind", "fingerprint")],
    "places": places, "pairs": pairs, "duplicates": duplicates,
}))
"""


def national_rows() -> int:
    """The rows of the national file, counted without Maillage's code."""
    with gzip.open(NATIONAL, "rt", encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(io.StringIO(handle.read())))


def snapshot(server: Server, name: str) -> dict[str, Any]:
    result = maillage(server.url(name), server.tmp, "shell", "-c", SNAPSHOT)
    state: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return state


def prepare_base(server: Server) -> None:
    """A database with the territory and an earlier import (the Loire's Aidants Connect structures)."""
    server.create_empty("base")
    url = server.url("base")
    maillage(url, server.tmp, "migrate", "--noinput", "-v", "0")
    maillage(url, server.tmp, "shell", "-c", LOAD_TERRITORIES)
    maillage(url, server.tmp, "import", str(LOIRE_AIDANTS), "--format", "aidants-connect")


def write_transaction_open(server: Server, name: str) -> bool:
    """Whether another process holds an open transaction that has written to the database."""
    if server.backend == "sqlite":
        probe = sqlite3.connect(server.sqlite_path(name), timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            return "locked" in str(exc)
        else:
            probe.rollback()
            return False
        finally:
            probe.close()
    with server.connect(name) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        ).fetchone()
    return bool(row and row[0])


def import_until_half_way_then_kill(server: Server, name: str) -> list[str]:
    """Start the import, wait for its records to be written (uncommitted), SIGKILL it. Return its output."""
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", "maillage.cli", *IMPORT, "-v", "2"],
        cwd=ROOT,
        env=command_env(server.url(name), server.tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        watchdog = threading.Timer(600, process.kill)  # never hang the suite, whatever happens
        watchdog.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line.rstrip())
                if HALF_WAY in line:
                    assert write_transaction_open(server, name), "the import's transaction is open"
                    process.send_signal(signal.SIGKILL)
                    break
        finally:
            process.wait()
            watchdog.cancel()
    assert any(HALF_WAY in line for line in lines), f"never reached half-way: {lines}"
    assert process.returncode == -signal.SIGKILL, lines
    return lines


def assert_intact(server: Server, name: str) -> None:
    if server.backend == "sqlite":
        connection = sqlite3.connect(server.sqlite_path(name))
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
        return
    with server.connect(name) as connection:
        # Every foreign key is checked by PostgreSQL itself; no backend of the killed import lingers.
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        tables = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'places_sourcerecord'"
        ).fetchone()
    assert tables == (1,)


def test_kill_9_half_way_leaves_nothing_and_a_rerun_finishes(server: Server) -> None:
    prepare_base(server)
    before = snapshot(server, "base")
    assert before["records"], "the base holds an earlier import"
    assert not [r for r in before["records"] if r[0] == "france-services"]

    server.copy("base", "reference")
    maillage(server.url("reference"), server.tmp, *IMPORT)
    reference = snapshot(server, "reference")

    server.copy("base", "killed")
    output = import_until_half_way_then_kill(server, "killed")
    assert not any("import validé" in line for line in output)
    assert_intact(server, "killed")
    assert snapshot(server, "killed") == before, "nothing of the interrupted file may be applied"

    rerun = maillage(server.url("killed"), server.tmp, *IMPORT)
    assert f"{national_rows()} nouvelles" in rerun.stdout
    assert_intact(server, "killed")
    after = snapshot(server, "killed")
    national = [r for r in after["records"] if r[0] == "france-services"]
    assert len(national) == national_rows()
    assert after["duplicates"] == []
    assert after == reference  # same records, same places (grouped alike), same pairs
