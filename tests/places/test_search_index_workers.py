"""Two gunicorn workers, and a third process that publishes then withdraws a place: every request that
follows, whichever worker answers it, sees the change (no worker serves its index of the census before).

Runs against a database of its own (a SQLite file, or a fresh PostgreSQL database beside the suite's when
DATABASE_URL names PostgreSQL), migrated for the test; the place is made up (it stands for nothing real).
The periodic version check is pushed to an hour: only the stamp written at commit can tell the workers.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2
PUBLISH = """
import django; django.setup()
from maillage.contributions.services.editing import place_create
from maillage.interop.source_helpers import PLACEHOLDER_PIVOT
from maillage.places.enums import VersionOrigin
place_create(fields={"pivot": PLACEHOLDER_PIVOT, "name": "Lieu inventé Zéphyrine", "commune_name": "Commune
inventée", "postal_code": "42000", "address": "1 rue inventée", "latitude": 45.43, "longitude": 4.38},
author=None, origin=VersionOrigin.EDIT)
""".replace("Commune\ninventée", "Commune inventée").replace(",\nauthor", ", author")
WITHDRAW = """
import django; django.setup()
from django.contrib.auth import get_user_model
from maillage.contributions.services.contributions import contribution_approve, contribution_submit
from maillage.places.enums import ContributionKind, ReportReason
from maillage.places.models import Place
place = Place.objects.get(name="Lieu inventé Zéphyrine")
moderator = get_user_model().objects.create_user("animatrice", email="animatrice@example.org", is_staff=True)
report = contribution_submit(kind=ContributionKind.REPORT, email="personne@example.org", place=place,
    report_reason=ReportReason.CLOSED)
contribution_approve(contribution=report, moderator=moderator)
"""


def _pg_database(url: str) -> Iterator[str]:
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_workers"
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": int(config["PORT"] or 5432),
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(**params) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        yield from _pg_database(url)
    else:
        yield f"sqlite:///{tmp_path / 'workers.sqlite3'}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _names(port: int) -> list[str]:
    query = urllib.parse.urlencode({"q": "zephyrine"})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/lieux?{query}", timeout=30) as response:
        return [item["nom"] for item in json.load(response)["items"]]


def _run(code: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=120)


def test_two_workers_see_a_publish_and_a_withdrawal_at_once(database_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAILLAGE_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.base",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MAILLAGE_SEARCH_INDEX_CHECK_SECONDS": "3600",
    }
    manage = [sys.executable, "-m", "django", "migrate", "-v0"]
    subprocess.run(manage, env=env, cwd=ROOT, check=True, timeout=300)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}",
    ]
    with (tmp_path / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(
            [*command, "--log-level=warning"], env=env, cwd=ROOT, stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert _names(port) == []
                    break
                except OSError:
                    assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                    time.sleep(0.3)
            for _ in range(20):  # both workers have built their index of the empty census
                assert _names(port) == []
            _run(PUBLISH, env)
            assert [_names(port) for _ in range(20)] == [["Lieu inventé Zéphyrine"]] * 20
            _run(WITHDRAW, env)
            assert [_names(port) for _ in range(20)] == [[]] * 20
        finally:
            server.terminate()
            server.wait(timeout=30)
