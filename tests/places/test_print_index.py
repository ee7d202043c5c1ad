"""The booklet's indexes: cut into pages of two columns (print_index.pack), and their page references right.

The whole Loire booklet is printed once: every index entry's « n° N (p. P) » must point to the page where
card N is printed, in both indexes, and every card must be in the A-Z index exactly once.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from maillage.core.pdf import render_pdf
from maillage.home.demo import demo_load
from maillage.publishing import print_index
from maillage.publishing.forms import PlaceSearchForm
from maillage.publishing.printing import booklet_context

REF = re.compile(r"n° (\d+) \(p\. (\d+)\)")


def _pack(heights_by_section: list[list[float]], page: float, title: float = 5.0) -> list[Any]:
    sections = [
        (f"s{number}", f"S{number}", [f"{number}-{index}" for index in range(len(heights))], title, heights)
        for number, heights in enumerate(heights_by_section)
    ]
    return print_index.pack(sections, page_height=page)


def _columns_height(chunk: Any, heights: dict[str, float]) -> list[float]:
    return [sum(heights[entry] for entry in column) for column in chunk.columns]


def test_pack_keeps_every_entry_in_order_within_the_page() -> None:
    page = 100.0 + print_index.SLACK
    lengths = [[3, 7, 12, 5, 9, 4, 4, 20, 6, 8] * 4, [6, 6, 11, 3, 8] * 5]
    packed = _pack([list(map(float, section)) for section in lengths], page)
    heights = {
        f"{number}-{index}": float(height)
        for number, section in enumerate(lengths)
        for index, height in enumerate(section)
    }
    for number, section in enumerate(packed):
        entries = [entry for chunk in section.chunks for column in chunk.columns for entry in column]
        assert entries == [f"{number}-{index}" for index in range(len(lengths[number]))]  # all, in order
    used = 0.0
    for section in packed:
        used = 0.0 if section.new_page else used
        used += 5.0
        for chunk in section.chunks:
            used = 0.0 if chunk.new_page else used
            columns = _columns_height(chunk, heights)
            assert max(columns) <= page - used - print_index.SLACK + 1e-9  # the chunk fits in its page
            used += max(columns)


def test_pack_balances_the_last_page_and_fills_the_others() -> None:
    page = 100.0 + print_index.SLACK
    section = [4.0] * 119  # a first page of 2 x 23 entries (under the title), a second of 2 x 25, then 23
    (packed,) = _pack([section], page)
    chunks = packed.chunks
    assert [len(column) for column in chunks[0].columns] == [23, 23]  # 92 of the 95 left under the title
    assert [len(column) for column in chunks[1].columns] == [25, 25]  # a full page: 100
    assert [len(column) for column in chunks[2].columns] == [12, 11]  # the rest, balanced
    assert [chunk.new_page for chunk in chunks] == [False, True, True]


def test_pack_starts_an_index_on_a_new_page_when_its_title_would_be_left_alone() -> None:
    page = 100.0 + print_index.SLACK
    first, second = _pack([[4.0] * 46, [4.0] * 6], page)  # the first index fills its page
    assert not first.new_page
    assert second.new_page
    assert [len(column) for column in second.chunks[0].columns] == [3, 3]


@pytest.fixture(scope="module")
def loire_booklet(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[dict[str, Any], bytes]]:
    with django_db_blocker.unblock():
        demo_load(with_france=False)
        form = PlaceSearchForm({})
        now = timezone.now()
        context = booklet_context(
            form.search_filters(now=now), now, selection=form.selection_lines(), errors=form.error_list()
        )
        yield context, render_pdf("publishing/print/booklet.html", context)
        call_command("flush", interactive=False, verbosity=0)


def _pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing")
    path = tmp_path / "booklet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.django_db
def test_the_index_page_numbers_are_the_pages_of_the_cards(
    loire_booklet: tuple[dict[str, Any], bytes], tmp_path: Path
) -> None:
    context, pdf = loire_booklet
    pages = _pages_text(pdf, tmp_path)
    cards = {item.number: item for item in context["cards"]}
    assert len(cards) > 100  # the whole Loire census: an index of several pages
    first_index = next(number for number, page in enumerate(pages) if "Index des communes" in page)
    names_index = next(number for number, page in enumerate(pages) if "Index des lieux de A à Z" in page)
    assert len(pages[first_index:]) >= 3
    refs = [(int(number), int(page)) for text in pages[first_index:] for number, page in REF.findall(text)]
    assert sorted({number for number, _ in refs}) == sorted(cards)  # each card in the indexes
    for number, page in refs:
        card_page = pages[page - 1]
        name = " ".join(cards[number].place.name.split())
        # The card starts on that page: its number, then its name (a long name may wrap, hence its start)
        assert re.search(rf"(^| ){number} {re.escape(name[:20])}", card_page), (number, page)
    communes_part = pages[names_index].split("Index des lieux de A à Z")[1]
    names_refs = [number for number, _ in REF.findall(communes_part)] + [
        number for text in pages[names_index + 1 :] for number, _ in REF.findall(text)
    ]
    assert sorted(map(int, names_refs)) == sorted(cards)  # the A-Z index: every card once
