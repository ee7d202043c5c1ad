"""The activity log's controlled values, with their French labels."""

from __future__ import annotations

from django.db import models


class ActionKind(models.TextChoices):
    TRAINING = "training", "Formation"
    INTERVENTION = "intervention", "Intervention"
    MEETING = "meeting", "Réunion, rencontre"
    WORKSHOP = "workshop", "Atelier"
    EVENT_SUPPORT = "event_support", "Soutien à un événement"
    ACCOMPANIMENT = "accompaniment", "Accompagnement de projet"
    WEBINAR = "webinar", "Webinaire"


class Audience(models.TextChoices):
    PUBLIC = "public", "Grand public"
    PROFESSIONALS = "professionals", "Professionnels"
    MIXED = "mixed", "Public et professionnels"
    YOUTH = "youth", "Jeunes, étudiants"
    ELECTED = "elected", "Élus, agents de collectivités"
