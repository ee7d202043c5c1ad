"""Lending tests: e-mails queued with `transaction.on_commit` leave at once inside the test's
transaction (which never commits); tests with real transactions keep Django's behaviour."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _commit_callbacks_run_now(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return

    def run_now(func: Any, using: Any = None, robust: bool = False) -> None:
        func()

    monkeypatch.setattr("django.db.transaction.on_commit", run_now)
