"""The French label of each field of a place card: the one table every page, form and history line reads
(`field_label`), and the placeholder SIRET the standard uses for an unknown one."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from maillage.interop.source_helpers import PLACEHOLDER_PIVOT  # the standard's unknown SIRET
from maillage.places.models import Place

__all__ = ["FIELD_LABELS", "PLACEHOLDER_PIVOT", "field_label"]

FIELD_LABELS: dict[str, str] = {
    "name": "Nom du lieu",
    "pivot": "SIRET ou RNA",
    "parent_structure": "Structure parente",
    "typologies": "Type de structure",
    "address": "Adresse",
    "address_complement": "Complément d'adresse",
    "postal_code": "Code postal",
    "commune_name": "Commune",
    "insee_code": "Code INSEE de la commune",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "phone": "Téléphone",
    "emails": "Adresses e-mail du lieu",
    "websites": "Sites web",
    "booking_url": "Lien de prise de rendez-vous en ligne",
    "acceslibre_url": "Fiche Accès Libre (accessibilité)",
    "opening_hours": "Horaires d'ouverture",
    "summary": "Présentation résumée",
    "description": "Présentation détaillée",
    "services": "Services proposés",
    "publics": "Publics spécifiquement accueillis",
    "specific_support": "Prise en charge spécifique",
    "fees": "Frais à charge",
    "access_modes": "Modalités d'accès",
    "support_modes": "Modalités d'accompagnement",
    "national_programmes": "Dispositifs et programmes nationaux",
    "training_labels": "Formations et labels",
    "other_labels": "Autres formations et labels",
    "mobility": "Itinérance",
    "source_label": "Source",
    "updated_on": "Date de mise à jour",
}


def field_label(name: str) -> str:
    """The French label of one of our card fields; a model field outside the table gives its verbose name,
    a field that no longer exists keeps its code name (old history lines)."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    try:
        return str(getattr(Place._meta.get_field(name), "verbose_name", name)).capitalize()
    except FieldDoesNotExist:
        return name
