"""`kill -9` of an import half-way: nothing of the file is applied, and running it again finishes the job.

The real France Services of Auvergne-Rhône-Alpes (the region's rows of the national list of 2,845 rows
shipped in src/maillage/data/sources, their values copied into a file of their own; the whole national list
made the test take a minute per database for no other property) are imported by the real command,
`maillage import … -v 2`, in a subprocess, into a database that already holds the Loire's Aidants Connect
census. The command says when the file's source records are written and the
census is being rebuilt (inside the transaction); the test checks the write transaction is indeed open,
then sends SIGKILL. Afterwards the database is intact and exactly as before the import; a second run of
the same command leaves the same census as an uninterrupted run on a copy of the same database.
"""

from __future__ import annotations

import csv
import gzip
import io
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from typing import Any

from tests.faults.conftest import ROOT, Server, command_env, maillage

SOURCES = ROOT / "src" / "maillage" / "data" / "sources"
NATIONAL = SOURCES / "france-services-2024" / "liste-fs-20240801.csv.gz"
LOIRE_AIDANTS = SOURCES / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv"
# Auvergne-Rhône-Alpes: Ain, Allier, Ardèche, Cantal, Drôme, Isère, Loire, Haute-Loire, Puy-de-Dôme,
# Rhône, Savoie, Haute-Savoie.
REGION = {"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}
HALF_WAY = "fiches sources écrites"  # printed by `maillage import -v 2` inside the transaction

LOAD_TERRITORIES = "from maillage.territories.services import territories_load; territories_load()"
# The census as the database holds it, read with plain SQL (not through Maillage's code): every source
# record, every place with the records grouped into it, every scored pair.
RECORDS = (
    "SELECT source, source_id, kind, fingerprint, place_id FROM places_sourcerecord "
    "ORDER BY source, source_id"
)
PLACES = "SELECT id, status, name FROM places_place"
PAIRS = (
    "SELECT a.source_id, b.source_id, p.status, p.score FROM places_matchpair p "
    "JOIN places_sourcerecord a ON a.id = p.record_a_id JOIN places_sourcerecord b ON b.id = p.record_b_id"
)


def regional_file(server: Server) -> tuple[list[str], int]:
    """The region's rows of the national file, as they are, in a file of their own: (the import command,
    the number of rows), counted without Maillage's code."""
    with gzip.open(NATIONAL, "rt", encoding="utf-8", newline="") as handle:
        header, *rows = csv.reader(io.StringIO(handle.read()))
    kept = [row for row in rows if row[header.index("insee_dep")] in REGION]
    path = server.tmp / "liste-fs-20240801-auvergne-rhone-alpes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *kept])
    return ["import", str(path), "--format", "france-services"], len(kept)


def snapshot(server: Server, name: str) -> dict[str, Any]:
    """Records, places (with their records), pairs and duplicated record keys of database `name`."""
    if server.backend == "sqlite":
        connection = sqlite3.connect(server.sqlite_path(name))
        try:
            records, places, pairs = (connection.execute(sql).fetchall() for sql in (RECORDS, PLACES, PAIRS))
        finally:
            connection.close()
    else:
        with server.connect(name) as pg:
            records, places, pairs = (pg.execute(sql).fetchall() for sql in (RECORDS, PLACES, PAIRS))
    groups: dict[str, list[str]] = {}
    for source, source_id, _, _, place_id in records:
        if place_id is not None:
            groups.setdefault(str(place_id), []).append(f"{source}:{source_id}")
    keys = Counter((source, source_id) for source, source_id, *_ in records)
    return {
        "records": [list(record[:4]) for record in records],
        "places": sorted([status, name, groups.get(str(pk), [])] for pk, status, name in places),
        "pairs": sorted([a, b, status, round(score, 6)] for a, b, status, score in pairs),
        "duplicates": sorted(key for key, count in keys.items() if count > 1),
    }


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


def import_until_half_way_then_kill(server: Server, name: str, command: list[str]) -> list[str]:
    """Start the import, wait for its records to be written (uncommitted), SIGKILL it. Return its output."""
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", "maillage.cli", *command, "-v", "2"],
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

    command, rows = regional_file(server)
    assert rows > 250  # one region of the national list
    server.copy("base", "reference")
    maillage(server.url("reference"), server.tmp, *command)
    reference = snapshot(server, "reference")

    server.copy("base", "killed")
    output = import_until_half_way_then_kill(server, "killed", command)
    assert not any("import validé" in line for line in output)
    assert_intact(server, "killed")
    assert snapshot(server, "killed") == before, "nothing of the interrupted file may be applied"

    rerun = maillage(server.url("killed"), server.tmp, *command)
    assert f"{rows} nouvelles" in rerun.stdout
    assert_intact(server, "killed")
    after = snapshot(server, "killed")
    imported = [r for r in after["records"] if r[0] == "france-services"]
    assert len(imported) == rows
    assert after["duplicates"] == []
    assert after == reference  # same records, same places (grouped alike), same pairs
