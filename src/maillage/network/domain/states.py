"""The life of a partnership request: reçue → orientée → acceptée / déclinée → close (with an outcome).

The request's state follows from its routings' answers, except « close », which the animator decides.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class State(enum.StrEnum):
    RECEIVED = "received"
    ROUTED = "routed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CLOSED = "closed"


class Answer(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class TransitionError(ValueError):
    """A change the request's state does not allow (French message)."""


def state_of(answers: Iterable[Answer], *, closed: bool) -> State:
    """Closed wins; then one acceptance is enough; all routings declined; any routing at all; nothing."""
    if closed:
        return State.CLOSED
    answers = list(answers)
    if not answers:
        return State.RECEIVED
    if Answer.ACCEPTED in answers:
        return State.ACCEPTED
    if all(answer == Answer.DECLINED for answer in answers):
        return State.DECLINED
    return State.ROUTED


def check_route(state: State) -> None:
    if state == State.CLOSED:
        raise TransitionError("Cette demande est close : rouvrez-la avant de l'orienter à nouveau.")


def check_answer(current: Answer, state: State) -> None:
    if state == State.CLOSED:
        raise TransitionError("Cette demande est close : votre réponse n'est plus attendue.")
    if current != Answer.PENDING:
        label = "acceptée" if current == Answer.ACCEPTED else "déclinée"
        raise TransitionError(f"Vous avez déjà répondu à cette demande (vous l'avez {label}).")


def check_close(state: State) -> None:
    if state == State.CLOSED:
        raise TransitionError("Cette demande est déjà close.")


def reminder_due(*, answer: Answer, days_waiting: float, reminded: bool, after_days: int) -> bool:
    """One reminder, after `after_days` days without an answer."""
    return answer == Answer.PENDING and not reminded and days_waiting >= after_days
