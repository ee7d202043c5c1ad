"""E-mails of the agenda, sent after the transaction commits: registrations, reminders, decisions."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.urls import reverse

from maillage.agenda.enums import RegistrationStatus
from maillage.agenda.models import Event, EventSlot, Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CANCEL_SALT = "maillage.agenda.registration-cancel"


def later(send: Callable[..., object], *args: Any) -> None:
    """Send once the transaction commits; a failing e-mail never undoes the registration or decision."""

    def run() -> None:
        send(*args)

    run.__qualname__ = f"agenda.{getattr(send, '__name__', 'mail')}"
    transaction.on_commit(run, robust=True)


def cancel_token(registration: Registration) -> str:
    """A signed token naming the registration: whoever holds the link may cancel it (no account)."""
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT, compress=True)


def cancel_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    return data["r"], str(data.get("e", ""))


def absolute(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def slot_label(slot: EventSlot) -> str:
    begin, end = slot.begin.astimezone(PARIS), slot.end.astimezone(PARIS)
    if begin.date() == end.date():
        return f"le {begin:%d/%m/%Y} de {begin:%H:%M} à {end:%H:%M}"
    return f"du {begin:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}"


def where(event: Event) -> str:
    parts = [
        event.location_name,
        event.address,
        f"{event.postal_code} {event.commune.name if event.commune else ''}",
    ]
    text = ", ".join(part.strip() for part in parts if part and part.strip())
    if event.online_url:
        text = f"{text} — en ligne : {event.online_url}" if text else f"en ligne : {event.online_url}"
    return text


def _cancel_link(registration: Registration) -> str:
    return absolute(reverse("agenda:registration-cancel", args=[cancel_token(registration)]))


def registration_confirm(registration: Registration) -> None:
    """Confirmation (a seat or a place on the waiting list), with the signed link to cancel.

    The message is written now, inside the transaction, and leaves once it commits (no read after it).
    """
    if not registration.email:  # registered by the organiser, by phone or at the desk: nothing to send
        return
    slot, event = registration.slot, registration.slot.event
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = f"Inscription confirmée : {event.title}"
        head = f"Votre inscription à « {event.title} » {slot_label(slot)} est confirmée."
    else:
        subject = f"Liste d'attente : {event.title}"
        head = (
            f"Le créneau {slot_label(slot)} de « {event.title} » est complet : vous êtes sur la liste "
            "d'attente. Si une place se libère, vous recevrez un courriel : votre inscription sera alors "
            "confirmée sans autre démarche."
        )
    body = (
        f"Bonjour {registration.name},\n\n{head}\n\nLieu : {where(event)}\n"
        f"Détails : {absolute(event.get_absolute_url())}\n\n"
        f"Pour annuler votre inscription (et libérer la place) : {_cancel_link(registration)}\n\n"
        f"Vos coordonnées sont supprimées {settings.MAILLAGE_AGENDA_RETENTION_DAYS} jours "
        "après l'événement.\n"
    )
    later(send_mail, subject, body, None, [registration.email])


def registration_promoted(registration: Registration) -> None:
    if not registration.email:
        return
    slot, event = registration.slot, registration.slot.event
    body = (
        f"Bonjour {registration.name},\n\nUne place s'est libérée : votre inscription à « {event.title} » "
        f"{slot_label(slot)} est confirmée.\n\nLieu : {where(event)}\n"
        f"Détails : {absolute(event.get_absolute_url())}\n\n"
        f"Si vous ne pouvez plus venir, annulez pour laisser la place : {_cancel_link(registration)}\n"
    )
    later(
        send_mail, f"Place libérée, inscription confirmée : {event.title}", body, None, [registration.email]
    )


def registration_remind(registration: Registration) -> None:
    if not registration.email:
        return
    slot, event = registration.slot, registration.slot.event
    body = (
        f"Bonjour {registration.name},\n\nRappel : « {event.title} » a lieu {slot_label(slot)}.\n\n"
        f"Lieu : {where(event)}\nDétails : {absolute(event.get_absolute_url())}\n\n"
        f"Si vous ne pouvez pas venir, annulez pour laisser la place : {_cancel_link(registration)}\n"
    )
    send_mail(f"Rappel : {event.title} demain", body, None, [registration.email])


def status_announce(event_id: uuid.UUID, note: str) -> None:
    """Tell the people registered that the event is cancelled or postponed."""
    event = Event.objects.get(pk=event_id)
    label = event.get_status_display().lower()
    registrations = (
        Registration.objects.filter(slot__event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(email="")
    )
    messages = [
        (
            f"Événement {label} : {event.title}",
            f"Bonjour {r.name},\n\n« {event.title} » est {label}."
            + (f"\n\n{note}" if note else "")
            + f"\n\nDétails : {absolute(event.get_absolute_url())}\n",
            None,
            [r.email],
        )
        for r in registrations
    ]
    send_mass_mail(messages)


def proposal_announce(event_id: uuid.UUID) -> None:
    """The animators learn that an event waits for moderation."""
    event = Event.objects.get(pk=event_id)
    recipients = list(settings.MAILLAGE_ANIMATOR_EMAILS) or list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        body = f"« {event.title} » attend votre décision : {absolute(reverse('agenda:moderation-list'))}\n"
        send_mail(f"Agenda : événement proposé, {event.title}", body, None, recipients)


def decision_send(event_id: uuid.UUID) -> None:
    event = Event.objects.get(pk=event_id)
    if not event.proposer_email:
        return
    if event.publication == "published":
        subject = f"Votre événement est publié : {event.title}"
        body = (
            f"Bonjour,\n\n« {event.title} » est publié dans l'agenda : {absolute(event.get_absolute_url())}\n"
        )
    else:
        subject = f"Votre proposition d'événement n'est pas retenue : {event.title}"
        body = f"Bonjour,\n\n« {event.title} » n'est pas publié.\n\nMotif : {event.rejection_reason}\n"
    send_mail(subject, body, None, [event.proposer_email])
