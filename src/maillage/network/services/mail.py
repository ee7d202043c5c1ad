"""E-mails of the network, sent once the transaction commits (a failing e-mail undoes nothing)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from maillage.agenda.services.mail import absolute, later
from maillage.network.models import Actor, PartnershipRequest, Routing
from maillage.network.services.tokens import actor_token, routing_token


def _animator_emails() -> list[str]:
    return list(settings.MAILLAGE_ANIMATOR_EMAILS) or list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _actor_link(name: str, actor: Actor) -> str:
    return absolute(reverse(name, args=[actor_token(actor_id=actor.pk, email=actor.email)]))


def manage_link(actor: Actor) -> str:
    return _actor_link("network:actor-manage", actor)


def answer_link(routing: Routing) -> str:
    token = routing_token(routing_id=routing.pk, email=routing.recipient_email)
    return absolute(reverse("network:routing-answer", args=[token]))


def actor_confirm_ask(actor: Actor) -> None:
    link = _actor_link("network:actor-confirm", actor)
    body = (
        f"Bonjour {actor.name},\n\nVous avez demandé à figurer dans l'annuaire des acteurs du réseau.\n"
        f"Pour confirmer (votre fiche n'est pas visible avant) : {link}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne sera publié.\n"
    )
    later(send_mail, "Annuaire du réseau : confirmez votre inscription", body, None, [actor.email])


def actor_listed(actor: Actor) -> None:
    body = (
        f"Bonjour {actor.name},\n\nVotre fiche est visible dans l'annuaire du réseau.\n\n"
        f"Pour la masquer, la supprimer ou télécharger vos données, à tout moment : {manage_link(actor)}\n"
        "Gardez ce courriel : ce lien vaut accès à votre fiche.\n"
    )
    later(send_mail, "Annuaire du réseau : votre fiche est visible", body, None, [actor.email])


def request_received(request: PartnershipRequest) -> None:
    recipients = _animator_emails()
    if recipients:
        body = (
            f"{request.organisation} ({request.contact_name}) : {request.theme}\n\n{request.description}\n\n"
            f"À orienter : {absolute(request.get_absolute_url())}\n"
        )
        later(send_mail, f"Réseau : nouvelle demande de {request.organisation}", body, None, recipients)
    ack = (
        f"Bonjour {request.contact_name},\n\nVotre demande « {request.theme} » est bien reçue par "
        "l'animation du réseau. Nous la transmettons aux acteurs qui peuvent y répondre et revenons vers "
        "vous.\n"
    )
    later(send_mail, "Votre demande au réseau est reçue", ack, None, [request.contact_email])


def _where(request: PartnershipRequest) -> str:
    return request.commune.name if request.commune else request.outside_territory or "non précisé"


def routing_sent(routing: Routing) -> None:
    if not routing.recipient_email:
        return
    request = routing.request
    link = answer_link(routing)
    body = (
        "Bonjour,\n\nL'animation du réseau vous transmet une demande de partenariat.\n\n"
        + (f"{routing.message}\n\n" if routing.message else "")
        + f"Organisation : {request.organisation}\nThématique : {request.theme}\n"
        f"Territoire : {_where(request)}\nPublic : {request.audience or 'non précisé'}\n\n"
        f"{request.description}\n\nPour accepter ou décliner (un clic, sans compte) : {link}\n"
    )
    later(
        send_mail, f"Demande de partenariat : {request.organisation}", body, None, [routing.recipient_email]
    )


def routing_reminded(routing: Routing) -> None:
    if not routing.recipient_email:
        return
    link = answer_link(routing)
    body = (
        f"Bonjour,\n\nLa demande de {routing.request.organisation} ({routing.request.theme}) attend votre "
        f"réponse. Acceptez ou déclinez, même brièvement : {link}\n"
    )
    later(
        send_mail,
        f"Relance : demande de {routing.request.organisation}",
        body,
        None,
        [routing.recipient_email],
    )


def routing_answered(routing: Routing) -> None:
    recipients = _animator_emails()
    if not recipients:
        return
    verb = "accepte" if routing.answer == "accepted" else "décline"
    body = (
        f"{routing.recipient_label} {verb} la demande de {routing.request.organisation}."
        + (f"\n\n« {routing.answer_note} »" if routing.answer_note else "")
        + f"\n\n{absolute(routing.request.get_absolute_url())}\n"
    )
    later(send_mail, f"Réseau : {routing.recipient_label} {verb}", body, None, recipients)
