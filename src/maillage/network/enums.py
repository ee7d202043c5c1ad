"""The network's controlled values, with their French labels."""

from __future__ import annotations

from django.db import models

from maillage.network.domain.states import Answer, State


class ActorRole(models.TextChoices):
    CONSEILLER = "conseiller", "Conseiller·ère numérique"
    MEDIATEUR = "mediateur", "Médiateur·rice numérique"
    ANIMATEUR = "animateur", "Animateur·rice multimédia"
    COORDINATEUR = "coordinateur", "Coordinateur·rice"
    ELU_AGENT = "elu_agent", "Élu·e ou agent de collectivité"


class Listing(models.TextChoices):
    PENDING = "pending", "En attente de confirmation par courriel"
    LISTED = "listed", "Visible dans l'annuaire"
    HIDDEN = "hidden", "Masquée par la personne"


class ContactMode(models.TextChoices):
    PUBLIC = "public", "Courriel et téléphone affichés"
    FORM = "form", "Par l'intermédiaire de l'animation du réseau seulement"


class RequestState(models.TextChoices):
    RECEIVED = State.RECEIVED.value, "Reçue"
    ROUTED = State.ROUTED.value, "Orientée"
    ACCEPTED = State.ACCEPTED.value, "Acceptée"
    DECLINED = State.DECLINED.value, "Déclinée"
    CLOSED = State.CLOSED.value, "Close"


class RoutingAnswer(models.TextChoices):
    PENDING = Answer.PENDING.value, "En attente de réponse"
    ACCEPTED = Answer.ACCEPTED.value, "Acceptée"
    DECLINED = Answer.DECLINED.value, "Déclinée"


class Outcome(models.TextChoices):
    PARTNERSHIP = "partnership", "Partenariat engagé"
    ORIENTED = "oriented", "Demandeur orienté, suite hors réseau"
    NO_MATCH = "no_match", "Aucun acteur disponible"
    WITHDRAWN = "withdrawn", "Demande retirée ou sans suite"
    SPAM = "spam", "Indésirable"


class ThreadKind(models.TextChoices):
    RECEIVED = "received", "Demande reçue"
    ROUTED = "routed", "Orientée"
    ACCEPTED = "accepted", "Acceptée par un acteur"
    DECLINED = "declined", "Déclinée par un acteur"
    REMINDED = "reminded", "Relance envoyée"
    NOTE = "note", "Note"
    CLOSED = "closed", "Close"
