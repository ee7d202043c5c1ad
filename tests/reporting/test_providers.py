"""The registry of figure providers: lazy imports, missing modules and functions contribute nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from maillage.reporting.domain.figures import FigureError
from maillage.reporting.providers import PROVIDERS, figures_collect, provider_function

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def test_missing_module_and_missing_function_contribute_nothing() -> None:
    assert provider_function("maillage.nowhere.selectors") is None
    assert provider_function("tests.reporting.no_figures") is None
    assert figures_collect(START, END, ["maillage.nowhere.selectors", "tests.reporting.no_figures"]) == []


def test_a_provider_answers_in_order_and_keys_are_unique() -> None:
    figures = figures_collect(START, END, ["tests.reporting.fake_lending", "tests.reporting.fake_lending"])
    assert [f["key"] for f in figures] == ["lending.loan_days"]
    # The 2021 report's days per kit add up to 752 (the report's own total says 720).
    assert figures[0]["value"] == 43 + 2 + 620 + 30 + 4 + 14 + 4 + 35
    assert figures[0]["rows"][0] == ["Centre Multimédia Itinérant", 620]


def test_every_listed_module_is_a_selectors_module_of_maillage() -> None:
    assert all(path.startswith("maillage.") for path in PROVIDERS)
    assert "maillage.activity.selectors" in PROVIDERS


def test_every_module_of_the_network_provides_its_figures() -> None:
    """Each listed module is built and answers the contract (none silently contributes nothing)."""
    missing = [path for path in PROVIDERS if provider_function(path) is None]
    assert missing == []


def test_a_broken_import_inside_a_provider_is_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken_provider.py").write_text("import module_that_does_not_exist\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError):
        provider_function("broken_provider")


def test_a_provider_outside_the_contract_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad_provider.py").write_text(
        "def period_figures(start, end):\n"
        "    return [{'key': 'x', 'label': 'X', 'value': None, 'topic': 'map'}]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(FigureError, match="bad_provider"):
        figures_collect(START, END, ["bad_provider"])
