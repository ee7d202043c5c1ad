"""Partnership requests: filed by anyone, routed by the animator, answered by actors, then closed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.accounts.tokens import email_tag
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
from maillage.network.enums import Outcome, ThreadKind
from maillage.network.models import Actor, PartnershipRequest, Routing, ThreadEntry
from maillage.network.services import chat, mail
from maillage.network.services.tokens import routing_token_read

REMINDER_DAYS = 7


class RequestError(Exception):
    """A request action that cannot be done (French message)."""


@dataclass(frozen=True)
class Target:
    """Whom to route to: a listed person or a structure, with the suggestion's score and reasons."""

    actor: Actor | None = None
    structure: Structure | None = None
    score: int = 0
    reasons: tuple[str, ...] = ()


def _log(
    request: PartnershipRequest, kind: str, *, author: Any = None, label: str = "", note: str = ""
) -> None:
    user = author if getattr(author, "is_authenticated", False) else None
    ThreadEntry.objects.create(
        request=request,
        kind=kind,
        author=user,
        author_label=label or (user.get_username() if user else ""),
        note=note,
    )


def _refresh_state(request: PartnershipRequest) -> None:
    answers = [Answer(a) for a in request.routings.values_list("answer", flat=True)]
    request.state = state_of(answers, closed=request.closed_at is not None).value
    request.save(update_fields=["state"])


@transaction.atomic
def request_submit(*, fields: dict[str, Any]) -> PartnershipRequest:
    """Store the request (consent given), tell the animators, acknowledge to the requester."""
    if fields.get("date_from") and fields.get("date_to") and fields["date_to"] < fields["date_from"]:
        raise RequestError("Dates : la date de fin précède la date de début.")
    request = PartnershipRequest.objects.create(consent_at=timezone.now(), **fields)
    _log(request, ThreadKind.RECEIVED, label=f"{request.contact_name} ({request.organisation})")
    mail.request_received(request)
    chat.request_announce(request)
    return request


def _recipient(target: Target) -> tuple[str, str]:
    if target.actor is not None:
        return target.actor.name, target.actor.email
    if target.structure is not None:
        return target.structure.name, target.structure.email
    raise RequestError("Orientation : choisissez au moins un acteur.")


@transaction.atomic
def request_route(
    *, request: PartnershipRequest, targets: list[Target], message: str, author: Any
) -> list[Routing]:
    """Send the request to each target (once each); state becomes « orientée »."""
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    try:
        check_route(State(request.state))
    except TransitionError as exc:
        raise RequestError(str(exc)) from exc
    if not targets:
        raise RequestError("Orientation : choisissez au moins un acteur.")
    already = set(request.routings.values_list("actor_id", "structure_id"))
    routings = []
    for target in targets:
        label, email = _recipient(target)
        pair = (target.actor.pk if target.actor else None, target.structure.pk if target.structure else None)
        if pair in already:
            continue
        if not email:
            raise RequestError(
                f"Orientation : {label} n'a pas d'adresse de courriel, on ne peut pas le prévenir."
            )
        routing = Routing.objects.create(
            request=request,
            actor=target.actor,
            structure=target.structure,
            recipient_label=label,
            recipient_email=email,
            message=message.strip(),
            score=target.score,
            reasons=list(target.reasons),
        )
        mail.routing_sent(routing)
        routings.append(routing)
    if not routings:
        raise RequestError("Orientation : ces acteurs ont déjà reçu la demande.")
    names = ", ".join(r.recipient_label for r in routings)
    _log(
        request,
        ThreadKind.ROUTED,
        author=author,
        note=f"À {names}." + (f"\n{message.strip()}" if message.strip() else ""),
    )
    _refresh_state(request)
    return routings


def routing_from_token(token: str) -> Routing:
    read = routing_token_read(token)
    if read is None:
        raise RequestError("Ce lien n'est pas valable (incomplet, modifié ou trop ancien).")
    routing = Routing.objects.select_related("request", "request__commune").filter(pk=read[0]).first()
    if routing is None or not routing.recipient_email or email_tag(routing.recipient_email) != read[1]:
        raise RequestError("Cette orientation n'existe plus.")
    return routing


@transaction.atomic
def routing_answer(*, token: str, accept: bool, note: str = "") -> Routing:
    """The actor accepts or declines from the e-mailed link (no account); the animators are told."""
    routing = routing_from_token(token)
    request = PartnershipRequest.objects.select_for_update().get(pk=routing.request_id)
    routing = Routing.objects.select_related("request").get(pk=routing.pk)
    try:
        check_answer(Answer(routing.answer), State(request.state))
    except TransitionError as exc:
        raise RequestError(str(exc)) from exc
    now = timezone.now()
    routing.answer = (Answer.ACCEPTED if accept else Answer.DECLINED).value
    routing.answer_note = note.strip()
    routing.answered_at = now
    routing.save(update_fields=["answer", "answer_note", "answered_at"])
    if request.first_answer_at is None:
        request.first_answer_at = now
        request.save(update_fields=["first_answer_at"])
    kind = ThreadKind.ACCEPTED if accept else ThreadKind.DECLINED
    _log(request, kind, label=routing.recipient_label, note=routing.answer_note)
    _refresh_state(request)
    mail.routing_answered(routing)
    if accept:
        chat.acceptance_announce(routing)
    return routing


@transaction.atomic
def request_close(*, request: PartnershipRequest, outcome: str, note: str, author: Any) -> PartnershipRequest:
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    try:
        check_close(State(request.state))
    except TransitionError as exc:
        raise RequestError(str(exc)) from exc
    if outcome not in Outcome.values:
        raise RequestError("Issue : choisissez une issue dans la liste.")
    request.outcome = outcome
    request.outcome_note = note.strip()
    request.closed_at = timezone.now()
    request.save(update_fields=["outcome", "outcome_note", "closed_at"])
    _log(request, ThreadKind.CLOSED, author=author, note=f"{Outcome(outcome).label}. {note.strip()}".strip())
    _refresh_state(request)
    return request


@transaction.atomic
def request_note(*, request: PartnershipRequest, note: str, author: Any) -> None:
    if not note.strip():
        raise RequestError("Note : écrivez quelque chose.")
    _log(request, ThreadKind.NOTE, author=author, note=note.strip())


def reminders_send(*, now: datetime.datetime | None = None, after_days: int = REMINDER_DAYS) -> int:
    """Remind once each actor who has not answered after `after_days` days; returns how many."""
    now = now or timezone.now()
    sent = 0
    waiting = Routing.objects.filter(answer=Answer.PENDING, reminded_at__isnull=True).exclude(
        request__closed_at__isnull=False
    )
    for routing in waiting.select_related("request"):
        days = (now - routing.created_at).total_seconds() / 86400
        if not reminder_due(
            answer=Answer(routing.answer), days_waiting=days, reminded=False, after_days=after_days
        ):
            continue
        with transaction.atomic():
            claimed = Routing.objects.filter(pk=routing.pk, reminded_at__isnull=True).update(reminded_at=now)
            if claimed:
                _log(
                    routing.request,
                    ThreadKind.REMINDED,
                    label="Maillage",
                    note=f"Relance à {routing.recipient_label}.",
                )
                mail.routing_reminded(routing)
                sent += 1
    return sent
