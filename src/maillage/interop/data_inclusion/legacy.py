"""Reading data·inclusion **v0** structures and services (files made before v1.0.1, October 2025).

The tables invert the v0 columns of `reference/mapping-mednum-v1.0-to-data-inclusion.csv` (the ANCT
library's export of the standard to v0); the tests check them against that file. Each v0 theme comes
from one service of the standard only, so themes are read back exactly; values without a row are left
out. v0 also carried the typologie (one code, the standard's very codes), the national labels (programmes
and trainings), `labels_autres`, the RNA and both presentations, which v1 no longer has.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from maillage.interop.data_inclusion.values import in_order, strings_of, text_of
from maillage.interop.mediation_numerique.schema import PIVOT_PATTERN, TYPOLOGIE_CODES

SERVICE_OF_V0_THEMATIQUE: Final = MappingProxyType({
    "numerique--acceder-a-une-connexion-internet": "Accès internet et matériel informatique",
    "numerique--acceder-a-du-materiel": "Accès internet et matériel informatique",
    "numerique--s-equiper-en-materiel-informatique": "Acquisition de matériel informatique à prix solidaire",
    "numerique--realiser-des-demarches-administratives-avec-un-accompagnement": (
        "Aide aux démarches administratives"
    ),
    "numerique--devenir-autonome-dans-les-demarches-administratives": "Aide aux démarches administratives",
    "numerique--accompagner-les-demarches-de-sante": "Aide aux démarches administratives",
    "numerique--approfondir-ma-culture-numerique": "Compréhension du monde numérique",
    "numerique--promouvoir-la-citoyennete-numerique": "Compréhension du monde numérique",
    "numerique--favoriser-mon-insertion-professionnelle": "Insertion professionnelle via le numérique",
    "numerique--creer-et-developper-mon-entreprise": "Insertion professionnelle via le numérique",
    "numerique--creer-avec-le-numerique": "Loisirs et créations numériques",
    "numerique--prendre-en-main-un-smartphone-ou-une-tablette": "Maîtrise des outils numériques du quotidien",
    "numerique--prendre-en-main-un-ordinateur": "Maîtrise des outils numériques du quotidien",
    "numerique--utiliser-le-numerique-au-quotidien": "Maîtrise des outils numériques du quotidien",
    "numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique": (
        "Parentalité et éducation avec le numérique"
    ),
})  # fmt: skip
FEE_OF_V0_FRAIS: Final = MappingProxyType(
    {"gratuit": "Gratuit", "gratuit-sous-conditions": "Gratuit sous condition", "payant": "Payant"}
)
PUBLIC_OF_V0_PROFIL: Final = MappingProxyType({
    "jeunes-16-26": "Jeunes", "familles-enfants": "Familles et/ou enfants", "seniors-65": "Seniors",
    "femmes": "Femmes",
})  # fmt: skip
SUPPORT_OF_V0_PROFIL: Final = MappingProxyType({
    "surdite": ("Surdité",), "handicaps-mentaux": ("Handicaps mentaux",),
    "deficience-visuelle": ("Déficience visuelle",), "personnes-en-situation-illettrisme": ("Illettrisme",),
    "public-langues-etrangeres": ("Langues étrangères (anglais)", "Langues étrangères (autres)"),
})  # fmt: skip
SUPPORT_MODE_OF_V0_TYPE: Final = MappingProxyType({
    "accompagnement": "Accompagnement individuel", "atelier": "Dans un atelier collectif",
    "autonomie": "En autonomie",
})  # fmt: skip
ACCESS_OF_V0_BENEFICIAIRE: Final = MappingProxyType(
    {"se-presenter": "Se présenter", "telephoner": "Téléphoner", "envoyer-un-mail": "Contacter par mail"}
)
ACCESS_OF_V0_ACCOMPAGNATEUR: Final = MappingProxyType({
    "telephoner": "Téléphoner", "envoyer-un-mail": "Contacter par mail",
    "envoyer-un-mail-avec-une-fiche-de-prescription": "Envoyer un mail avec une fiche de prescription",
})  # fmt: skip
PROGRAMME_OF_V0_LABEL: Final = MappingProxyType({
    "aidants-connect": "Aidants Connect", "conseiller-numerique": "Conseillers numériques",
    "france-service": "France Services", "grandes-ecoles-du-numerique": "Grande école du numérique",
    "caf": "Point d'accès numérique CAF",
})  # fmt: skip
TRAINING_OF_V0_LABEL: Final = MappingProxyType({
    "mon-espace-sante": "Formé à « Mon Espace Santé »", "duplex": "Formé à « DUPLEX » (illettrisme)",
    "arnia": "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "ressources-reemploi": "Collectif ressources et acteurs réemploi (Normandie)",
    "etapes-numeriques": "Étapes numériques (La Poste)", "fabrique-de-territoire": "Fabriques de Territoire",
    "les-eclaireurs": "Les Éclaireurs du numérique (Drôme)", "mes-papiers": "Mes Papiers (Métropole de Lyon)",
    "ordi-3": "ORDI 3.0", "sud-labs": "SUD LABS (PACA)",
})  # fmt: skip


def _mapped(values: list[str], table: Mapping[str, str]) -> list[str]:
    return [table[value] for value in values if value in table]


def v0_services(thematiques: list[str]) -> list[str]:
    return in_order(_mapped(thematiques, SERVICE_OF_V0_THEMATIQUE), "services")


def v0_structure_fields(structure: Mapping[str, object]) -> dict[str, object]:
    """The standard's fields that a v0 structure has and v1 has not (or names otherwise)."""
    labels = strings_of(structure.get("labels_nationaux"))
    typologie = text_of(structure.get("typologie"))
    rna = (text_of(structure.get("rna")) or "").replace(" ", "")
    fields: dict[str, object] = {
        "horaires": structure.get("horaires_ouverture"),
        "presentation_resume": structure.get("presentation_resume"),
        "presentation_detail": structure.get("presentation_detail"),
        "fiche_acces_libre": structure.get("accessibilite"),
        "typologie": [typologie] if typologie in TYPOLOGIE_CODES else [],
        "dispositif_programmes_nationaux": in_order(
            _mapped(labels, PROGRAMME_OF_V0_LABEL), "dispositif_programmes_nationaux"
        ),
        "formations_labels": in_order(_mapped(labels, TRAINING_OF_V0_LABEL), "formations_labels"),
        "autres_formations_labels": ", ".join(strings_of(structure.get("labels_autres"))) or None,
        "services": v0_services(strings_of(structure.get("thematiques"))),
    }
    if rna and PIVOT_PATTERN.match(rna):
        fields["pivot"] = rna
    return fields


def v0_service_fields(service: Mapping[str, object]) -> dict[str, object]:
    """The standard's fields read from one v0 service."""
    profils = strings_of(service.get("profils"))
    access = _mapped(strings_of(service.get("modes_orientation_beneficiaire")), ACCESS_OF_V0_BENEFICIAIRE)
    access += _mapped(
        strings_of(service.get("modes_orientation_accompagnateur")), ACCESS_OF_V0_ACCOMPAGNATEUR
    )
    support = _mapped(strings_of(service.get("types")), SUPPORT_MODE_OF_V0_TYPE)
    if "a-distance" in strings_of(service.get("modes_accueil")):
        support.append("À distance")
    return {
        "services": v0_services(strings_of(service.get("thematiques"))),
        "publics_specifiquement_adresses": in_order(
            _mapped(profils, PUBLIC_OF_V0_PROFIL), "publics_specifiquement_adresses"
        ),
        "prise_en_charge_specifique": in_order(
            [label for profil in profils for label in SUPPORT_OF_V0_PROFIL.get(profil, ())],
            "prise_en_charge_specifique",
        ),
        "frais_a_charge": in_order(
            _mapped(strings_of(service.get("frais")), FEE_OF_V0_FRAIS), "frais_a_charge"
        ),
        "modalites_acces": in_order(access, "modalites_acces"),
        "modalites_accompagnement": in_order(support, "modalites_accompagnement"),
        "prise_rdv": text_of(service.get("prise_rdv")),
        "telephone": service.get("telephone"),
        "courriels": strings_of(service.get("courriel")),
    }
