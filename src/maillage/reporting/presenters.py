"""A report's data (snapshot) laid out for reading: sections per mission with their figures, charts
and the animator's text; the same layout as office-document blocks (DOCX, ODT)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from maillage.interop.officedoc import document as doc
from maillage.reporting.domain.charts import Chart, bar_chart
from maillage.reporting.enums import Topic
from maillage.reporting.models import MissionText

CHARTED_ROWS = 12


@dataclass
class Section:
    anchor: str
    title: str
    axis: str = ""
    mission_id: int | None = None
    objective: str = ""
    indicators: list[str] = field(default_factory=list)
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def _figure_charts(figures: list[dict[str, Any]], prefix: str) -> list[Chart]:
    charts = []
    for index, figure in enumerate(figures):
        rows = [(str(label), float(value)) for label, value in figure.get("rows", [])][:CHARTED_ROWS]
        if len(rows) >= 2 and any(value for _, value in rows):
            rows_unit = figure.get("rows_unit")
            charts.append(
                bar_chart(
                    chart_id=f"{prefix}-c{index}",
                    title=f"{figure['label']}, en {rows_unit}" if rows_unit else figure["label"],
                    rows=rows,
                    unit=rows_unit or figure.get("unit", ""),
                )
            )
    return charts


def report_sections(snapshot: dict[str, Any], texts: dict[int, MissionText]) -> list[Section]:
    """One section per mission (its figures: those whose topic the mission claims), then the activity
    summary, then the figures no mission claims."""
    figures = snapshot.get("figures", [])
    claimed: set[str] = set()
    sections = []
    for number, mission in enumerate(snapshot.get("missions", []), start=1):
        topics = set(mission.get("topics", []))
        own = [figure for figure in figures if figure["topic"] in topics]
        claimed |= topics
        anchor = f"mission-{number}"
        charts = _figure_charts(own, anchor)
        if len(mission["by_kind"]) >= 2:
            charts.insert(
                0,
                bar_chart(
                    chart_id=f"{anchor}-types",
                    title="Actions de la mission par type",
                    rows=[(label, float(n)) for label, n in mission["by_kind"]],
                    unit="actions",
                ),
            )
        text = texts.get(mission["id"])
        sections.append(
            Section(
                anchor=anchor,
                title=mission["title"],
                axis=mission["axis"],
                mission_id=mission["id"],
                objective=mission["objective"],
                indicators=mission["indicators"],
                text=text.text if text else "",
                data=mission,
                figures=own,
                charts=charts,
            )
        )
    activity = [figure for figure in figures if figure["topic"] == "activity"]
    monthly_chart = []
    if len(snapshot.get("monthly", [])) > 1:
        monthly_chart = [
            bar_chart(
                chart_id="activite-mois",
                title="Actions par mois",
                rows=[(label, float(n)) for label, n in snapshot["monthly"]],
                unit="actions",
            )
        ]
    sections.append(
        Section(
            anchor="activite",
            title="L'activité du réseau en chiffres",
            figures=activity,
            charts=monthly_chart + _figure_charts(activity, "activite"),
            data={"actions": snapshot.get("unassigned", []), "unassigned": True},
        )
    )
    others = [f for f in figures if f["topic"] not in claimed and f["topic"] != "activity"]
    if others:
        sections.append(
            Section(
                anchor="autres",
                title="Autres chiffres des outils",
                figures=others,
                charts=_figure_charts(others, "autres"),
            )
        )
    return sections


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def figure_table(figures: list[dict[str, Any]], previous_label: str) -> doc.Table:
    return doc.Table(
        caption="Chiffres des outils",
        header=["Indicateur", "Valeur", f"En {previous_label}", "Unité", "Source"],
        rows=[
            [
                f["label"],
                _number(f["value"]),
                _number(f.get("previous")),
                f.get("unit", ""),
                Topic(f["topic"]).label,
            ]
            for f in figures
        ],
    )


def report_document(snapshot: dict[str, Any], sections: list[Section], *, title: str) -> doc.Document:
    """The report as office-document blocks: a heading per mission, its text, its actions and figures."""
    convention = snapshot["convention"]
    subtitle = f"{convention['title']} · {convention['funder']}"
    if convention.get("is_sample"):
        subtitle += " · exemple (démonstration)"
    blocks: list[doc.Block] = []
    axis = ""
    for section in sections:
        if section.axis and section.axis != axis:
            axis = section.axis
            blocks.append(doc.Heading(1, axis))
        blocks.append(doc.Heading(2, section.title))
        if section.objective:
            blocks.append(doc.Paragraph(f"Objectif : {section.objective}"))
        if section.indicators:
            blocks.append(doc.Bullets([f"Indicateur attendu : {item}" for item in section.indicators]))
        if section.text:
            blocks.append(doc.Paragraph(section.text))
        actions = section.data.get("actions", [])
        if section.mission_id is not None:
            data = section.data
            blocks.append(
                doc.Paragraph(
                    f"{data['actions_count']} action(s), {data['sessions']} séance(s), "
                    f"{data['participants']} participant(s)."
                )
            )
        if actions:
            blocks.append(
                doc.Table(
                    caption="Actions",
                    header=["Date", "Action", "Type", "Où", "Participants", "Partenaires"],
                    rows=[
                        [
                            a["date_start"],
                            a["title"],
                            a["kind"],
                            a["where"],
                            a["participants"],
                            ", ".join(a["partners"]),
                        ]
                        for a in actions
                    ],
                )
            )
        if section.figures:
            blocks.append(figure_table(section.figures, snapshot["previous_label"]))
        for chart in section.charts:
            blocks.append(
                doc.Table(
                    caption=f"{chart.title} (graphique)",
                    header=["", chart.unit or "Valeur"],
                    rows=[[label, _number(value)] for label, value in chart.rows],
                )
            )
    return doc.Document(title=title, subtitle=subtitle, blocks=blocks)
