"""Names and addresses in French typographic case, for the cards people read (pure Python).

Sources often shout (« ASSOCIATION FAMILLES RURALES ESTIVAREILLES », « 15 RUE DU 19 MARS 1962 ») or
whisper (« 2 bd pasteur »). This module puts such values in the case a French reader expects:
- every word capitalised, except the articles and particles inside a name (« de », « du », « la »,
  « d' », « l' », « en », « sur »…) and a few common nouns and adjectives that French writes in
  lower case inside a name (« Centre social », « Bibliothèque municipale », « Communauté de communes »);
- acronyms kept upper-case (CCAS, EPN, MJC, UDAF, AFR…), the programme written as the programme
  writes it (« France services »);
- accents a shouting source lost put back on common words (« MEDIATHEQUE » → « Médiathèque »), and a
  commune's name written as the official list writes it when a name contains it;
- streets: the street type lower-case after the number (« 15 rue »), abbreviations written out
  (« BD » → « boulevard »), house numbers normalised (« 03 » → « 3 », « 28bis » → « 28 bis ») and dates
  written the postal way (« 19 mars 1962 » → « 19-Mars-1962 »).
A value in mixed case was typed by a person: it is left as it is, apart from the safe normalisations
(programme name, house number, street type after the number, dates) and the ALL-CAPS words in it
that are plainly shouting (a run of several of them, or a commune's name).
The raw value is never lost: callers keep it (the census keeps every source record as it came).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from maillage.core.text import normalize_commune, strip_accents


def _words(text: str) -> list[str]:
    return text.split()


ACRONYMS = frozenset(
    _words("""
    ADMR AFR AGASEF ANCT APF BIJ BP CAF CARSAT CC CCAS CD CDAD CEDEX CFA CH CHU CIAS CIBC CIDFF CIO CLIC
    CMP CNAM CNFS CPAM CS CSC CSAPA EHPAD ENS EPCI EPN ESAT ESPASS EVS FACE FJT GIP IME LFA MDA MDL MDPH
    MFR MJC MSA MSAP NC OSPA PAEJ PIJ PIMMS PLIE PMI PVS RH RSA SA SARL SAS SCIC SIRET SNCF SOS UDAF
    UNA URSSAF ZAC ZI
    """)
)
"""Acronyms kept upper-case (those of the Loire census sources and the usual ones of the field)."""

PARTICLES = frozenset(
    _words("à au aux d de des du en entre et l la le les lès lez ou par pour sous sur un une")
)
"""Lower-case inside a name (« Maison de la Famille », « Pouilly-sous-Charlieu »)."""

LOWER_WORDS = frozenset(
    _words("""
    associations âgée âgées âgés communal communale communales communaux communes culturel culturelle
    culturels départemental départementale départementaux emploi familiales insertion intercommunal
    intercommunale jeunesse municipal municipale municipales municipaux numérique numériques personne
    personnes postal postale public publics publique publiques service services social sociale sociales
    sociaux sports vie ville
    """)
)
"""Common nouns and adjectives French writes in lower case inside a name (« Centre social »)."""

ACCENTED = {
    strip_accents(word).lower(): word
    for word in _words("""
    activités agée âgée âgées agglomération allée André aînés bibliothèque château cité cloître collège
    communauté côte côtes culturel départ département départementale départemental écoles école écoliers
    économie éducation égalité église Émile Étienne fédération française français François frère
    général hôpital hôtel Jaurès libération lycée maréchal médiathèque médiation mésanges montée
    numérique numériques pôle pré préfecture république résidence résistance Rhône rivière santé
    sécurité société solidarité tête théâtre vallée
    """)
}
"""Accent-free spelling → French spelling, for words a shouting source wrote without accents."""

STREET_TYPES = frozenset(
    strip_accents(word)
    for word in _words("""
    allée allées avenue boulevard chemin cité cour cours esplanade faubourg hameau impasse lieu-dit
    lotissement montée parvis passage place placette promenade quai résidence route rue ruelle sentier
    square traverse voie
    """)
)
"""Street types, accent-free (lower-case after the house number: « 15 rue »)."""
STREET_ABBREVIATIONS = {
    "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "blvd": "boulevard",
    "che": "chemin", "chem": "chemin", "imp": "impasse", "pas": "passage", "pl": "place", "rte": "route",
    "sq": "square", "mal": "maréchal", "gal": "général",
}  # fmt: skip
MONTHS = {
    strip_accents(month): month.capitalize()
    for month in _words(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    )
}
PROGRAMME = re.compile(r"\bfrance\s+services\b", re.IGNORECASE)
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI|XX|XXI)$")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A word (letters), or a number glued to letters (« 1ER », « 2BIS », « UDAF42 »).
TOKEN = re.compile(r"\d+[^\W\d_]+|[^\W\d_]+\d*", re.UNICODE)
HOUSE_NUMBER = re.compile(r"^\s*0*(\d+(?:\s*[-–]\s*\d+)?)(?:\s*(bis|ter|quater))?\b\s*,?\s*", re.IGNORECASE)
ELIDED = re.compile(r"\b([DL]) (?=[AEIOUYHÉÈÊÂÎÔ])")
SPACES = re.compile(r"\s{2,}")
DATE = re.compile(
    r"\b(1er|\d{1,2})\s+(" + "|".join(MONTHS) + r"|" + "|".join(MONTHS.values()) + r")(?:\s+(\d{4}))?\b",
    re.IGNORECASE,
)
SEGMENT_BREAKS = ("(", " - ", " – ", "/", ": ")


def is_shouting(value: str) -> bool:
    """ALL-CAPS (a few lower-case letters tolerated: « 1 PLACE Du PLATRE »), with words to case."""
    letters = [char for char in value if char.isalpha()]
    upper = sum(char.isupper() for char in letters)
    if upper < 4 or upper < 0.85 * len(letters):
        return False
    return any(word.upper() not in ACRONYMS for word in WORD.findall(value) if len(word) > 1)


def is_whispering(value: str) -> bool:
    """all-lowercase (with at least one word longer than a particle)."""
    words = WORD.findall(value)
    return not any(char.isupper() for char in value) and any(len(word) > 3 for word in words)


class CommuneNames:
    """The official names of the communes a name may contain, found whatever their source spelling."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_key: dict[str, str] = {}
        for name in names:
            self._by_key.setdefault(normalize_commune(name), name)
        self._longest = max((key.count(" ") + 1 for key in self._by_key), default=0)
        self._first_words = {key.split(" ", 1)[0] for key in self._by_key}

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def find(self, words: list[str], start: int) -> tuple[int, str] | None:
        """The longest commune name made of `words[start:]`'s first words: (how many words, name)."""
        if start >= len(words) or normalize_commune(words[start]) not in self._first_words:
            return None
        for size in range(min(self._longest, len(words) - start), 0, -1):
            key = normalize_commune(" ".join(words[start : start + size]))
            if key in self._by_key:
                return size, self._by_key[key]
        return None


NO_COMMUNES = CommuneNames(())


def _case_word(word: str, *, first: bool, shouting: bool) -> str:
    """One word (letters, or a number glued to letters) in typographic case."""
    if any(char.isdigit() for char in word):
        letters = WORD.findall(word)
        if word[0].isdigit():
            return word.lower()  # « 1ER » → « 1er »
        return word if letters and letters[0].upper() in ACRONYMS else word.capitalize()
    upper = word.upper()
    if upper in ACRONYMS or (shouting and ROMAN.match(upper)):
        return upper
    lower = word.lower()
    if shouting:
        lower = ACCENTED.get(strip_accents(lower), lower).lower()
    if not first and lower == "a" and shouting:
        return "à"  # « FRANCE SERVICES A NOIRETABLE »: capitals lost the accent
    if not first and (lower in PARTICLES or lower in LOWER_WORDS):
        return lower
    return lower[:1].upper() + lower[1:]


def _case_text(value: str, communes: CommuneNames, *, shouting: bool, only: set[int] | None = None) -> str:
    """Case every word of `value` (or only the tokens numbered in `only`), communes as officially written."""
    if shouting and only is None:
        value = ELIDED.sub(r"\1'", value)  # « COMMUNE D ANDREZIEUX » → « COMMUNE D'ANDREZIEUX »
    tokens = list(TOKEN.finditer(value))
    words = [match.group() for match in tokens]
    out: list[str] = []
    position = 0
    index = 0
    while index < len(tokens):
        match = tokens[index]
        out.append(value[position : match.start()])
        before = value[: match.start()]
        first = (
            not before.strip() or before.rstrip().endswith(SEGMENT_BREAKS) or before.endswith(SEGMENT_BREAKS)
        )
        found = communes.find(words, index) if communes and (only is None or index in only) else None
        if found is not None and (only is None or all(i in only for i in range(index, index + found[0]))):
            size, name = found
            end = tokens[index + size - 1].end()
            out.append(name)
            position, index = end, index + size
            continue
        selected = only is None or index in only
        after = value[match.end() : match.end() + 2]
        if shouting and selected and match.group() in {"D", "L"} and after[:1] == " " and after[1:].isalpha():
            # « P ET D PONCHARDIER »: an initial (« D » before a vowel became « D' » above)
            out.append(match.group())
        elif selected:
            out.append(_case_word(match.group(), first=first, shouting=shouting))
        else:
            out.append(match.group())
        position = match.end()
        index += 1
    out.append(value[position:])
    return "".join(out)


def _shouting_tokens(value: str, communes: CommuneNames) -> set[int]:
    """In a mixed-case value, the ALL-CAPS tokens to case: runs of two or more shouting words, and
    single ones that are (part of) a commune's name."""
    tokens = [match.group() for match in TOKEN.finditer(value)]

    def caps(word: str) -> bool:
        return word.isupper() and word.upper() not in ACRONYMS and len(word) > 1

    def loud(word: str) -> bool:
        return caps(word) or (word.isupper() and word.lower() in PARTICLES)

    selected: set[int] = set()
    index = 0
    while index < len(tokens):
        if not loud(tokens[index]):
            index += 1
            continue
        end = index
        while end < len(tokens) and (
            tokens[end].isupper() and (caps(tokens[end]) or tokens[end].lower() in PARTICLES)
        ):
            end += 1
        run = range(index, end)
        shouting = [i for i in run if caps(tokens[i]) and tokens[i].lower() not in PARTICLES]
        if len(shouting) >= 2:
            selected.update(run)
        else:
            for i in shouting:
                found = communes.find(tokens, i)
                if found is not None:
                    selected.update(range(i, i + found[0]))
        index = end
    return selected


def _programme(value: str) -> str:
    return PROGRAMME.sub("France services", value)


def programme_label(value: str) -> str:
    """A national programme as the programme writes it (the standard's « France Services » → « France
    services »)."""
    return _programme(value)


def typographic_name(value: str, communes: CommuneNames = NO_COMMUNES) -> str:
    """A place's name (or an address complement) in typographic case."""
    value = SPACES.sub(" ", value.strip())
    if not value:
        return value
    if is_shouting(value) or is_whispering(value):
        cased = _case_text(value, communes, shouting=is_shouting(value))
        if is_whispering(value):
            cased = cased[:1].upper() + cased[1:]
        return _programme(cased)
    selected = _shouting_tokens(value, communes)
    if selected:
        value = _case_text(value, communes, shouting=True, only=selected)
    return _programme(value)


def _dates(value: str) -> str:
    """« rue du 19 mars 1962 » → « rue du 19-Mars-1962 » (the postal way of writing a date in a street)."""

    def joined(match: re.Match[str]) -> str:
        day, month, year = match.group(1).lower(), match.group(2), match.group(3)
        month = MONTHS.get(strip_accents(month).lower(), month.capitalize())
        return "-".join(part for part in (day, month, year) if part)

    return DATE.sub(joined, value)


def typographic_street(value: str, communes: CommuneNames = NO_COMMUNES) -> str:
    """A street line (« 15 RUE DU 19 MARS 1962 » → « 15 rue du 19-Mars-1962 »)."""
    value = SPACES.sub(" ", value.strip())
    if not value:
        return value
    number = ""
    rest = value.strip()
    match = HOUSE_NUMBER.match(rest)
    if match and match.end() < len(rest):
        number = re.sub(r"\s*[-–]\s*", "-", match.group(1))
        number += f" {match.group(2).lower()}" if match.group(2) else ""
        rest = rest[match.end() :]
    loud, quiet = is_shouting(value), is_whispering(value)
    if loud or quiet:
        words = rest.split(" ")
        head = strip_accents(words[0]).lower().rstrip(".")
        if head in STREET_ABBREVIATIONS:
            words[0] = STREET_ABBREVIATIONS[head]
        for position in range(1, len(words)):
            key = strip_accents(words[position]).lower().rstrip(".")
            if key in STREET_ABBREVIATIONS and STREET_ABBREVIATIONS[key] in {"maréchal", "général"}:
                words[position] = STREET_ABBREVIATIONS[key]
        rest = _case_text(" ".join(words), communes, shouting=loud)
    else:
        selected = _shouting_tokens(rest, communes)
        if selected:
            rest = _case_text(rest, communes, shouting=True, only=selected)
    head, _, tail = rest.partition(" ")
    if number and strip_accents(head).lower() in STREET_TYPES:
        rest = f"{head.lower()} {tail}" if tail else head.lower()
    elif not number and (loud or quiet):
        rest = rest[:1].upper() + rest[1:]
    rest = _dates(rest)
    return f"{number} {rest}".strip() if number else rest


def official_commune(insee_code: str, source_name: str, names: Mapping[str, str]) -> str:
    """The commune's name in the official list (by INSEE code), else the source's own."""
    return names.get(insee_code) or source_name


NAME_FIELDS = ("name", "address_complement", "parent_structure")
STREET_FIELDS = ("address",)


def card_typography(
    fields: Mapping[str, object],
    *,
    typed: frozenset[str] | set[str],
    communes: CommuneNames = NO_COMMUNES,
    official_commune_name: str = "",
) -> dict[str, str]:
    """The card's names and address as shown: field → typographic value, only for values that change.

    `typed` names the fields whose value a person typed in Maillage: those are shown as typed.
    `official_commune_name` is the commune's name in the official list (by INSEE code), if known.
    """
    shown: dict[str, str] = {}
    for name in (*NAME_FIELDS, *STREET_FIELDS, "commune_name"):
        value = fields.get(name)
        if name in typed or not isinstance(value, str) or not value:
            continue
        if name == "commune_name":
            new = official_commune_name or typographic_name(value)
        elif name in STREET_FIELDS:
            new = typographic_street(value, communes)
        else:
            new = typographic_name(value, communes)
        if new != value:
            shown[name] = new
    return shown
