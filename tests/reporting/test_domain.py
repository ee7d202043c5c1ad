"""Pure pieces of the reports and the activity log: periods, charts, figure checks, source references."""

from __future__ import annotations

import datetime

import pytest

from maillage.activity.domain.rules import counts_problems, source_parse
from maillage.reporting.domain.charts import bar_chart, label_lines
from maillage.reporting.domain.figures import FigureError, figure_checked, figures_compared
from maillage.reporting.domain.periods import Period, month_starts


def test_periods_year_month_and_previous() -> None:
    assert (Period(2026).start, Period(2026).end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    february = Period(2024, 2)
    assert february.end == datetime.date(2024, 2, 29)
    assert february.label == "février 2024"
    assert Period(2026, 1).previous == Period(2025, 12)
    assert Period(2026, 5).previous == Period(2026, 4)
    assert Period(2026).previous == Period(2025)
    assert len(month_starts(Period(2026))) == 12
    assert month_starts(Period(2026, 3)) == [datetime.date(2026, 3, 1)]
    with pytest.raises(ValueError, match="Mois hors limites"):
        Period(2026, 13)


def test_bar_chart_is_accessible_and_escaped() -> None:
    chart = bar_chart(
        chart_id="c1", title="Jours <de> prêt", rows=[("Kit & co", 43.0), ("CMI", 620.0)], unit="jours"
    )
    assert 'role="img"' in chart.svg
    assert 'aria-labelledby="c1-t c1-d"' in chart.svg
    assert '<title id="c1-t">Jours &lt;de&gt; prêt</title>' in chart.svg
    assert "Kit &amp; co" in chart.svg
    assert "Kit & co" not in chart.svg
    assert "CMI : 620 jours" in chart.description
    widths = [float(part.split('"')[0]) for part in chart.svg.split('width="')[2:] if part[0].isdigit()]
    assert max(widths) == 290  # the largest value fills the bar width


def test_a_long_label_wraps_on_up_to_three_lines_and_its_row_grows() -> None:
    mission = (
        "Mutualisation de ressources matérielles (ordinateurs, tablettes, écran TV, mallette "
        "pédagogique...) accompagnée de séances de formation à la prise en main du matériel"
    )
    lines = label_lines(mission)
    assert len(lines) == 3
    assert all(len(line) <= 38 for line in lines)
    assert lines[0] == "Mutualisation de ressources"  # « matérielles » would make 39 characters
    assert lines[-1].endswith("…")
    assert label_lines("Fablab") == ["Fablab"]
    assert label_lines("Un libellé de deux lignes, pas davantage du tout") == [
        "Un libellé de deux lignes, pas",
        "davantage du tout",
    ]
    short = bar_chart(chart_id="a", title="t", rows=[("Fablab", 1.0), ("CMI", 2.0)])
    long = bar_chart(chart_id="b", title="t", rows=[(mission, 1.0), ("CMI", 2.0)])
    assert short.svg.count("<tspan") == 2
    assert long.svg.count("<tspan") == 4  # three lines for the mission, one for the kit
    for line in lines:
        assert f">{line}</tspan>" in long.svg
    height = [float(svg.split('height="')[1].split('"')[0]) for svg in (short.svg, long.svg)]
    assert height[1] > height[0]
    assert mission in long.description  # the whole label stays in the description


def test_figure_checked_names_provider_and_key() -> None:
    good = {
        "key": "lending.loan_days",
        "label": "Jours de prêt",
        "value": 720,
        "topic": "lending",
        "rows": [["CMI", 620]],
    }
    assert figure_checked(good, "p")["rows"] == [["CMI", 620]]
    assert "rows_unit" not in figure_checked(good, "p")
    assert figure_checked(good | {"rows_unit": "jours"}, "p")["rows_unit"] == "jours"
    with pytest.raises(FigureError, match=r"p : le chiffre 'x' a un thème inconnu « météo »"):
        figure_checked({"key": "x", "label": "X", "value": 1, "topic": "météo"}, "p")
    with pytest.raises(FigureError, match="valeur numérique"):
        figure_checked({"key": "x", "label": "X", "value": "12", "topic": "census"}, "p")
    with pytest.raises(FigureError, match="libellé, nombre"):
        figure_checked({"key": "x", "label": "X", "value": 1, "topic": "census", "rows": [["a"]]}, "p")


def test_figures_compared_with_previous_period() -> None:
    current = [{"key": "a", "value": 10}, {"key": "b", "value": 3}]
    compared = figures_compared(current, [{"key": "a", "value": 4}])
    assert [(f["previous"], f["change"]) for f in compared] == [(4, 6), (None, None)]


def test_source_reference_and_counts() -> None:
    ref = source_parse(" agenda.event:3f2c-11 ")
    assert (ref.kind, ref.pk, str(ref)) == ("agenda.event", "3f2c-11", "agenda.event:3f2c-11")
    with pytest.raises(ValueError, match="« depuis » illisible"):
        source_parse("agenda:12")
    assert counts_problems(participants=15, women=14, men=1, professionals=None) == {}
    problems = counts_problems(participants=10, women=8, men=4, professionals=11)
    assert set(problems) == {"women", "professionals"}
