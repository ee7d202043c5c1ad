"""Server-side SVG bar charts, accessible: a title, a description, and the table that says the same.

Pure functions: numbers in, SVG text out (escaped). Colours meet WCAG contrast on white; every bar
carries its value in text, so nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BAR = "#1d5fa8"  # 6.3:1 on white
TEXT = "#1f2328"
GRID = "#6b7280"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    unit: str
    rows: list[tuple[str, float]]
    svg: str


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def bar_chart(
    *, chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = "", description: str = ""
) -> Chart:
    """Horizontal bars, one per row (label, value); the largest value fills the width."""
    label_width, bar_width, row_height, top = 250, 290, 26, 8
    height = top + row_height * max(len(rows), 1) + 8
    width = label_width + bar_width + 90
    largest = max((value for _, value in rows), default=0) or 1
    if not description:
        listed = "; ".join(f"{label} : {_number(value)} {unit}".strip() for label, value in rows[:6])
        description = f"{len(rows)} barres. {listed}{'…' if len(rows) > 6 else ''}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 4}" stroke="{GRID}"/>',
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height
        length = round(bar_width * value / largest, 1)
        shown = label if len(label) <= 36 else label[:35] + "…"
        parts += [
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{escape(shown)}</text>',
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="16" fill="{BAR}"/>',
            f'<text x="{label_width + length + 4}" y="{y + 16}" font-size="12" '
            f'fill="{TEXT}">{escape(_number(value))}</text>',
        ]
    parts.append("</svg>")
    return Chart(chart_id, title, description, unit, rows, "".join(parts))
