"""Choices of the lending app, with their French labels."""

from django.db import models


class Theme(models.TextChoices):
    ROBOTICS = "robotique", "Robotique et programmation"
    VIDEO = "video", "Vidéo et image"
    GAMES = "jeu", "Jeu vidéo"
    VR = "realite-virtuelle", "Réalité virtuelle"
    FABLAB = "fablab", "Fabrication numérique"
    CITIZENSHIP = "citoyennete", "Citoyenneté"
    MOBILE = "espace-mobile", "Espace numérique mobile"
    PROJECTION = "projection", "Projection et présentation"


class BookingStatus(models.TextChoices):
    REQUESTED = "demandee", "Demandée"
    PROPOSED = "proposee", "Autres dates proposées"
    WAITING = "attente", "En liste d'attente"
    CONFIRMED = "confirmee", "Confirmée"
    OUT = "sortie", "Matériel sorti"
    RETURNED = "rendue", "Matériel rendu"
    REFUSED = "refusee", "Refusée"
    CANCELLED = "annulee", "Annulée"


# Bookings that hold a unit (and count in loan days).
HOLDING = (BookingStatus.CONFIRMED, BookingStatus.OUT, BookingStatus.RETURNED)
# Bookings still waiting for an answer from the animator or the requester.
OPEN = (BookingStatus.REQUESTED, BookingStatus.PROPOSED, BookingStatus.WAITING)


class Phase(models.TextChoices):
    OUT = "depart", "Départ"
    IN = "retour", "Retour"


class SupportNeed(models.TextChoices):
    CMI = "cmi", "Centre Multimédia Itinérant"
    ANIMATOR = "animateur", "Un ou des animateurs"
    LOGISTICS = "logistique", "Logistique"
    MOBILISATION = "mobilisation", "Mobilisation des acteurs"


class SupportStatus(models.TextChoices):
    REQUESTED = "demande", "Demandé"
    PLANNED = "planifie", "Planifié"
    REFUSED = "refuse", "Refusé"
    CANCELLED = "annule", "Annulé"
