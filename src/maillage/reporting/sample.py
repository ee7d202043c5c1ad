"""The demo's convention: the Loire hub's missions as its 2021 report to the Département lists them
(seeds of the project), loaded as a sample (`is_sample`, « exemple » on screen): the missions are
real, the convention's period around today is not."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from maillage.reporting.models import Convention, Mission

NETWORK = "Animation de réseau"
POLICIES = "Accompagnement de politiques publiques et ingénierie de projets"
# (axis, title, topics of the modules' figures, indicators the 2021 report gave)
MISSIONS: tuple[tuple[str, str, list[str], str], ...] = (
    (
        NETWORK,
        "Mettre en place un outil de veille partagée",
        ["watch"],
        "Visiteurs uniques par mois\nPages de ressources et coproducteurs\n"
        "Utilisateurs et messages de la messagerie",
    ),
    (
        NETWORK,
        "Rendre plus visibles les acteurs de la médiation numérique : agenda, lettre d'information et "
        "cartographie des acteurs",
        ["agenda", "newsletters", "census", "map", "opendata"],
        "Événements publiés\nLettres envoyées et lecteurs par lettre\nLieux recensés",
    ),
    (
        NETWORK,
        "Conduire les EPN à uniformiser leurs évaluations sur le niveau d'acculturation des usagers",
        [],
        "Participants aux temps de travail",
    ),
    (
        NETWORK,
        "Proposer des temps de rencontre aux tiers-lieux numériques (par exemple fablab) du territoire "
        "afin de les inclure dans la dynamique des acteurs de la médiation numérique de la Loire",
        [],
        "Rencontres et participants",
    ),
    (
        NETWORK,
        "Aider à la préparation des rencontres avec le Département et les PRN pour l'état d'avancement "
        "du programme schéma inclusion numérique",
        [],
        "",
    ),
    (
        NETWORK,
        "Professionnalisation et montée en compétences des animateurs numériques",
        [],
        "Médiateurs formés",
    ),
    (
        NETWORK,
        "Évaluer les compétences des aidants numériques : dans le cadre de Hinaura",
        [],
        "Sessions de formation",
    ),
    (
        NETWORK,
        "Mutualisation de ressources matérielles (ordinateurs, tablettes, écran TV, mallette "
        "pédagogique...) accompagnée de séances de formation à la prise en main du matériel",
        ["lending"],
        "Jours de prêt par matériel",
    ),
    (
        POLICIES,
        "Accompagner les services du département de la Loire dans le déploiement des PassNumérique",
        [],
        "",
    ),
    (POLICIES, "Assurer la mise en place du projet autour des métiers du futur", [], "Participants"),
    (
        POLICIES,
        "Accompagner les projets de développement de lieux de médiation numérique et d'inclusion "
        "numérique en lien avec l'AAP Loire Connect",
        ["network"],
        "Projets accompagnés",
    ),
    (POLICIES, "Accompagner et participer au projet « Loire Connect Days »", [], "Ateliers animés"),
    (
        POLICIES,
        "Accompagner le déploiement d'Aidants Connect sur le territoire de la Loire",
        [],
        "Sessions et travailleurs sociaux formés",
    ),
    (POLICIES, "Accompagner la mise en place de l'indice de fragilité numérique", ["territory"], ""),
    (
        POLICIES,
        "Accompagner le déploiement des Conseillers Numériques dans le cadre du plan de relance",
        [],
        "",
    ),
    (
        POLICIES,
        "Assurer la sensibilisation et diffusion d'informations auprès des travailleurs sociaux",
        [],
        "Interventions et participants",
    ),
    (
        POLICIES,
        "Assurer une veille et une prospective sur les thématiques innovantes dans le domaine numérique",
        [],
        "",
    ),
    (
        POLICIES,
        "Expérimenter la mise en place d'une filière d'équipement numérique des familles en situation "
        "de précarité",
        [],
        "",
    ),
    (
        POLICIES,
        "Expérimenter une démarche autour du Numérique Responsable",
        [],
        "Structures et personnes formées",
    ),
)
SAMPLE_TITLE = "Exemple : convention d'animation du réseau départemental (missions du bilan 2021)"


@transaction.atomic
def convention_sample_load() -> list[str]:
    """Create or refresh the sample convention (idempotent); one French summary line."""
    year = timezone.localdate().year
    convention, created = Convention.objects.update_or_create(
        is_sample=True,
        title=SAMPLE_TITLE,
        defaults={
            "funder": "Département de la Loire",
            "holder": "Zoomacom, centre ressource départemental",
            "start_year": year - 1,
            "end_year": year + 1,
        },
    )
    for position, (axis, title, topics, indicators) in enumerate(MISSIONS, start=1):
        Mission.objects.update_or_create(
            convention=convention,
            title=title,
            defaults={"position": position, "axis": axis, "topics": topics, "indicators": indicators},
        )
    verb = "créée" if created else "mise à jour"
    return [f"Convention d'exemple {verb} : {len(MISSIONS)} missions du bilan 2021 ({year - 1}–{year + 1})"]
