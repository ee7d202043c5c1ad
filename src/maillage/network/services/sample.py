"""The demo's network: real structures from the census, with made-up people and requests said so.

Structures come from real published places (their name, nothing invented); they get no e-mail address,
so that a demo never writes to a real organisation. People and requests are fictitious: each name or
organisation starts with « Exemple fictif », they are flagged `fictitious`, and use example.org addresses.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.network.enums import ActorRole, ContactMode, Listing
from maillage.network.models import Actor, PartnershipRequest, StructureProfile, WorkGroup
from maillage.network.services.requests import request_submit
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune

SAMPLE_COMMUNES = ("42187", "42147", "42207", "42218")  # Roanne, Montbrison, Saint-Chamond, Saint-Étienne
WORK_GROUPS = (  # the hub's real work groups (activity report 2021); their chat channels are not public
    ("promeneurs-du-net-42", "Promeneurs du Net 42", "Les structures porteuses du dispositif dans la Loire."),
    (
        "tiers-lieux-fablabs",
        "Tiers-lieux et fablabs",
        "Rencontres départementales des tiers-lieux numériques.",
    ),
    ("cnfs", "Conseillers numériques France Services", "Le réseau des conseillers numériques de la Loire."),
)


def structures_from_places(places: Iterable[Place], *, email: bool = False) -> list[Structure]:
    """One member structure per place that has none (named as the place), with a listed profile."""
    made: list[Structure] = []
    for place in places:
        structure = place.structure
        if structure is None:
            address = place.emails[0] if email and place.emails else ""
            structure = Structure.objects.create(name=place.name, email=address)
            place.structure = structure
            place.save(update_fields=["structure"])
        StructureProfile.objects.get_or_create(structure=structure)
        made.append(structure)
    return made


@transaction.atomic
def sample_network_load() -> list[str]:
    places = list(
        Place.objects.filter(status=PlaceStatus.PUBLISHED, commune_id__in=SAMPLE_COMMUNES).order_by("name")
    )
    if not places:
        return ["Réseau : aucun lieu publié dans les communes d'exemple (lancez d'abord `maillage demo`)."]
    structures = structures_from_places(places)
    for slug, name, description in WORK_GROUPS:
        WorkGroup.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})
    people = (
        ("Exemple fictif : Camille", ActorRole.CONSEILLER, "42187", ["Aide aux démarches administratives"]),
        (
            "Exemple fictif : Dominique",
            ActorRole.MEDIATEUR,
            "42147",
            ["Maîtrise des outils numériques du quotidien"],
        ),
        (
            "Exemple fictif : Sacha",
            ActorRole.COORDINATEUR,
            "",
            ["Parentalité et éducation avec le numérique"],
        ),
    )
    for number, (name, role, insee, skills) in enumerate(people, start=1):
        actor, _ = Actor.objects.update_or_create(
            email=f"acteur-{number}@example.org",
            fictitious=True,
            defaults={
                "name": name,
                "role": role,
                "structure_name": "Exemple fictif",
                "skills": skills,
                "department_wide": not insee,
                "contact_mode": ContactMode.FORM,
                "listing": Listing.LISTED,
                "consent_at": timezone.now(),
            },
        )
        if insee:
            actor.communes.set(Commune.objects.filter(pk=insee))
    if not PartnershipRequest.objects.filter(fictitious=True).exists():
        request_submit(
            fields={
                "organisation": "Exemple fictif : association de parents",
                "contact_name": "Exemple fictif",
                "contact_email": "demande@example.org",
                "commune": Commune.objects.filter(pk="42187").first(),
                "theme": "Aide aux démarches administratives",
                "audience": "Familles",
                "description": "Exemple fictif : des ateliers pour les démarches en ligne des familles.",
                "fictitious": True,
            }
        )
    return [
        f"Réseau : {len(structures)} structures réelles du recensement dans l'annuaire, "
        f"{len(people)} personnes et une demande d'exemple (fictives), {len(WORK_GROUPS)} groupes de travail"
    ]
