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


@pytest.mark.django_db
def test_a_provider_answers_in_order_and_keys_are_unique() -> None:
    """A provider listed twice answers once; its figures come in its own order (an empty lending log)."""
    figures = figures_collect(START, END, ["maillage.lending.selectors", "maillage.lending.selectors"])
    assert [f["key"] for f in figures] == [
        "lending.loan_days",
        "lending.structures_served",
        "lending.event_supports",
    ]
    assert [f["value"] for f in figures] == [0, 0, 0]


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
