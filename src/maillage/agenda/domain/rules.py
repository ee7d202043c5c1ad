"""The rules an event must meet before it is saved (French messages naming the field), pure Python."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class SlotInput:
    begin: datetime.datetime
    end: datetime.datetime
    capacity: int | None = None
    id: int | None = None  # an existing slot being edited


VALUE_NEEDED = {
    "link": "Inscription : indiquez l'adresse du site d'inscription.",
    "phone": "Inscription : indiquez le numéro de téléphone.",
    "email": "Inscription : indiquez l'adresse de courriel.",
}


def event_problems(
    *,
    slots: list[SlotInput],
    has_place: bool,
    has_address: bool,
    online_url: str,
    registration_kind: str,
    registration_value: str,
    has_image: bool,
    image_alt: str,
    free: bool,
    price: str,
) -> list[str]:
    """Everything wrong with an event, as French sentences starting with the field's name."""
    problems = []
    if not slots:
        problems.append("Créneaux : indiquez au moins un créneau (date, heure de début et de fin).")
    for number, slot in enumerate(slots, start=1):
        if slot.begin.tzinfo is None or slot.end.tzinfo is None:
            problems.append(f"Créneau {number} : les heures doivent avoir un fuseau horaire.")
        elif slot.end <= slot.begin:
            problems.append(f"Créneau {number} : la fin doit venir après le début.")
        if slot.capacity is not None and slot.capacity < 1:
            problems.append(f"Créneau {number} : le nombre de places doit être d'au moins 1.")
    if not (has_place or has_address or online_url):
        problems.append(
            "Lieu : choisissez un lieu du recensement, indiquez une adresse avec sa commune, "
            "ou un lien pour participer en ligne."
        )
    if registration_kind in VALUE_NEEDED and not registration_value.strip():
        problems.append(VALUE_NEEDED[registration_kind])
    if has_image and not image_alt.strip():
        problems.append(
            "Texte alternatif de l'image : décrivez l'image pour les personnes qui ne la voient pas."
        )
    if not free and not price.strip():
        problems.append("Tarif : indiquez le prix quand l'événement est payant.")
    return problems


def waiting_list_status(*, capacity: int | None, confirmed: int) -> str:
    """ "confirmed" while seats remain (or without a limit), "waiting" once the slot is full."""
    if capacity is None or confirmed < capacity:
        return "confirmed"
    return "waiting"
