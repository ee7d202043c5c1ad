"""The hub's four newsletters for `maillage demo`, marked as samples; no subscriber is invented.

The names are the Loire hub's own (2021 activity report, « Les lettres d'informations »); the reader
counts it published are quoted in each description as the hub's figures, not loaded as subscribers.
Two real links of its knowledge base and archive enter the watch as resources.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from maillage.news.enums import ItemKind
from maillage.news.models import NewsItem
from maillage.newsletters.models import MailingList

SOURCE = "Bilan d'activité 2021 de Zoomacom (pôle de la Loire)"
LISTS = (
    ("mednum-42", "Médiations Numériques Loire", "la lettre départementale", 323),
    ("saintemednum", "Saint-Étienne Médiations Numériques", "la lettre stéphanoise", 55),
    ("pdn42", "Les Promeneurs du Net 42", "la lettre du dispositif Promeneurs du Net", 198),
    ("of42", "Openfactory — la lettre des fablabs", "la lettre des fablabs", 340),
)
RESOURCES = (
    ("Archives des lettres d'information (wiki du réseau)", "https://zoomacom.net/wiki/?NewslettersMedNum42"),
    (
        "Lettre d'information Médiation numérique Loire (site de Zoomacom)",
        "http://www.zoomacom.org/lettre-dinformation-mediation-numerique-loire/",
    ),
)


@transaction.atomic
def newsletters_sample_load() -> list[str]:
    for slug, name, what, readers in LISTS:
        MailingList.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "sample": True,
                "description": (
                    f"Exemple fictif de liste ({what}) : aucun abonné n'est chargé. Le réseau annonçait "
                    f"{readers} lecteurs pour cette lettre ({SOURCE})."
                ),
            },
        )
    for title, url in RESOURCES:
        NewsItem.objects.get_or_create(
            url=url,
            defaults={
                "kind": ItemKind.RESOURCE,
                "title": title,
                "body": f"Lien cité dans le {SOURCE}.",
                "tags": ["lettres d'information"],
                "published_at": timezone.now(),
            },
        )
    return [
        f"Lettres d'information : {len(LISTS)} listes d'exemple (sans abonné), {len(RESOURCES)} ressources"
    ]
