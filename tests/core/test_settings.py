"""Settings come from the environment; production refuses unsafe ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "MAILLAGE_ENV", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import config.base as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_needs_no_variable_and_uses_sqlite() -> None:
    result = _import_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_postgresql_through_database_url() -> None:
    result = _import_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/maillage")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"MAILLAGE_ENV": "production", "DEBUG": "true", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "a"},
            "DEBUG",
        ),
        ({"MAILLAGE_ENV": "production", "DEBUG": "false", "ALLOWED_HOSTS": "a"}, "SECRET_KEY"),
        ({"MAILLAGE_ENV": "production", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"DEBUG": "peut-être"}, "DEBUG='peut-être'"),
    ],
)
def test_unsafe_or_malformed_settings_refuse_to_start(env: dict[str, str], message: str) -> None:
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_safe_settings() -> None:
    result = _import_settings(
        MAILLAGE_ENV="production", SECRET_KEY="k" * 50, ALLOWED_HOSTS="maillage.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_console_script_runs_management_commands(tmp_path: Path) -> None:
    maillage = Path(sys.executable).parent / "maillage"
    if not maillage.exists():
        pytest.skip("the maillage console script is installed by `pip install -e .`")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MAILLAGE_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([str(maillage), "check"], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
