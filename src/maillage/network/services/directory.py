"""The directory: a person opts in (listed once the signed link is followed), hides, deletes, exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.accounts.tokens import email_tag
from maillage.network.enums import Listing
from maillage.network.models import Actor, Routing, StructureProfile
from maillage.network.services import mail
from maillage.network.services.tokens import actor_token_read
from maillage.territories.models import Commune, Epci


class DirectoryError(Exception):
    """A directory action that cannot be done (French message)."""


@dataclass
class ActorInput:
    name: str
    email: str
    role: str
    structure: Structure | None = None
    structure_name: str = ""
    skills: list[str] = field(default_factory=list)
    communes: list[Commune] = field(default_factory=list)
    epcis: list[Epci] = field(default_factory=list)
    department_wide: bool = False
    languages: list[str] = field(default_factory=list)
    contact_mode: str = "form"
    phone: str = ""


@transaction.atomic
def actor_signup(*, data: ActorInput) -> Actor:
    """A pending card, and the e-mail whose signed link lists it (nothing is visible before)."""
    actor = Actor.objects.create(
        name=data.name.strip(),
        email=data.email.strip().lower(),
        role=data.role,
        structure=data.structure,
        structure_name=data.structure_name.strip(),
        skills=data.skills,
        department_wide=data.department_wide,
        languages=data.languages,
        contact_mode=data.contact_mode,
        phone=data.phone.strip(),
        listing=Listing.PENDING,
    )
    actor.communes.set(data.communes)
    actor.epcis.set(data.epcis)
    mail.actor_confirm_ask(actor)
    return actor


def actor_from_token(token: str) -> Actor:
    read = actor_token_read(token)
    if read is None:
        raise DirectoryError("Ce lien n'est pas valable (incomplet, modifié ou trop ancien).")
    actor = Actor.objects.select_related("structure").filter(pk=read[0]).first()
    if actor is None or email_tag(actor.email) != read[1]:
        raise DirectoryError("Cette fiche n'existe plus : elle a été supprimée.")
    return actor


@transaction.atomic
def actor_confirm(*, token: str) -> Actor:
    actor = actor_from_token(token)
    if actor.listing == Listing.PENDING:
        actor.listing = Listing.LISTED
        actor.consent_at = timezone.now()
        actor.save(update_fields=["listing", "consent_at", "updated_at"])
        mail.actor_listed(actor)
    return actor


@transaction.atomic
def actor_visibility_set(*, token: str, listed: bool) -> Actor:
    actor = actor_from_token(token)
    if actor.listing == Listing.PENDING:
        raise DirectoryError("Confirmez d'abord votre inscription (lien reçu par courriel).")
    actor.listing = Listing.LISTED if listed else Listing.HIDDEN
    actor.save(update_fields=["listing", "updated_at"])
    return actor


@transaction.atomic
def actor_delete(*, token: str) -> str:
    """Delete the card at once; routings already sent keep a neutral label, not the person's data."""
    actor = actor_from_token(token)
    name = actor.name
    Routing.objects.filter(actor=actor).update(
        actor=None, recipient_label="Personne retirée de l'annuaire", recipient_email=""
    )
    actor.delete()
    return name


def actor_export(actor: Actor) -> dict[str, Any]:
    """Everything Maillage keeps about this person (GDPR right of access), as JSON-ready data."""
    return {
        "nom": actor.name,
        "courriel": actor.email,
        "role": actor.get_role_display(),
        "structure": actor.structure_label,
        "competences": actor.skills,
        "communes": [c.name for c in actor.communes.order_by("name")],
        "epci": [e.name for e in actor.epcis.order_by("name")],
        "tout_le_departement": actor.department_wide,
        "langues": actor.languages,
        "contact": actor.get_contact_mode_display(),
        "telephone": actor.phone,
        "annuaire": actor.get_listing_display(),
        "consentement": actor.consent_at.isoformat() if actor.consent_at else None,
        "inscription": actor.created_at.isoformat(),
        "groupes": [g.name for g in actor.groups.order_by("name")],
        "orientations_recues": [
            {
                "demande": r.request.organisation,
                "le": r.created_at.isoformat(),
                "reponse": r.get_answer_display(),
            }
            for r in actor.routings.select_related("request").order_by("created_at")
        ],
    }


@transaction.atomic
def structure_profile_update(*, structure: Structure, data: dict[str, Any]) -> StructureProfile:
    """The structure's directory profile, created on first save."""
    profile, _ = StructureProfile.objects.get_or_create(structure=structure)
    profile.summary = data["summary"].strip()
    profile.website = data["website"]
    profile.themes = list(data["themes"])
    profile.department_wide = data["department_wide"]
    profile.listed = data["listed"]
    profile.save()
    profile.communes.set(Commune.objects.filter(pk__in=data["communes"]))
    profile.epcis.set(Epci.objects.filter(pk__in=data["epcis"]))
    return profile
