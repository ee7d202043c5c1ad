"""The hub's catalogue for `maillage demo`: the eight kits its 2021 activity report names, with the loan
days it published for each (Zoomacom, « Bilan 2021 », mission « Mutualisation de ressources
matérielles »). Kit names and those figures are the hub's; descriptions, checklists and rules below are
written for the demo and say so on screen (`is_sample`). No booking is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from maillage.lending.enums import Theme
from maillage.lending.models import Kit, KitItem, Unit

SOURCE = "Zoomacom, bilan d'activité 2021, mission « Mutualisation de ressources matérielles »"


@dataclass(frozen=True)
class SampleKit:
    slug: str
    name: str
    theme: str
    summary: str
    loan_days_2021: int  # published by the hub
    items: tuple[tuple[str, int], ...]
    units: int = 1
    accompanied: bool = False
    training_required: bool = True
    buffer_days: int = 1
    max_days: int = 14


KITS = (
    SampleKit(
        "mallette-robotique",
        "Mallette pédagogique robotique",
        Theme.ROBOTICS,
        "Des robots à programmer pour des ateliers d'initiation au code, enfants et adultes.",
        43,
        (("Robot programmable", 6), ("Tablette", 6), ("Câble de recharge", 6), ("Livret d'activités", 1)),
    ),
    SampleKit(
        "kit-votar",
        "Kit Votar",
        Theme.CITIZENSHIP,
        "Un kit d'animation du centre ressource (exemple : contenu à compléter par l'animation).",
        2,
        (("Malle du kit", 1), ("Notice", 1)),
    ),
    SampleKit(
        "centre-multimedia-itinerant",
        "Centre Multimédia Itinérant",
        Theme.MOBILE,
        "Un espace numérique mobile dans un véhicule aménagé : il part avec un membre de l'équipe.",
        620,
        (("Ordinateur portable", 8), ("Point d'accès wifi", 1), ("Imprimante", 1), ("Vidéo-projecteur", 1)),
        accompanied=True,
        training_required=False,
        buffer_days=0,
        max_days=30,
    ),
    SampleKit(
        "materiel-video",
        "Matériel vidéo",
        Theme.VIDEO,
        "Caméra, micros et éclairage pour tourner un reportage ou un atelier vidéo.",
        30,
        (("Caméra", 1), ("Trépied", 1), ("Micro-cravate", 2), ("Panneau d'éclairage", 2)),
    ),
    SampleKit(
        "kit-retrogaming",
        "Kit RetroGaming",
        Theme.GAMES,
        "Des consoles et jeux d'hier pour des animations intergénérationnelles.",
        4,
        (("Console rétro", 2), ("Manette", 4), ("Câble HDMI", 2)),
    ),
    SampleKit(
        "pack-vr-ps4",
        "Pack VR et PS4",
        Theme.VR,
        "Un casque de réalité virtuelle et sa console pour faire découvrir la réalité virtuelle.",
        14,
        (("Console PS4", 1), ("Casque VR", 1), ("Manette", 2), ("Caméra", 1)),
    ),
    SampleKit(
        "video-projecteur",
        "Vidéo-projecteur",
        Theme.PROJECTION,
        "Un vidéo-projecteur et son écran pour une réunion ou une projection.",
        4,
        (("Vidéo-projecteur", 1), ("Écran", 1), ("Câble HDMI", 1), ("Rallonge", 1)),
        units=2,
        training_required=False,
        buffer_days=0,
    ),
    SampleKit(
        "fablab",
        "Fablab",
        Theme.FABLAB,
        "Une imprimante 3D et une découpeuse pour des ateliers de fabrication numérique.",
        35,
        (
            ("Imprimante 3D", 1),
            ("Bobine de filament", 4),
            ("Découpeuse vinyle", 1),
            ("Ordinateur portable", 1),
        ),
    ),
)
# « Soit 720 jours cumulé de prêt de matériel » — the report's sentence; its eight lines add up to 752.
PUBLISHED_TOTAL_2021 = 720

SAMPLE_NOTE = (
    "Exemple fictif : le nom du kit et ses jours de prêt 2021 sont ceux du bilan du centre ressource ; "
    "description, contenu et conditions sont écrits pour la démonstration."
)


def sample_kits_load() -> list[str]:
    """Create or refresh the eight kits (idempotent); return the summary line."""
    with transaction.atomic():
        for sample in KITS:
            kit, _ = Kit.objects.update_or_create(
                slug=sample.slug,
                defaults={
                    "name": sample.name,
                    "theme": sample.theme,
                    "summary": sample.summary,
                    "description": f"{SAMPLE_NOTE} Jours de prêt en 2021 : {sample.loan_days_2021}.",
                    "conditions": "Exemple fictif : prêt gratuit aux structures membres du réseau.",
                    "who_may_borrow": "Structures membres du réseau",
                    "pickup_place": "Exemple fictif : au centre ressource, sur rendez-vous",
                    "accompanied": sample.accompanied,
                    "training_required": sample.training_required,
                    "buffer_days": sample.buffer_days,
                    "max_days": sample.max_days,
                    "is_sample": True,
                },
            )
            if not kit.items.exists():
                KitItem.objects.bulk_create(
                    KitItem(kit=kit, label=label, quantity=quantity, position=n)
                    for n, (label, quantity) in enumerate(sample.items)
                )
            for number in range(1, sample.units + 1):
                Unit.objects.get_or_create(kit=kit, label=f"Unité {number}")
    return [
        f"Prêt de matériel : {len(KITS)} kits du catalogue du centre ressource (exemple, sans réservation)"
    ]
