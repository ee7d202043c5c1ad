"""The request's states and the ranking's arithmetic, without a database."""

from __future__ import annotations

import pytest

from maillage.network.domain.ranking import Candidate, Need, rank
from maillage.network.domain.states import (
    Answer,
    State,
    TransitionError,
    check_answer,
    check_close,
    check_route,
    reminder_due,
    state_of,
)


@pytest.mark.parametrize(
    ("answers", "closed", "expected"),
    [
        ([], False, State.RECEIVED),
        ([Answer.PENDING], False, State.ROUTED),
        ([Answer.PENDING, Answer.DECLINED], False, State.ROUTED),
        ([Answer.DECLINED, Answer.DECLINED], False, State.DECLINED),
        ([Answer.DECLINED, Answer.ACCEPTED], False, State.ACCEPTED),
        ([Answer.ACCEPTED], True, State.CLOSED),
        ([], True, State.CLOSED),
    ],
)
def test_state_of(answers: list[Answer], closed: bool, expected: State) -> None:
    assert state_of(answers, closed=closed) == expected


def test_transitions_refused_with_french_reasons() -> None:
    with pytest.raises(TransitionError, match="close"):
        check_route(State.CLOSED)
    with pytest.raises(TransitionError, match=r"déjà répondu.*acceptée"):
        check_answer(Answer.ACCEPTED, State.ACCEPTED)
    with pytest.raises(TransitionError, match="n'est plus attendue"):
        check_answer(Answer.PENDING, State.CLOSED)
    with pytest.raises(TransitionError, match="déjà close"):
        check_close(State.CLOSED)
    check_route(State.DECLINED)  # a declined request is routed again
    check_answer(Answer.PENDING, State.ROUTED)


def test_reminder_once_after_the_delay() -> None:
    assert reminder_due(answer=Answer.PENDING, days_waiting=7.0, reminded=False, after_days=7)
    assert not reminder_due(answer=Answer.PENDING, days_waiting=6.9, reminded=False, after_days=7)
    assert not reminder_due(answer=Answer.PENDING, days_waiting=30, reminded=True, after_days=7)
    assert not reminder_due(answer=Answer.DECLINED, days_waiting=30, reminded=False, after_days=7)


THEME = "Aide aux démarches administratives"


def test_rank_adds_theme_territory_and_role_with_reasons() -> None:
    need = Need(theme=THEME, insee_code="42147", epci="200065886", role="conseiller")
    both = Candidate(
        key="person:1", label="B", role="conseiller", skills=frozenset({THEME}), communes=frozenset({"42147"})
    )
    place = Candidate(
        key="structure:1", label="A", place_services=frozenset({THEME}), epcis=frozenset({"200065886"})
    )
    wide = Candidate(key="person:2", label="C", department_wide=True)
    role_only = Candidate(key="person:3", label="D", role="conseiller")
    elsewhere = Candidate(key="structure:2", label="E", place_communes=frozenset({"42187"}))
    ranked = rank([elsewhere, role_only, wide, place, both], need, commune_name="Montbrison")
    assert [(s.candidate.key, s.score) for s in ranked] == [
        ("person:1", 10),
        ("structure:1", 5),
        ("person:2", 1),
    ]
    assert ranked[0].reasons == (
        f"thématique déclarée : {THEME}",
        "intervient à Montbrison",
        "a le rôle demandé",
    )
    assert ranked[1].reasons == (
        f"un de ses lieux propose : {THEME}",
        "présent dans l'intercommunalité 200065886",
    )


def test_rank_ties_by_label_and_limit() -> None:
    need = Need(theme=THEME)
    people = [
        Candidate(key=f"person:{n}", label=label, skills=frozenset({THEME})) for n, label in enumerate("cBa")
    ]
    assert [s.candidate.label for s in rank(people, need, limit=2)] == ["a", "B"]
