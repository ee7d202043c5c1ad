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


LINE_CHARS = 38  # of a label line at 11 px in the 250 px label column
LABEL_LINES = 3  # a longer label ends with « … » (the table fallback and the description keep it whole)


def label_lines(label: str) -> list[str]:
    """`label` wrapped on word boundaries into at most LABEL_LINES lines of LINE_CHARS characters."""
    lines: list[str] = []
    current = ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > LINE_CHARS:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LINE_CHARS - 1].rstrip() + "…"
    return [line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…" for line in lines] or [""]


def bar_chart(
    *, chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = "", description: str = ""
) -> Chart:
    """Horizontal bars, one per row (label, value); the largest value fills the width. A long label wraps
    on up to three lines (its row grows), so that a report printed on paper still says what each bar is."""
    label_width, bar_width, row_height, top, line_height = 250, 290, 26, 8, 13
    width = label_width + bar_width + 90
    largest = max((value for _, value in rows), default=0) or 1
    if not description:
        listed = "; ".join(f"{label} : {_number(value)} {unit}".strip() for label, value in rows[:6])
        description = f"{len(rows)} barres. {listed}{'…' if len(rows) > 6 else ''}"
    bars: list[str] = []
    y = top
    for label, value in rows:
        lines = label_lines(label)
        height = max(row_height, line_height * len(lines) + 10)
        middle = y + height / 2
        first = middle + 4 - line_height * (len(lines) - 1) / 2
        spans = "".join(
            f'<tspan x="{label_width - 6}" y="{first + n * line_height:g}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        length = round(bar_width * value / largest, 1)
        bars += [
            f'<text text-anchor="end" font-size="11" fill="{TEXT}">{spans}</text>',
            f'<rect x="{label_width}" y="{middle - 8:g}" width="{length}" height="16" fill="{BAR}"/>',
            f'<text x="{label_width + length + 4}" y="{middle + 4:g}" font-size="12" '
            f'fill="{TEXT}">{escape(_number(value))}</text>',
        ]
        y += height
    height = max(y, top + row_height) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:g}" width="{width}" '
        f'height="{height:g}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 4:g}" stroke="{GRID}"/>',
        *bars,
        "</svg>",
    ]
    return Chart(chart_id, title, description, unit, rows, "".join(parts))
