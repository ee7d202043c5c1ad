"""The annual gathering: registration to one or more sessions (seats checked first, all or nothing),
attendance ticked on the day."""

from __future__ import annotations

import itertools

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.agenda.services.mail import PARIS, absolute, later
from maillage.network.models import Gathering, Session, SessionRegistration


class GatheringError(Exception):
    """A registration that cannot be taken (French message naming the session)."""


def sessions_register(
    *, gathering: Gathering, session_ids: list[int], name: str, email: str, organisation: str = ""
) -> list[SessionRegistration]:
    try:
        return _register(gathering.pk, session_ids, name.strip(), email.strip().lower(), organisation.strip())
    except IntegrityError as exc:  # the same address twice at once
        raise GatheringError("Courriel : cette adresse est déjà inscrite à l'une de ces sessions.") from exc


@transaction.atomic
def _register(
    gathering_id: int, session_ids: list[int], name: str, email: str, organisation: str
) -> list[SessionRegistration]:
    gathering = Gathering.objects.select_for_update().select_related("event").get(pk=gathering_id)
    if not gathering.registration_open:
        raise GatheringError("Les inscriptions à cette rencontre sont closes.")
    sessions = list(Session.objects.filter(gathering=gathering, pk__in=session_ids).order_by("begin", "pk"))
    if not sessions:
        raise GatheringError("Sessions : choisissez au moins une session.")
    now = timezone.now()
    for session in sessions:  # every check before any write
        if session.begin <= now:
            raise GatheringError(f"« {session.title} » a déjà commencé.")
        if session.registrations.filter(email=email).exists():
            raise GatheringError(f"Courriel : cette adresse est déjà inscrite à « {session.title} ».")
        if session.capacity is not None and session.registrations.count() >= session.capacity:
            raise GatheringError(f"« {session.title} » est complète : choisissez une autre session.")
    for first, second in itertools.pairwise(sessions):
        if second.begin < first.end:
            raise GatheringError(f"« {first.title} » et « {second.title} » ont lieu en même temps.")
    made = [
        SessionRegistration.objects.create(session=s, name=name, email=email, organisation=organisation)
        for s in sessions
    ]
    lines = "\n".join(
        f"- {s.begin.astimezone(PARIS):%d/%m/%Y %H:%M} · {s.title}" + (f" (salle {s.room})" if s.room else "")
        for s in sessions
    )
    body = (
        f"Bonjour {name},\n\nVotre inscription à « {gathering.event.title} » est enregistrée :\n{lines}\n\n"
        f"Programme : {absolute(gathering.get_absolute_url())}\n"
    )
    later(send_mail, f"Inscription : {gathering.event.title}", body, None, [email])
    return made


@transaction.atomic
def attendance_set(*, gathering: Gathering, present_ids: set[int]) -> int:
    """Tick who came (the ids given) and untick the others; returns how many are present."""
    registrations = SessionRegistration.objects.filter(session__gathering=gathering)
    registrations.filter(pk__in=present_ids).update(attended=True)
    registrations.exclude(pk__in=present_ids).update(attended=False)
    return registrations.filter(attended=True).count()
