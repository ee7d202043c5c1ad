"""The directory (people who opted in, structures' profiles, work groups) and partnership requests.

Member structures are `accounts.Structure`; their directory profile lives here, one-to-one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.core.fields import StringListField
from maillage.network.enums import (
    ActorRole,
    ContactMode,
    Listing,
    Outcome,
    RequestState,
    RoutingAnswer,
    ThreadKind,
)
from maillage.territories.models import Commune, Epci


class StructureProfile(models.Model):
    """What the directory says of a member structure beyond its places: themes, territory, work."""

    structure = models.OneToOneField(
        Structure, on_delete=models.CASCADE, related_name="network_profile", verbose_name="structure"
    )
    summary = models.CharField("présentation", max_length=500, blank=True)
    website = models.URLField("site web", max_length=500, blank=True)
    themes = StringListField("thématiques")
    communes = models.ManyToManyField(Commune, blank=True, related_name="+", verbose_name="communes")
    epcis = models.ManyToManyField(Epci, blank=True, related_name="+", verbose_name="EPCI couverts")
    department_wide = models.BooleanField("intervient dans tout le département", default=False)
    listed = models.BooleanField("dans l'annuaire", default=True)
    fictitious = models.BooleanField("exemple fictif", default=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "profil de structure"
        verbose_name_plural = "profils des structures"

    def __str__(self) -> str:
        return str(self.structure)


class Actor(models.Model):
    """A person of the network, listed only after confirming by a signed e-mail link."""

    name = models.CharField("nom et prénom", max_length=200)
    email = models.EmailField("courriel")
    role = models.CharField("rôle", max_length=20, choices=ActorRole.choices)
    structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name="structure",
    )
    structure_name = models.CharField("structure (si absente de la liste)", max_length=250, blank=True)
    skills = StringListField("compétences et thématiques")
    communes = models.ManyToManyField(Commune, blank=True, related_name="+", verbose_name="communes")
    epcis = models.ManyToManyField(Epci, blank=True, related_name="+", verbose_name="EPCI couverts")
    department_wide = models.BooleanField("intervient dans tout le département", default=False)
    languages = StringListField("langues")
    contact_mode = models.CharField(
        "contact", max_length=10, choices=ContactMode.choices, default=ContactMode.FORM
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    listing = models.CharField(
        "annuaire", max_length=10, choices=Listing.choices, default=Listing.PENDING, db_index=True
    )
    consent_at = models.DateTimeField("consentement le", null=True, blank=True)
    fictitious = models.BooleanField("exemple fictif", default=False)
    created_at = models.DateTimeField("inscrite le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "acteur du réseau"
        verbose_name_plural = "acteurs du réseau"
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["listing", "role"], name="actor_listing_role_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def structure_label(self) -> str:
        return self.structure.name if self.structure else self.structure_name


class WorkGroup(models.Model):
    """A work team of the network (Promeneurs du Net 42, tiers-lieux / fablabs…) and its chat channel."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant", unique=True)
    description = models.TextField("description", blank=True)
    chat_url = models.URLField("canal de discussion", max_length=500, blank=True)
    members = models.ManyToManyField(Actor, blank=True, related_name="groups", verbose_name="membres")
    structures = models.ManyToManyField(
        Structure, blank=True, related_name="work_groups", verbose_name="structures"
    )

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipRequest(models.Model):
    """A partnership or support request filed through the public form, and what became of it."""

    organisation = models.CharField("organisation", max_length=250)
    contact_name = models.CharField("nom du contact", max_length=200)
    contact_email = models.EmailField("courriel du contact")
    contact_phone = models.CharField("téléphone du contact", max_length=30, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="commune"
    )
    outside_territory = models.CharField("territoire (hors département)", max_length=200, blank=True)
    theme = models.CharField("thématique", max_length=200)
    audience = models.CharField("public", max_length=200, blank=True)
    date_from = models.DateField("à partir du", null=True, blank=True)
    date_to = models.DateField("jusqu'au", null=True, blank=True)
    description = models.TextField("description")
    state = models.CharField(
        "état", max_length=10, choices=RequestState.choices, default=RequestState.RECEIVED, db_index=True
    )
    outcome = models.CharField("issue", max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("bilan", blank=True)
    consent_at = models.DateTimeField("consentement le")
    first_answer_at = models.DateTimeField("première réponse le", null=True, blank=True)
    closed_at = models.DateTimeField("close le", null=True, blank=True)
    fictitious = models.BooleanField("exemple fictif", default=False)
    created_at = models.DateTimeField("reçue le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "demande de partenariat"
        verbose_name_plural = "demandes de partenariat"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_to__isnull=True)
                | models.Q(date_from__isnull=True)
                | models.Q(date_to__gte=models.F("date_from")),
                name="request_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.theme}"

    def get_absolute_url(self) -> str:
        return reverse("network:request-detail", args=[self.pk])


class Routing(models.Model):
    """The request sent to one actor (a person or a structure), and their answer."""

    request = models.ForeignKey(
        PartnershipRequest, on_delete=models.CASCADE, related_name="routings", verbose_name="demande"
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routings",
        verbose_name="personne",
    )
    structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routings",
        verbose_name="structure",
    )
    recipient_label = models.CharField("destinataire", max_length=250)
    recipient_email = models.EmailField("courriel du destinataire", blank=True)
    message = models.TextField("message de l'animation", blank=True)
    score = models.PositiveSmallIntegerField("score de la suggestion", default=0)
    reasons = StringListField("raisons")
    answer = models.CharField(
        "réponse", max_length=10, choices=RoutingAnswer.choices, default=RoutingAnswer.PENDING
    )
    answer_note = models.TextField("mot de l'acteur", blank=True)
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)
    reminded_at = models.DateTimeField("relancé le", null=True, blank=True)
    created_at = models.DateTimeField("orientée le", auto_now_add=True)

    class Meta:
        verbose_name = "orientation"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} → {self.recipient_label}"


class ThreadEntry(models.Model):
    """The request's whole thread: reception, routings, answers, reminders, notes, closing."""

    request = models.ForeignKey(
        PartnershipRequest, on_delete=models.CASCADE, related_name="thread", verbose_name="demande"
    )
    kind = models.CharField("quoi", max_length=10, choices=ThreadKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField("par", max_length=250, blank=True)
    note = models.TextField("texte", blank=True)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "fil d'une demande"
        verbose_name_plural = "fils des demandes"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_kind_display()}"


class Gathering(models.Model):
    """The network's annual event (« Loire Connect »): an agenda event with a programme of sessions."""

    event = models.OneToOneField(
        "agenda.Event",
        on_delete=models.CASCADE,
        related_name="gathering",
        verbose_name="événement de l'agenda",
    )
    registration_open = models.BooleanField("inscriptions ouvertes", default=True)
    fictitious = models.BooleanField("exemple fictif", default=False)

    class Meta:
        verbose_name = "rencontre annuelle"
        verbose_name_plural = "rencontres annuelles"

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("network:gathering", args=[self.pk])


class Session(models.Model):
    """One session of the programme: a talk or workshop, its speakers, its room, its seats."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="sessions", verbose_name="rencontre"
    )
    title = models.CharField("titre", max_length=250)
    speakers = models.CharField("intervenant·es", max_length=500, blank=True)
    room = models.CharField("salle", max_length=120, blank=True)
    begin = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    capacity = models.PositiveIntegerField("places", null=True, blank=True)

    class Meta:
        verbose_name = "session"
        ordering = ["begin", "room", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("begin")), name="session_end_after_begin"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SessionRegistration(models.Model):
    """A person registered to a session; `attended` is ticked on the day (the attendance figures)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name="session"
    )
    name = models.CharField("nom", max_length=200)
    email = models.EmailField("courriel")
    organisation = models.CharField("structure", max_length=250, blank=True)
    attended = models.BooleanField("présent·e", default=False)
    created_at = models.DateTimeField("inscrit·e le", auto_now_add=True)

    class Meta:
        verbose_name = "inscription à une session"
        verbose_name_plural = "inscriptions aux sessions"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "email"], name="session_registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.session}"
