"""The territorial diagnosis printed to PDF (WeasyPrint through `core.pdf`): map, tables, method."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from maillage.core.pdf import render_pdf
from maillage.territory import maps, selectors


def diagnosis_pdf(context: dict[str, Any], *, title: str) -> bytes:
    """`context` is the analysis context of the page (see views.pages.analysis_context)."""
    scores = {item.row.insee_code: item.scored.score for item in context["ranked"]}
    chart = maps.choropleth(
        selectors.commune_outlines(),
        scores,
        title=f"Score de manque d'aide numérique : {title}",
        inline_css=True,
    )
    return render_pdf(
        "territory/diagnosis_pdf.html",
        {
            **context,
            "title": title,
            "map_svg": chart.svg,
            "legend": maps.legend_rows(chart.classes),
            "printed_on": timezone.localdate(),
        },
    )
