"""`maillage check --deploy` with production settings reports nothing (Django's security checks).

Run in a subprocess: production settings are read once, at start-up, from the environment.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MAILLAGE_", "SECURE_", "DJANGO_"))
        and k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "BEHIND_HTTPS_PROXY"}
    }
    production = {
        "MAILLAGE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "maillage.example.org",
        "DATABASE_URL": "postgres://maillage:made-up-password@db:5432/maillage",  # not reached by checks
        "MAILLAGE_VAR_DIR": str(tmp_path),
        "BEHIND_HTTPS_PROXY": "true",
        "MAILLAGE_HSTS_SECONDS": "31536000",
    }
    return subprocess.run(
        [sys.executable, "-m", "maillage.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **production, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_every_deploy_check(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_hsts_is_reminded_of_it(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, MAILLAGE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" not in result.stderr  # https redirect is on by default in production


def test_production_turns_off_the_https_redirect_only_on_request(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert "security.W012" in result.stderr


def test_production_collects_the_static_files(tmp_path: Path) -> None:
    """The manifest storage of production hashes every file (the vendored maps' source maps aside)."""
    static = tmp_path / "static"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        MAILLAGE_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="maillage.example.org",
        MAILLAGE_VAR_DIR=str(tmp_path / "var"),
        MAILLAGE_STATIC_ROOT=str(static),
        DJANGO_SETTINGS_MODULE="config.base",
    )
    result = subprocess.run(
        [sys.executable, "-m", "maillage.cli", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((static / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    hashed = manifest["vendor/leaflet/leaflet.js"]
    assert hashed != "vendor/leaflet/leaflet.js"
    assert (static / hashed).is_file()
    assert (static / (manifest["maillage/css/maillage.css"] + ".gz")).is_file()
