"""Normalised place names and addresses, the comparison keys of deduplication (pure Python).

The rules below were decided on the real Loire records of the census sources (France Services 2024,
Hinaura 2022, Aidants Connect 2024, Conseillers numériques 2022/2023, public libraries, La Poste):

- A name keeps what tells two places of one commune apart: the kind of place ("médiathèque",
  "mairie", "France services", "CCAS", "centre social"…) and its own words ("Saint-Clair", "OSPA").
  Spellings of one kind are folded into one token ("Maison des services au public", "Maison France
  Service", "MSAP" → "france services"; "bibliothèque" → "mediatheque"; "Association Familles
  Rurales" → "afr"), so that "France services Pilat rhodanien" equals Hinaura's "Maison des services du
  Pilat Rhodanien".
- The commune's own name is dropped ("France Services à Noirétable" → "france services"), as are
  articles and noise words ("association", "municipale", "espace"), but never down to nothing: a name
  that would become empty keeps its last non-empty stage ("Bibliothèque municipale" → "mediatheque").
- "Mairie de X" / "Commune de X" / "Ville de X" is an organisation prefix when more words follow
  ("Ville de Saint-Etienne, Maison du projet" → "maison projet"), and the place itself otherwise
  ("COMMUNE DE NEULISE" → "mairie"): a town hall stays distinct from its library.

The other comparison keys (SIRET, phone) and the text similarities that dedup.score uses live here too.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from maillage.core.text import normalize, normalize_commune

# Phrase → canonical token, applied in order on the normalised name (longest phrases first).
_NAME_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"maisons? (?:de |des )?services? (?:au |aux )?publics?", "france services"),
    (r"maisons? (?:de |des )?services?", "france services"),
    (r"(?:maison |espace )?frances? services?", "france services"),
    (r"msap|mfs", "france services"),
    (r"espaces? (?:de pratiques? )?(?:publics? numeriques?|numeriques? publi(?:c|que)s?)", "epn"),
    (r"espaces? de pratiques? numeriques?", "epn"),
    (r"(?:mediatheque|bibliotheque|bibliotheques|mediatheques|biblio)", "mediatheque"),
    (r"centres? communal (?:d )?action sociale", "ccas"),
    (r"centres? sociaux|centres? socio culturels?", "centre social"),
    (r"maisons? des jeunes et de la culture", "mjc"),
    (r"(?:association |federation )?familles? rurales?", "afr"),
    (r"communaute (?:de |des )?communes?", "cc"),
    (r"communaute d agglomeration|agglomeration|agglo", "agglo"),
    (r"bureau de poste|la poste|bp", "poste"),
    (r"hotel de ville|hotel ville", "mairie"),
    (r"fab lab", "fablab"),
)
_NAME_SYNONYM_RES = tuple((re.compile(rf"\b(?:{pattern})\b"), token) for pattern, token in _NAME_SYNONYMS)

# Words that never tell two places apart.
_NAME_STOPWORDS = frozenset((
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "sur", "pour",
    "association", "asso", "ass", "espace", "municipal", "municipale", "municipales", "communal",
    "communale", "intercommunal", "intercommunale",
))  # fmt: skip
_ORGANISATION_PREFIX = re.compile(r"^(?:mairie|commune|ville)\b")

# The kind of place a name announces; two names announcing disjoint kinds are different places.
PLACE_KINDS: dict[str, str] = {
    "mediatheque": "médiathèque",
    "mairie": "mairie",
    "france services": "France services",
    "ccas": "CCAS",
    "centre social": "centre social",
    "mjc": "MJC",
    "poste": "bureau de poste",
    "fablab": "fablab",
}
# Typologies of the national standard that announce one of those kinds.
TYPOLOGY_KINDS: dict[str, str] = {
    "BIB": "mediatheque",
    "MUNI": "mairie",
    "RFS": "france services",
    "MSAP": "france services",
    "CCAS": "ccas",
    "CS": "centre social",
    "CSC": "centre social",
    "MJC": "mjc",
    "LA_POSTE": "poste",
    "FABLAB": "fablab",
}
_KIND_RES = tuple((re.compile(rf"\b{kind}\b"), kind) for kind in PLACE_KINDS)

# Address vocabulary: abbreviation → full street type or word.
_ADDRESS_WORDS: dict[str, str] = {
    "av": "avenue", "ave": "avenue", "avn": "avenue",
    "bd": "boulevard", "bld": "boulevard", "blvd": "boulevard", "boul": "boulevard", "bvd": "boulevard",
    "r": "rue",
    "pl": "place", "plc": "place",
    "che": "chemin", "ch": "chemin", "chem": "chemin", "chm": "chemin",
    "rte": "route", "rt": "route",
    "imp": "impasse",
    "all": "allee", "al": "allee",
    "fg": "faubourg", "fbg": "faubourg",
    "st": "saint", "ste": "sainte",
    "sq": "square", "crs": "cours", "pas": "passage", "pass": "passage", "mte": "montee",
    "qu": "quai", "res": "residence", "lot": "lotissement", "prom": "promenade", "esp": "esplanade",
    "gal": "general", "gen": "general", "mal": "marechal", "pdt": "president", "dr": "docteur",
    "doc": "docteur", "pr": "professeur", "gr": "grande rue", "grde": "grande",
}  # fmt: skip
STREET_TYPES = frozenset((
    "rue", "avenue", "boulevard", "place", "chemin", "route", "impasse", "allee", "faubourg", "square",
    "cours", "passage", "montee", "quai", "residence", "lotissement", "promenade", "esplanade", "voie",
    "sentier", "traverse", "hameau", "parc", "clos", "cite", "ruelle", "villa", "galerie", "rond", "point",
    "lieu",
))  # fmt: skip
_ADDRESS_STOPWORDS = frozenset((
    "a", "au", "aux", "d", "de", "des", "du", "l", "la", "le", "les", "et",
))  # fmt: skip
_POSTAL_TAIL = re.compile(r"\b\d{5}\b.*$")
_GLUED_POSTAL = re.compile(r"([a-z])(\d{5})\b")
_SIRET = re.compile(r"^[0-9A-Za-z]{9,14}$")
# How much a street similarity keeps when house numbers are equal, one is missing, or they differ.
NUMBER_FACTORS = {"same": 1.0, "missing": 0.9, "different": 0.7}
_CEDEX = re.compile(r"\bcedex\b(?: \d+)?")
_POSTAL_BOXES = re.compile(r"\b(?:bp|cs|tsa)(?: \d+)+\b")
_NUMBER_SUFFIX = re.compile(r"\b(\d+)(bis|ter|quater|[a-d])\b")
_HOUSE_NUMBER = re.compile(r"^\d+$")
_NUMBER_QUALIFIERS = frozenset((
    "bis", "ter", "quater", "a", "b", "c", "d",
))  # fmt: skip


def _remove_phrase(text: str, phrase: str) -> str:
    """Drop every whole-word occurrence of phrase (plain string work: commune names are many)."""
    padded, target = f" {text} ", f" {phrase} "
    while phrase and target in padded:
        padded = padded.replace(target, " ")
    return padded.strip()


@functools.lru_cache(maxsize=65536)
def _commune_variants(commune_name: str) -> tuple[str, ...]:
    """The commune as it may be written inside a name: 'Le Chambon-Feugerolles', 'Chambon Feugerolles'."""
    full = normalize_commune(commune_name)
    if not full:
        return ()
    words = full.split()
    variants = [full]
    if len(words) > 1 and words[0] in {"le", "la", "les", "l"}:
        variants.append(" ".join(words[1:]))
    return tuple(variants)


def _squash(text: str) -> str:
    return " ".join(text.split())


def normalize_name(name: str, commune_name: str = "") -> str:
    """The comparison form of a place name: 'France Services à St Bonnet le Chateau' → 'france services'."""
    return name_key(name, commune_name)


@functools.lru_cache(maxsize=65536)
def name_key(name: str, commune_name: str, other_commune: str = "") -> str:
    """normalize_name; when the name lacks its own commune, `other_commune` (the other record's) is
    dropped instead: Aidants Connect files "France Services Boen sur Lignon" under Trelins."""
    text = normalize_commune(name)  # folds accents, case, punctuation and 'St'/'Ste'
    for pattern, token in _NAME_SYNONYM_RES:
        text = pattern.sub(token, text)
    text = _squash(text)
    stages = [text]
    for commune in (commune_name, other_commune):
        shorter = text
        for variant in _commune_variants(commune):
            shorter = _remove_phrase(shorter, variant)
        if shorter != text:
            text = shorter
            break
    stages.append(_squash(text))
    words = [word for word in stages[-1].split() if word not in _NAME_STOPWORDS]
    if words and _ORGANISATION_PREFIX.match(words[0]) and len(words) > 1:
        words = words[1:]  # "Ville de Saint-Etienne, Maison du projet": the organisation, not the place
    if words and words[0] in {"commune", "ville"}:
        words[0] = "mairie"  # "COMMUNE DE NEULISE" is the town hall
    stages.append(" ".join(words))
    return next((stage for stage in reversed(stages) if stage), "")


@functools.lru_cache(maxsize=65536)
def place_kinds(normalised_name: str, typologies: tuple[str, ...] = ()) -> frozenset[str]:
    """The kinds of place a normalised name (and the standard's typologies) announce."""
    kinds = {kind for pattern, kind in _KIND_RES if pattern.search(normalised_name)}
    kinds.update(TYPOLOGY_KINDS[code] for code in typologies if code in TYPOLOGY_KINDS)
    return frozenset(kinds)


@functools.lru_cache(maxsize=65536)
def normalize_address(address: str, commune_name: str = "") -> str:
    """The comparison form of a street address: '28bis rue du Mayollet 42300 ROANNE' → '28 bis rue mayollet'.

    Street types and 'St' are spelled out, numbers and bis/ter kept, BP/CS/TSA boxes, CEDEX, and the
    postal code with everything after it dropped, as is a trailing commune name when given.
    """
    text = _GLUED_POSTAL.sub(r"\1 \2", normalize(address))  # "25 RUE CONDORCET42300 Roanne"
    text = _CEDEX.sub(" ", text)
    text = _POSTAL_BOXES.sub(" ", text)
    text = _POSTAL_TAIL.sub(" ", text)
    text = _NUMBER_SUFFIX.sub(r"\1 \2", text)
    words = [_ADDRESS_WORDS.get(word, word) for word in text.split()]
    words = [word for word in words if word not in _ADDRESS_STOPWORDS]
    text = " ".join(words)
    for variant in _commune_variants(commune_name):
        if text.endswith(" " + variant):
            text = text[: -len(variant)].strip()
    return text


@functools.lru_cache(maxsize=65536)
def split_address(normalised_address: str) -> tuple[str, str]:
    """('28 bis', 'rue mayollet'): the house number with its qualifier, and the words after it.

    A house number is a number that opens the address or comes just before a street type
    ('espace dechelette 1 route augel' → ('1', 'route augel')); the numbers of street names such as
    'allee 8 mai 1945' are not house numbers. Without a house number the whole address is the street.
    """
    words = normalised_address.split()
    for index, word in enumerate(words):
        if not _HOUSE_NUMBER.match(word):
            continue
        rest = words[index + 1 :]
        number = word.lstrip("0") or "0"
        if rest and rest[0] in _NUMBER_QUALIFIERS:
            number, rest = f"{number} {rest[0]}", rest[1:]
        while rest and _HOUSE_NUMBER.match(rest[0]):
            rest = rest[1:]  # "20-24 rue Jo Gouttebarge": a range keeps its first number
        if index == 0 or any(word in STREET_TYPES for word in rest[:2]):
            return number, " ".join(rest)
    return "", normalised_address


@functools.lru_cache(maxsize=65536)
def clean_siret(value: str) -> str:
    """The SIRET (or SIREN) when it looks real, else "": placeholders and malformed values are absent."""
    text = re.sub(r"\s+", "", value or "").removesuffix(".0")
    if not _SIRET.match(text) or set(text) == {"0"}:
        return ""
    return text.upper()


@functools.lru_cache(maxsize=65536)
def phone_key(phone: str) -> str:
    """The last nine digits of a French phone number ('+33 4 77 24 97 08' → '477249708'), else ""."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 9 else ""


def text_similarity(first: str, second: str) -> float:
    """Mean of token_set_ratio and token_sort_ratio, in [0, 1]; the pair is put in a fixed order."""
    low, high = sorted((first, second))
    return (fuzz.token_set_ratio(low, high) + fuzz.token_sort_ratio(low, high)) / 200.0


def address_similarity(first: str, second: str) -> tuple[float, bool]:
    """Similarity of two normalised addresses, and whether either carries a house number."""
    (number_a, street_a), (number_b, street_b) = split_address(first), split_address(second)
    similarity = text_similarity(street_a or first, street_b or second)
    if number_a and number_b:
        factor = NUMBER_FACTORS["same" if number_a == number_b else "different"]
    else:
        factor = NUMBER_FACTORS["missing"] if number_a or number_b else 1.0
    return similarity * factor, bool(number_a or number_b)
