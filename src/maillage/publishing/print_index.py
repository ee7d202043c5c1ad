"""The booklet's two indexes in two columns, cut into pages here rather than by CSS columns.

WeasyPrint lays out CSS columns by rendering them again and again until they balance, and does it on every
pass that `target-counter()` page references require. Here the entries are measured once instead, in a
one-column document as wide as an index column (an index entry's height does not depend on where it
lies), and `index_pages` packs them: full columns on full pages, the last page of each index balanced. The
booklet then prints each page's two columns as two floats of fixed width (`.index-col`, 88 mm in
_print.css); the page references stay `target-counter()`, so they are WeasyPrint's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from maillage.core.pdf import html_anchors

MM = 96 / 25.4  # CSS px per millimetre
PAGE_HEIGHT = (297 - 12 - 14) * MM  # A4 less the booklet's top and bottom margins (_print.css)
SLACK = 3 * MM  # kept free at the foot of each column, against rounding


@dataclass(frozen=True)
class IndexChunk:
    """One page's share of an index: its columns (lists of entries); `new_page` starts a page."""

    columns: list[list[Any]]
    new_page: bool


@dataclass(frozen=True)
class IndexSection:
    id: str
    title: str
    chunks: list[IndexChunk]
    new_page: bool  # the title itself starts a page (too little room left after the previous index)


def _balanced(heights: Sequence[float], room: float) -> int | None:
    """Where to cut `heights` into two columns of at most `room`, the taller as short as possible."""
    total, best, cut, prefix = sum(heights), None, None, 0.0
    for k in range(len(heights) + 1):
        taller = max(prefix, total - prefix)
        if taller <= room and (best is None or taller <= best):  # ties: the longer first column
            best, cut = taller, k
        if k < len(heights):
            prefix += heights[k]
    return cut


def _fill(heights: Sequence[float], start: int, room: float) -> int:
    """The end of a column filled from `start` within `room` (one entry at least)."""
    end, used = start, 0.0
    while end < len(heights) and (end == start or used + heights[end] <= room):
        used += heights[end]
        end += 1
    return end


def pack(
    sections: Sequence[tuple[str, str, Sequence[Any], float, Sequence[float]]],
    page_height: float = PAGE_HEIGHT,
) -> list[IndexSection]:
    """Sections (id, title, entries, title height, entry heights) cut into pages of two columns."""
    packed: list[IndexSection] = []
    used, full = 0.0, False  # the height taken on the current page, whether it is full (the first is new)
    for section_id, title, entries, title_height, heights in sections:
        first_height = heights[0] if heights else 0.0
        new_section_page = bool(packed) and (full or used + title_height + first_height > page_height - SLACK)
        if new_section_page:
            used = 0.0
        used += title_height
        chunks: list[IndexChunk] = []
        start, new_page, full = 0, False, False
        while start < len(entries):
            room = page_height - used - SLACK
            cut = _balanced(heights[start:], room)
            if cut is not None:  # the rest fits on this page: two balanced columns
                left, right = list(entries[start : start + cut]), list(entries[start + cut :])
                chunks.append(IndexChunk([column for column in (left, right) if column], new_page))
                used += max(sum(heights[start : start + cut]), sum(heights[start + cut :]))
                break
            middle = _fill(heights, start, room)
            end = _fill(heights, middle, room) if middle < len(entries) else middle
            chunks.append(IndexChunk([list(entries[start:middle]), list(entries[middle:end])], new_page))
            start, used, new_page, full = end, 0.0, True, True
        packed.append(IndexSection(section_id, title, chunks, new_section_page))
    return packed


def index_pages(sections: Sequence[tuple[str, str, Sequence[Any]]]) -> list[IndexSection]:
    """The indexes (id, title, entries) measured at an index column's width, then packed into pages.

    Each entry is printed by _index_entry.html (a CommuneGroup or a PrintedCard); its page references are
    measured as « (p. 000) », as wide as any page number of a booklet (digits are equally wide).
    """
    measure = [
        {
            "title": title,
            "title_id": f"m-{number}-title",
            "entries": [(f"m-{number}-{index}", entry) for index, entry in enumerate(entries)],
            "end_id": f"m-{number}-{len(entries)}",
        }
        for number, (_, title, entries) in enumerate(sections)
    ]
    anchors = html_anchors(render_to_string("publishing/print/index_measure.html", {"sections": measure}))
    measured = []
    for number, (section_id, title, entries) in enumerate(sections):
        tops = [anchors[f"m-{number}-{index}"] for index in range(len(entries) + 1)]
        title_height = tops[0] - anchors[f"m-{number}-title"]
        heights = [below - above for above, below in itertools.pairwise(tops)]
        measured.append((section_id, title, entries, title_height, heights))
    return pack(measured)
