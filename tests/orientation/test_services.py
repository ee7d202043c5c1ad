"""The anonymous count of completed orientations: atomic, and once per query per session."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from maillage.orientation.models import OrientationCount
from maillage.orientation.services import SESSION_KEY, orientation_count, orientation_count_once

pytestmark = pytest.mark.django_db
DAY = date(2025, 12, 1)


def counts() -> list[tuple[str, str | None, date, int]]:
    return list(
        OrientationCount.objects.order_by("need", "insee_code").values_list(
            "need", "insee_code", "date", "count"
        )
    )


def test_a_count_is_created_then_incremented() -> None:
    orientation_count(need_slug="demarche-en-ligne", insee_code="42147", day=DAY)
    orientation_count(need_slug="demarche-en-ligne", insee_code="42147", day=DAY)
    orientation_count(need_slug="demarche-en-ligne", insee_code="42218", day=DAY)
    orientation_count(need_slug="demarche-en-ligne", insee_code="42147", day=date(2025, 12, 2))
    assert sorted(counts()) == [
        ("demarche-en-ligne", "42147", DAY, 2),
        ("demarche-en-ligne", "42147", date(2025, 12, 2), 1),
        ("demarche-en-ligne", "42218", DAY, 1),
    ]


def test_without_a_commune_one_row_per_need_and_day() -> None:
    # NULL is distinct in a plain unique constraint: a conditional one keeps a single row.
    for _ in range(3):
        orientation_count(need_slug="smartphone-tablette", insee_code=None, day=DAY)
    orientation_count(need_slug="smartphone-tablette", insee_code="", day=DAY)
    assert counts() == [("smartphone-tablette", None, DAY, 4)]


def test_the_increment_is_done_by_the_database() -> None:
    orientation_count(need_slug="loisirs-numeriques", insee_code="42147", day=DAY)
    stale = OrientationCount.objects.get()
    orientation_count(need_slug="loisirs-numeriques", insee_code="42147", day=DAY)
    stale.refresh_from_db()
    assert stale.count == 2  # F("count") + 1: a concurrent writer's increment is never lost


def test_a_session_counts_each_query_once() -> None:
    session: dict[str, Any] = {}
    args: dict[str, Any] = {"need_slug": "demarche-en-ligne", "insee_code": "42147", "day": DAY}
    assert orientation_count_once(session=session, query_key="aaaa", **args)
    assert not orientation_count_once(session=session, query_key="aaaa", **args)  # a reload
    assert orientation_count_once(session=session, query_key="bbbb", **args)  # another query
    assert orientation_count_once(session={}, query_key="aaaa", **args)  # another session
    assert counts() == [("demarche-en-ligne", "42147", DAY, 3)]
    assert session[SESSION_KEY] == ["aaaa", "bbbb"]


def test_a_session_remembers_a_bounded_number_of_queries() -> None:
    session: dict[str, Any] = {}
    for number in range(150):
        orientation_count_once(
            session=session, query_key=f"{number:04x}", need_slug="emploi-en-ligne", insee_code=None, day=DAY
        )
    assert len(session[SESSION_KEY]) == 100
    assert counts() == [("emploi-en-ligne", None, DAY, 150)]
