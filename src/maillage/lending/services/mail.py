"""E-mails of lending, sent once the transaction commits: requests, decisions, offers, late returns."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from maillage.agenda.services.mail import absolute, later
from maillage.lending.domain.days import DayRange
from maillage.lending.models import Booking, SupportRequest


def _animators() -> list[str]:
    return list(settings.MAILLAGE_ANIMATOR_EMAILS) or list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _requester(booking: Booking | SupportRequest) -> list[str]:
    user = booking.requested_by
    return [user.email] if user is not None and user.email else []


def _days(booking: Booking) -> str:
    return DayRange(booking.start, booking.end).label()


def _to_requester(booking: Booking, subject: str, text: str) -> None:
    recipients = _requester(booking)
    if recipients:
        link = absolute(reverse("lending:booking-detail", args=[booking.pk]))
        later(send_mail, subject, f"Bonjour,\n\n{text}\n\nVotre demande : {link}\n", None, recipients)


def booking_requested(booking: Booking) -> None:
    recipients = _animators()
    if recipients:
        body = (
            f"{booking.structure.name} demande « {booking.kit.name} » {_days(booking)}.\n\n"
            f"Pour quoi faire : {booking.purpose}\n\nÀ traiter : {absolute(reverse('lending:queue'))}\n"
        )
        later(
            send_mail,
            f"Prêt : demande de {booking.structure.name}, {booking.kit.name}",
            body,
            None,
            recipients,
        )
    waiting = " Le kit est déjà pris : vous êtes en liste d'attente." if booking.status == "attente" else ""
    _to_requester(
        booking,
        f"Demande reçue : {booking.kit.name}",
        f"Votre demande de « {booking.kit.name} » {_days(booking)} est reçue.{waiting}",
    )


def booking_decided(booking: Booking) -> None:
    kit = booking.kit.name
    if booking.status == "confirmee":
        where = f" Retrait : {booking.kit.pickup_place}." if booking.kit.pickup_place else ""
        _to_requester(
            booking, f"Prêt confirmé : {kit}", f"Le prêt de « {kit} » {_days(booking)} est confirmé.{where}"
        )
    elif booking.status == "proposee" and booking.proposed_start and booking.proposed_end:
        other = DayRange(booking.proposed_start, booking.proposed_end).label()
        note = f"\n\n{booking.answer}" if booking.answer else ""
        _to_requester(
            booking,
            f"Autres dates proposées : {kit}",
            f"« {kit} » n'est pas libre {_days(booking)}. L'animation vous propose {other} : acceptez ou "
            f"annulez depuis votre demande.{note}",
        )
    elif booking.status == "refusee":
        _to_requester(
            booking,
            f"Demande de prêt refusée : {kit}",
            f"La demande de « {kit} » {_days(booking)} est refusée.\n\nMotif : {booking.answer}",
        )
    elif booking.status == "annulee":
        _to_requester(booking, f"Prêt annulé : {kit}", f"Le prêt de « {kit} » {_days(booking)} est annulé.")


def booking_offered(booking: Booking) -> None:
    """A waiting request whose dates came free goes back to the animator's queue."""
    _to_requester(
        booking,
        f"Dates libérées : {booking.kit.name}",
        f"« {booking.kit.name} » s'est libéré {_days(booking)} : votre demande en attente repasse devant "
        "l'animation, qui vous confirmera le prêt.",
    )
    recipients = _animators()
    if recipients:
        body = (
            f"Une réservation annulée libère « {booking.kit.name} » {_days(booking)} "
            f"pour {booking.structure.name}."
        )
        later(send_mail, f"Prêt : liste d'attente, {booking.kit.name}", body, None, recipients)


def booking_late(booking: Booking) -> None:
    """Sent by `maillage reminders`, outside any request (now, not on commit)."""
    recipients = _requester(booking) + [e for e in _animators() if e not in _requester(booking)]
    if recipients:
        body = (
            f"Bonjour,\n\n« {booking.kit.name} » devait être rendu le {booking.end:%d/%m/%Y} par "
            f"{booking.structure.name}. Merci de le rapporter au plus vite ou de prévenir l'animation "
            "du réseau : d'autres structures l'attendent.\n"
        )
        send_mail(f"Retour en retard : {booking.kit.name}", body, None, recipients)


def support_requested(support: SupportRequest) -> None:
    recipients = _animators()
    if recipients:
        body = (
            f"{support.structure.name} demande un soutien pour « {support.title} » "
            f"{DayRange(support.start, support.end).label()}.\n\n{support.description}\n\n"
            f"À traiter : {absolute(reverse('lending:queue'))}\n"
        )
        later(send_mail, f"Soutien à un événement : {support.title}", body, None, recipients)


def support_decided(support: SupportRequest) -> None:
    recipients = _requester(support)
    if not recipients:
        return
    if support.status == "planifie":
        staff = ", ".join(u.get_full_name() or u.get_username() for u in support.staff.all())
        kit = f" avec « {support.booking.kit.name} »" if support.booking else ""
        text = f"Le soutien à « {support.title} » est planifié{kit}." + (
            f" Équipe : {staff}." if staff else ""
        )
    else:
        text = f"Le soutien à « {support.title} » n'est pas possible.\n\nMotif : {support.answer}"
    later(send_mail, f"Soutien à un événement : {support.title}", f"Bonjour,\n\n{text}\n", None, recipients)
