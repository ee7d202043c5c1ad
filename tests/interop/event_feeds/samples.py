"""Made-up events for the feed tests: every name, address and link here is fictional (domain exemple.test)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from maillage.interop.events import EventRecord, LocationRecord, RegistrationRecord, SlotRecord

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DOMAIN = "agenda.exemple.test"
PRODID = "-//Maillage//Agenda//FR"

LONG_DESCRIPTION = (
    "Atelier fictif : découvrez comment créer une adresse électronique, sécuriser vos mots de passe, "
    "échanger avec l'administration (impôts, CAF, Ameli) ; apportez votre téléphone, votre tablette "
    "ou votre ordinateur portable, l'équipe d'accompagnement fictive répondra à vos questions."
)


def place(**changes: object) -> LocationRecord:
    values: dict[str, object] = {
        "name": "Médiathèque exemple (lieu fictif)",
        "address": "1 rue de l'Exemple",
        "postal_code": "42000",
        "city": "Saint-Étienne",
        "insee_code": "42218",
        "latitude": 45.4397,
        "longitude": 4.3872,
    }
    values.update(changes)
    return LocationRecord(**values)  # type: ignore[arg-type]


def slot(uid: str, begin: datetime, hours: int = 2) -> SlotRecord:
    return SlotRecord(uid, begin, begin.replace(hour=begin.hour + hours))


def event(**changes: object) -> EventRecord:
    """An in-person, free event with two slots across the March 2026 change to summer time."""
    values: dict[str, object] = {
        "uid": "7a1c2d9e-0000-4000-8000-000000000001",
        "title": "Atelier exemple (événement fictif de test)",
        "summary": "Premiers pas sur internet, en petit groupe (événement fictif).",
        "slots": (
            slot("slot-a", datetime(2026, 3, 28, 14, 0, tzinfo=PARIS)),
            slot("slot-b", datetime(2026, 3, 29, 14, 0, tzinfo=PARIS)),
        ),
        "description_markdown": LONG_DESCRIPTION,
        "description_html": f"<p>{LONG_DESCRIPTION}</p>",
        "url": "https://agenda.exemple.test/agenda/atelier-exemple/",
        "location": place(),
        "organiser": "Association exemple (fictive)",
        "keywords": ("Prendre en main un ordinateur", "Accéder à une connexion internet"),
        "audience": ("Seniors (65+)",),
        "accessibility": ("fauteuil", "malentendant"),
        "registration": (RegistrationRecord("link", "https://inscription.exemple.test/atelier"),),
        "image_url": "https://agenda.exemple.test/media/agenda/atelier.jpg",
        "image_alt": "Deux personnes devant un ordinateur (image fictive)",
        "created_at": datetime(2026, 2, 10, 8, 30, tzinfo=UTC),
        "updated_at": datetime(2026, 2, 12, 16, 45, tzinfo=UTC),
    }
    values.update(changes)
    return EventRecord(**values)  # type: ignore[arg-type]
