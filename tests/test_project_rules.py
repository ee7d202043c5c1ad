"""Project rules checked on the code itself: admin coverage, named URLs, migrations in step."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent


def test_every_maillage_model_is_in_the_admin() -> None:
    models = [m for m in apps.get_models() if m.__module__.startswith("maillage.")]
    assert models
    missing = [m.__name__ for m in models if not admin.site.is_registered(m)]
    assert not missing, f"models missing from the admin: {missing}"


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in {"admin"}:
                continue
            found.extend(_patterns(entry, prefix + str(entry.pattern)))
        else:
            found.append((prefix + str(entry.pattern), entry))
    return found


def test_every_url_is_named() -> None:
    unnamed = [route for route, pattern in _patterns(get_resolver()) if not pattern.name]
    assert not unnamed, f"unnamed URL patterns: {unnamed}"


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}  (exit {exc.code})")


def test_committed_openapi_matches_the_code() -> None:
    from maillage.home.openapi import openapi_document

    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(openapi_document())), (
        "docs/openapi.json is stale: run `make openapi` and commit it"
    )
