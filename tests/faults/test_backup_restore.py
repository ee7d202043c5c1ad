"""`maillage backup` then `maillage restore`: the data comes back, on SQLite and on PostgreSQL.

Real commands in subprocesses, on a database of the test's own (tests/faults/conftest.py), holding the
Loire's territory and its real Aidants Connect structures. The data then changes (the Loire's France
Services are imported), and the restore brings back exactly the state of the backup.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, Server, command_env, maillage
from tests.faults.test_import_kill import SOURCES, snapshot

LOIRE_AIDANTS = SOURCES / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv"
LOIRE_FRANCE_SERVICES = SOURCES / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
LOAD_LOIRE = "from maillage.territories.services import territories_load; territories_load(with_france=False)"


def prepare(server: Server) -> str:
    server.create_empty("live")
    url = server.url("live")
    maillage(url, server.tmp, "migrate", "--noinput", "-v", "0")
    maillage(url, server.tmp, "shell", "-c", LOAD_LOIRE)
    maillage(url, server.tmp, "import", str(LOIRE_AIDANTS), "--format", "aidants-connect")
    return url


def restore(url: str, var_dir: Path, *args: str, answer: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maillage.cli", "restore", *args],
        cwd=ROOT,
        env=command_env(url, var_dir),
        input=answer,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_backup_then_restore_brings_the_data_back(server: Server) -> None:
    if server.backend == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump / pg_restore are not installed on this machine")
    url = prepare(server)
    saved = snapshot(server, "live")
    assert len(saved["records"]) > 50

    writer = None
    if server.backend == "sqlite":  # a writer is mid-transaction while the backup runs (site in use)
        writer = sqlite3.connect(server.sqlite_path("live"), timeout=20)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM places_matchpair")
        writer.execute("DELETE FROM places_sourcerecord WHERE source = 'aidants-connect'")
    try:
        made = maillage(url, server.tmp, "backup")
    finally:
        if writer is not None:
            writer.rollback()
            writer.close()
    found = re.search(r"Sauvegarde écrite : (\S+)", made.stdout)
    assert found, made.stdout
    backup = Path(found.group(1))
    assert backup.parent == server.tmp / "backups"
    assert backup.suffix == (".sqlite3" if server.backend == "sqlite" else ".dump")
    assert backup.stat().st_mode & 0o077 == 0  # personal data: owner only

    maillage(url, server.tmp, "import", str(LOIRE_FRANCE_SERVICES), "--format", "france-services")
    changed = snapshot(server, "live")
    assert len(changed["records"]) > len(saved["records"])

    refused = restore(url, server.tmp, str(backup), answer="non\n")
    assert refused.returncode != 0
    assert "annulée" in refused.stderr
    stray = server.tmp / "notes.dump"
    stray.write_text("ceci n'est pas une sauvegarde\n", encoding="utf-8")
    wrong = restore(url, server.tmp, str(stray), "--yes")
    assert wrong.returncode != 0
    assert "n'est pas une sauvegarde de Maillage" in wrong.stderr
    assert snapshot(server, "live") == changed

    done = restore(url, server.tmp, str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert snapshot(server, "live") == saved

    # The restored site still works: the same import adds the same records again.
    maillage(url, server.tmp, "import", str(LOIRE_FRANCE_SERVICES), "--format", "france-services")
    assert snapshot(server, "live") == changed
