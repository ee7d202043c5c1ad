"""Pure functions between places of the national standard (`Lieu`) and data·inclusion v1.

The value tables restate `reference/mapping-mednum-v1.0-to-data-inclusion.csv` (the data·inclusion
pipeline's own mapping of the standard); the tests check them against that file row by row.

One place gives one structure and **one** service, as in the national pipeline (the CSV: "data.inclusion
v1 makes one service per lieu"): the service is the place's offer of digital mediation. Ids follow
data·inclusion's `"<source>--<local id>"`: the structure is `<source>--<place id>`, the service
`<source>--<place id>-mediation-numerique`; `source` is our producer identifier (`DEFAULT_SOURCE`).

Choices where the CSV and MAPPING-NOTES.md leave room:
- `typologie` → `reseaux_porteurs` follows `reference/proposed-typologie-to-reseaux-porteurs.csv`, a
  proposal of the research (not official: data·inclusion derives networks from programmes only);
  it is added to the networks the CSV gives for `dispositif_programmes_nationaux`.
- The `*_precisions` texts carry the standard's labels when the d·i value cannot say it all, so that
  reading our own files back recovers them: `publics_precisions` = the `prise_en_charge_specifique`
  labels (as the CSV says); `frais_precisions` = the `frais_a_charge` labels when there are several or
  « Gratuit sous condition »; `mobilisation_precisions` = every `modalites_acces` label when one of them
  has no mode of its own (« Envoyer un mail avec une fiche de prescription », « Ce lieu n'accueille pas
  de public »). Labels are joined with ", ".
- `modes_accueil` is always `en-presentiel` (plus `a-distance` for « À distance »), except for a place
  that « n'accueille pas de public ». `zone_eligibilite` is the département of `code_insee` (none
  without it). Texts too long for d·i are cut with « … »; a trailing full stop leaves the structure name.

Reverse (d·i → standard), where it exists: the tables are inverted; `publics` `tous-publics` gives no
public; `thematiques` → `services` follows `SERVICE_RULES` (the forward mapping is many-to-many, see
there); a network is read back as a typologie only when one typologie code alone maps to it and no
programme does. What d·i cannot carry is listed in the package's `__init__` docstring.
"""

import csv
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from maillage.interop.data_inclusion.schema import (
    DESCRIPTION_MAX_LENGTH,
    DESCRIPTION_MIN_LENGTH,
    MODES_ACCUEIL,
    NOM_MAX_LENGTH,
    NOM_MIN_LENGTH,
    REFERENCE_DIR,
    TOUS_PUBLICS,
    URL_MAX_LENGTH,
    Service,
    Structure,
)
from maillage.interop.mediation_numerique.schema import ENUMERATIONS, Lieu

DEFAULT_SOURCE: Final = "maillage"
ID_SEPARATOR: Final = "--"
SERVICE_ID_SUFFIX: Final = "-mediation-numerique"
SERVICE_NAME: Final = "Service d'accompagnement au numérique"
SERVICE_FALLBACK_DESCRIPTION: Final = "Accompagnement aux usages du numérique."
PLACEHOLDER_PIVOT: Final = "00000000000000"
LABEL_SEPARATOR: Final = ", "
MOBILISABLE_PAR: Final = ("usagers", "professionnels")

CONNEXION: Final = "numerique--acceder-a-une-connexion-internet"
EQUIPEMENT: Final = "numerique--acquerir-un-equipement"
EN_LIGNE: Final = "numerique--acceder-a-des-services-en-ligne"
FONDAMENTAUX: Final = "numerique--maitriser-les-fondamentaux-du-numerique"
DEMARCHES: Final = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
CANDIDATURE: Final = "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"
LOISIRS: Final = "remobilisation--activites-sportives-et-culturelles"
PARENTALITE: Final = "famille--soutien-a-la-parentalite-et-a-leducation"

THEMATIQUES_OF_SERVICE: Final = MappingProxyType({
    "Accès internet et matériel informatique": (CONNEXION, EQUIPEMENT),
    "Acquisition de matériel informatique à prix solidaire": (EQUIPEMENT,),
    "Aide aux démarches administratives": (DEMARCHES, EN_LIGNE),
    "Compréhension du monde numérique": (FONDAMENTAUX,),
    "Insertion professionnelle via le numérique": (CANDIDATURE, FONDAMENTAUX),
    "Loisirs et créations numériques": (LOISIRS, FONDAMENTAUX),
    "Maîtrise des outils numériques du quotidien": (FONDAMENTAUX, EN_LIGNE),
    "Parentalité et éducation avec le numérique": (PARENTALITE, FONDAMENTAUX),
    "Utilisation sécurisée du numérique": (FONDAMENTAUX,),
})  # fmt: skip
DEFAULT_THEMATIQUES: Final = (FONDAMENTAUX,)

SERVICE_RULES: Final[tuple[tuple[str, frozenset[str], frozenset[str]], ...]] = (
    ("Accès internet et matériel informatique", frozenset({CONNEXION}), frozenset()),
    (
        "Acquisition de matériel informatique à prix solidaire",
        frozenset({EQUIPEMENT}),
        frozenset({CONNEXION}),
    ),
    ("Aide aux démarches administratives", frozenset({DEMARCHES}), frozenset()),
    ("Aide aux démarches administratives", frozenset({EN_LIGNE}), frozenset({FONDAMENTAUX})),
    ("Compréhension du monde numérique", frozenset({FONDAMENTAUX}), frozenset()),
    ("Insertion professionnelle via le numérique", frozenset({CANDIDATURE}), frozenset()),
    ("Loisirs et créations numériques", frozenset({LOISIRS}), frozenset()),
    ("Maîtrise des outils numériques du quotidien", frozenset({FONDAMENTAUX, EN_LIGNE}), frozenset()),
    ("Parentalité et éducation avec le numérique", frozenset({PARENTALITE}), frozenset()),
)
"""Reverse of `THEMATIQUES_OF_SERVICE`: (service, thematiques all present, thematiques all absent).

A service whose thematique is its own (connexion, démarches, candidature, loisirs, parentalité) comes
back exactly. « Compréhension du monde numérique » stands for the bare `fondamentaux` theme (so
« Utilisation sécurisée du numérique », which maps to the very same theme, never comes back), and is
also read wherever `fondamentaux` is, as are « Maîtrise des outils… » (fondamentaux + services en ligne)
and « Acquisition de matériel… » (an équipement without connexion): these can come back in excess.
"""

FRAIS_OF_FEE: Final = MappingProxyType(
    {"Gratuit": "gratuit", "Gratuit sous condition": "gratuit", "Payant": "payant"}
)
FRAIS_PREFERENCE: Final = ("gratuit", "payant")
DEFAULT_FRAIS: Final = "gratuit"
FEE_OF_FRAIS: Final = MappingProxyType({"gratuit": "Gratuit", "payant": "Payant"})

PUBLIC_OF_PUBLIC: Final = MappingProxyType({
    "Jeunes": "jeunes", "Étudiants": "etudiants", "Familles et/ou enfants": "familles", "Seniors": "seniors",
    "Femmes": "femmes",
})  # fmt: skip
PUBLIC_OF_SUPPORT: Final[Mapping[str, str | None]] = MappingProxyType({
    "Surdité": "personnes-en-situation-de-handicap",
    "Handicaps moteurs": "personnes-en-situation-de-handicap",
    "Handicaps mentaux": "personnes-en-situation-de-handicap",
    "Déficience visuelle": "personnes-en-situation-de-handicap", "Illettrisme": None,
    "Langues étrangères (anglais)": "personnes-exilees", "Langues étrangères (autres)": "personnes-exilees",
})  # fmt: skip
LABEL_OF_PUBLIC: Final = MappingProxyType({public: label for label, public in PUBLIC_OF_PUBLIC.items()})

NO_PUBLIC: Final = "Ce lieu n'accueille pas de public"
PRESCRIPTION: Final = "Envoyer un mail avec une fiche de prescription"
ONLINE_BOOKING: Final = "Prendre un RDV en ligne"
MODE_OF_ACCESS: Final[Mapping[str, str | None]] = MappingProxyType({
    "Se présenter": "se-presenter", "Téléphoner": "telephoner", "Contacter par mail": "envoyer-un-courriel",
    PRESCRIPTION: "envoyer-un-courriel", ONLINE_BOOKING: "utiliser-lien-mobilisation", NO_PUBLIC: None,
})  # fmt: skip
ACCESS_OF_MODE: Final = MappingProxyType({
    "se-presenter": "Se présenter", "telephoner": "Téléphoner", "envoyer-un-courriel": "Contacter par mail",
    "utiliser-lien-mobilisation": ONLINE_BOOKING,
})  # fmt: skip
ACCESS_WITHOUT_MODE: Final = frozenset({PRESCRIPTION, NO_PUBLIC})

REMOTE: Final = "À distance"
TYPE_OF_SUPPORT: Final[Mapping[str, str | None]] = MappingProxyType({
    "Accompagnement individuel": "accompagnement", "Dans un atelier collectif": "atelier",
    "En autonomie": "aide-materielle", REMOTE: None,
})  # fmt: skip
TYPE_PRIORITY: Final = ("aide-materielle", "atelier", "accompagnement")
SUPPORT_OF_TYPE: Final = MappingProxyType({t: label for label, t in TYPE_OF_SUPPORT.items() if t})

RESEAU_OF_PROGRAMME: Final[Mapping[str, str | None]] = MappingProxyType({
    "Aidants Connect": "aidants-connect", "Conseillers numériques": "conseillers-numeriques",
    "France Services": "france-service", "Grande école du numérique": "grandes-ecoles-du-numerique",
    "La Croix Rouge": "croix-rouge", "Point d'accès numérique CAF": None,
    "Bibliothèques numérique de référence": None, "Certification PIX": None, "Promeneurs du net": None,
    "Emmaüs Connect": None, "Relais numérique (Emmaüs Connect)": None,
})  # fmt: skip
PROGRAMME_OF_RESEAU: Final = MappingProxyType({r: label for label, r in RESEAU_OF_PROGRAMME.items() if r})


def _load_typologie_networks() -> MappingProxyType[str, str]:
    path = REFERENCE_DIR / "proposed-typologie-to-reseaux-porteurs.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream)
        return MappingProxyType({
            row["mednum_typologie"]: row["data_inclusion_v1_reseau_porteur"]
            for row in rows
            if row["data_inclusion_v1_reseau_porteur"]
        })  # fmt: skip


RESEAU_OF_TYPOLOGIE: Final = _load_typologie_networks()
"""Typologie code → network, from the research's (unofficial) proposal; codes without one are absent."""
TYPOLOGIE_OF_RESEAU: Final = MappingProxyType({
    reseau: codes[0]
    for reseau in dict.fromkeys(RESEAU_OF_TYPOLOGIE.values())
    if len(codes := [code for code, r in RESEAU_OF_TYPOLOGIE.items() if r == reseau]) == 1
    and reseau not in PROGRAMME_OF_RESEAU
})  # fmt: skip

_INSEE_DEPARTEMENT: Final = re.compile(r"^(97\d|98\d|2[AB]|\d{2})")


# --- ids --------------------------------------------------------------------------------------------


def structure_id(place_id: str, source: str = DEFAULT_SOURCE) -> str:
    return f"{source}{ID_SEPARATOR}{place_id}"


def service_id(place_id: str, source: str = DEFAULT_SOURCE) -> str:
    return structure_id(place_id, source) + SERVICE_ID_SUFFIX


def local_id(di_id: str, source: str | None) -> str:
    """The producer's own id inside a d·i id: `"dora--42"` → `"42"` when the source is `dora`."""
    return di_id.removeprefix(f"{source}{ID_SEPARATOR}") if source else di_id


# --- standard → data·inclusion -----------------------------------------------------------------------


def _unique(values: Iterable[str | None]) -> list[str]:
    return [value for value in dict.fromkeys(values) if value]


def _cut(text: str, max_length: int) -> str:
    return text if len(text) <= max_length else text[: max_length - 1].rstrip() + "…"


def _nom(lieu: Lieu) -> str:
    """The name within d·i's 3 to 150 characters, without a final full stop (the commune completes a
    too short name)."""
    nom = _cut(lieu.nom, NOM_MAX_LENGTH).rstrip(". ")
    if len(nom) < NOM_MIN_LENGTH:
        nom = _cut(f"{nom} – {lieu.commune}".strip(" –"), NOM_MAX_LENGTH).rstrip(". ")
    return nom if len(nom) >= NOM_MIN_LENGTH else f"Lieu de {lieu.commune}"


def _description(*candidates: str | None) -> str | None:
    for text in candidates:
        if text and len(text) >= DESCRIPTION_MIN_LENGTH:
            return _cut(text, DESCRIPTION_MAX_LENGTH)
    return None


def _url(*candidates: str | None) -> str | None:
    return next((url for url in candidates if url and len(url) <= URL_MAX_LENGTH), None)


def _joined(labels: Iterable[str]) -> str | None:
    return LABEL_SEPARATOR.join(labels) or None


def thematiques_of(services: Iterable[str]) -> list[str]:
    thematiques = _unique(t for service in services for t in THEMATIQUES_OF_SERVICE[service])
    return thematiques or list(DEFAULT_THEMATIQUES)


def frais_of(fees: Iterable[str]) -> str:
    found = {FRAIS_OF_FEE[fee] for fee in fees}
    return next((frais for frais in FRAIS_PREFERENCE if frais in found), DEFAULT_FRAIS)


def publics_of(publics: Iterable[str], support: Iterable[str]) -> list[str]:
    values = [PUBLIC_OF_PUBLIC[p] for p in publics] + [PUBLIC_OF_SUPPORT[s] for s in support]
    return _unique(values) or [TOUS_PUBLICS]


def modes_mobilisation_of(lieu: Lieu) -> list[str]:
    if lieu.modalites_acces:
        return _unique(MODE_OF_ACCESS[access] for access in lieu.modalites_acces)
    derived = [
        "telephoner" if lieu.telephone else None,
        "envoyer-un-courriel" if lieu.courriels else None,
        "utiliser-lien-mobilisation" if lieu.prise_rdv else None,
    ]
    return _unique(derived)


def type_of(support_modes: Iterable[str]) -> str | None:
    found = {TYPE_OF_SUPPORT[mode] for mode in support_modes}
    return next((kind for kind in TYPE_PRIORITY if kind in found), None)


def modes_accueil_of(lieu: Lieu) -> list[str]:
    wanted = {"a-distance"} if REMOTE in lieu.modalites_accompagnement else set()
    if NO_PUBLIC not in lieu.modalites_acces:
        wanted.add("en-presentiel")
    return [mode for mode in MODES_ACCUEIL if mode in wanted]


def reseaux_porteurs_of(programmes: Iterable[str], typologies: Iterable[str]) -> list[str]:
    from_programmes = [RESEAU_OF_PROGRAMME[p] for p in programmes]
    return _unique([*from_programmes, *(RESEAU_OF_TYPOLOGIE.get(code) for code in typologies)])


def departement_of(code_insee: str) -> str | None:
    match = _INSEE_DEPARTEMENT.match(code_insee)
    return match[1] if match else None


def _zone_eligibilite(code_insee: str | None) -> list[str] | None:
    departement = departement_of(code_insee) if code_insee else None
    return [departement] if departement else None


def lieu_to_structure(
    lieu: Lieu, *, source: str = DEFAULT_SOURCE, lien_source: str | None = None
) -> Structure:
    siret = (
        lieu.pivot
        if lieu.pivot.isdigit() and len(lieu.pivot) == 14 and lieu.pivot != PLACEHOLDER_PIVOT
        else None
    )
    return Structure(
        source=source,
        id=structure_id(lieu.id, source),
        nom=_nom(lieu),
        date_maj=lieu.date_maj,
        description=_description(lieu.presentation_detail, lieu.presentation_resume),
        lien_source=_url(lien_source),
        siret=siret,
        commune=lieu.commune,
        code_postal=lieu.code_postal,
        code_insee=lieu.code_insee,
        adresse=lieu.adresse,
        complement_adresse=lieu.complement_adresse,
        longitude=lieu.longitude,
        latitude=lieu.latitude,
        telephone=lieu.telephone,
        courriel=next(iter(lieu.courriels), None),
        site_web=_url(*lieu.site_web),
        horaires_accueil=lieu.horaires,
        accessibilite_lieu=_url(lieu.fiche_acces_libre),
        reseaux_porteurs=reseaux_porteurs_of(lieu.dispositif_programmes_nationaux, lieu.typologie) or None,
    )


def lieu_to_service(lieu: Lieu, *, source: str = DEFAULT_SOURCE) -> Service:
    services_text = (
        "Services proposés : " + LABEL_SEPARATOR.join(lieu.services) + "." if lieu.services else None
    )
    fees = lieu.frais_a_charge
    return Service(
        source=source,
        structure_id=structure_id(lieu.id, source),
        id=service_id(lieu.id, source),
        nom=SERVICE_NAME,
        description=_description(lieu.presentation_detail, lieu.presentation_resume, services_text)
        or SERVICE_FALLBACK_DESCRIPTION,
        date_maj=lieu.date_maj,
        type=type_of(lieu.modalites_accompagnement),
        thematiques=thematiques_of(lieu.services),
        frais=frais_of(fees),
        frais_precisions=_joined(fees) if len(fees) > 1 or "Gratuit sous condition" in fees else None,
        publics=publics_of(lieu.publics_specifiquement_adresses, lieu.prise_en_charge_specifique),
        publics_precisions=_joined(lieu.prise_en_charge_specifique),
        commune=lieu.commune,
        code_postal=lieu.code_postal,
        code_insee=lieu.code_insee,
        adresse=lieu.adresse,
        complement_adresse=lieu.complement_adresse,
        longitude=lieu.longitude,
        latitude=lieu.latitude,
        telephone=lieu.telephone,
        courriel=next(iter(lieu.courriels), None),
        modes_accueil=modes_accueil_of(lieu) or None,
        zone_eligibilite=_zone_eligibilite(lieu.code_insee),
        lien_mobilisation=_url(lieu.prise_rdv),
        modes_mobilisation=modes_mobilisation_of(lieu) or None,
        mobilisable_par=list(MOBILISABLE_PAR),
        mobilisation_precisions=(
            _joined(lieu.modalites_acces) if ACCESS_WITHOUT_MODE & set(lieu.modalites_acces) else None
        ),
        horaires_accueil=lieu.horaires,
    )


# --- data·inclusion → standard (values) --------------------------------------------------------------


def services_of_thematiques(thematiques: Iterable[str]) -> list[str]:
    present = set(thematiques)
    found = {
        service for service, needed, excluded in SERVICE_RULES if needed <= present and not excluded & present
    }
    return [service for service in ENUMERATIONS["services"] if service in found]
