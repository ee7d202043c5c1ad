"""The evidence a pair of census records gives, as named features in [0, 1] (pure Python).

`features(a, b)` returns one value per name of FEATURES; the learned scorer (dedup_model) weighs them.
Each feature is a fact a person checks when reading the two records (see tests/data/dedup/README.md):

- `rule`: the value of the hand-tuned dedup.rule_score (names, addresses, distance, identifiers, kinds):
  it carries what was tuned on the Loire;
- the premises: `same_numbered_address` (both house numbers, equal, same street), `same_street_unnumbered`
  (same street, a number missing on one side or both), `other_house_number` (same street, numbers differ),
  `placeholder_address` ("le village", "Mairie", "(ex. 12 allée des Glycines)": an address that says
  nothing), `close` (precise positions ≤ 60 m), `near` (≤ 200 m), `far` (> 1 km);
- the organisation: `same_siret`, `same_siren_only`, `other_siren`, `name_contained` (every word of one
  name is in the other), `acronym` (one name is the initials of the other: "CCBDP", "REED", "VHB");
- contacts: `shared_contact` (same phone or e-mail), `shared_contact_close` (and the same premises or
  ≤ 200 m), `same_source_other_phone` (one source, two phones: two entries of one list);
- kinds: `kind_conflict` (médiathèque / mairie / France services… announced on both sides, disjoint),
  `kind_conflict_unproven` (and neither the same house number, nor a shared contact there, nor one SIRET),
  `mobile_vs_fixed` (a bus or mobile service and a fixed place), `head_office_vs_site` (a Département,
  Région or Métropole under its legal name and one of its sites: "Maison du Rhône d'Anse" is filed under
  the head office's address), `head_office_unproven` (and no contact shared there), `same_source`;
- issue 17's second pass: `same_siret_same_premises`, `public_bodies_same_premises` (two SIRENs 2…, a
  commune, its CCAS, its EPCI, at one address: the town hall), `other_number_close` (house numbers at
  most 4 apart, ≤ 60 m), `programme_at_place` (a programme's name, « France services », « Conseillère
  numérique », and a building's, at one place), `same_source_other_siren` (one list, two SIRENs not both
  public: two organisations), `two_organisations_one_address` (and one address);
- issue 17's third pass (train part's misses, Haute-Savoie added): `one_list_two_phones_one_address` (one
  source, two phones, one address, no bus: two services of one building, the médiathèque and Info Jeunes
  at 1 rue Jean Jaurès, or two organisations; a person decides); a town hall's address (« Hôtel de ville »,
  « Chef-lieu ») in two communes is two town halls, not one street (Loisin and Massongy share 74140);
  `same_siret_vague_address` (one SIRET, one commune, one side's address only « Mairie », « Hôtel de
  ville », « le Bourg »: the mairie of Saint-Cergues at 963 rue des Allobroges and « Chef-lieu mairie »);
  `hosted_programme_close` (a record named only after a programme a person carries, « Conseillère
  numérique », « Conseiller numérique Saint-Gervais », has no premises of its own: within 60 m of a
  place, it is held there).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from maillage.core.geo import haversine_km
from maillage.core.text import normalize_commune
from maillage.places.domain.names import (
    clean_siret,
    name_key,
    normalize_address,
    phone_key,
    place_kinds,
    split_address,
    text_similarity,
)

if TYPE_CHECKING:
    from maillage.places.domain.dedup import Candidate

FEATURES = (
    "rule", "same_numbered_address", "same_street_unnumbered", "other_house_number", "placeholder_address",
    "close", "near", "far", "same_siret", "same_siren_only", "other_siren", "name_contained",
    "acronym", "shared_contact", "shared_contact_close", "same_source_other_phone", "kind_conflict",
    "mobile_vs_fixed", "head_office_vs_site", "kind_conflict_unproven", "same_source",
    "same_siret_same_premises", "other_number_close", "programme_at_place",
    "same_source_other_siren", "public_bodies_same_premises", "head_office_unproven",
    "two_organisations_one_address", "one_list_two_phones_one_address", "same_siret_vague_address",
    "hosted_programme_close",
)  # fmt: skip
_PROGRAMME = re.compile(
    r"\b(?:france services?|conseill(?:er|ere)s? numeriques?|aidants? connect|cnfs|permanences?)\b"
)
# A programme a person carries (not a building's name): alone in a name, the record has no premises.
_CARRIED = re.compile(r"\b(?:conseill(?:er|ere)s? numeriques?|cnfs|aidants? connect|permanences?)\b")
_FILLER = frozenset(("de", "du", "des", "la", "le", "les", "l", "d", "au", "en", "a"))
_MOBILE = re.compile(r"\b(?:bus|itinerante?s?|mobiles?|camping car|numeribus)\b")
_PLACEHOLDER = re.compile(r"^(?:ex \d+.*|le village|village|mairie|le bourg|bourg|centre bourg)?$")
# An address that is only the town hall (« Hôtel de ville », « Mairie », « Chef-lieu »): it says little, and
# in two communes it is two buildings, as is a town hall's square (« place de l'Hôtel de ville »).
_TOWN_HALL = re.compile(r"^(?:hotel ville|(?:chef lieu )?mairie|chef lieu)$")
_TOWN_HALL_SQUARE = re.compile(r"^(?:(?:place|esplanade|parvis) )?hotel ville$")
_HEAD_OFFICE = re.compile(r"^(?:departement|conseil (?:departemental|general|regional)|region|metropole)\b")
_ACRONYM_STOPWORDS = frozenset(
    ("de", "des", "du", "d", "l", "la", "le", "les", "et", "en", "pour", "a", "au")
)
STREET_SIMILAR = 0.85


@functools.lru_cache(maxsize=65536)
def is_mobile(name: str) -> bool:
    """A bus, a mobile EPN, an itinerant service: it has no premises of its own."""
    return bool(_MOBILE.search(normalize_commune(name)))


@functools.lru_cache(maxsize=65536)
def is_programme_name(name: str) -> bool:
    """A name that says which national programme is offered, not which building: « France services
    Givors », « Conseillère numérique », « Aidants Connect », « permanence »."""
    return bool(_PROGRAMME.search(normalize_commune(name)))


@functools.lru_cache(maxsize=65536)
def is_carried_programme_only(name: str, *communes: str) -> bool:
    """« Conseillère numérique », « Conseiller numérique Saint Gervais »: the programme, maybe the commune,
    nothing else (no médiathèque, no association, no France services)."""
    text = normalize_commune(name)
    if not _CARRIED.search(text):
        return False
    allowed = _FILLER.union(*(normalize_commune(commune).split() for commune in communes))
    return all(word in allowed for word in _CARRIED.sub(" ", text).split())


@functools.lru_cache(maxsize=65536)
def _is_head_office(name: str) -> bool:
    return bool(_HEAD_OFFICE.match(normalize_commune(name)))


@functools.lru_cache(maxsize=65536)
def _acronym(short: str, long: str) -> bool:
    letters = re.sub(r"[^a-z0-9]", "", normalize_commune(short))
    words = normalize_commune(long).split()
    if len(letters) < 3 or len(words) < 3 or len(normalize_commune(short).split()) > 1:
        return False
    initials = "".join(word[0] for word in words if word not in _ACRONYM_STOPWORDS)
    if len(letters) >= 4 and initials.startswith(letters):
        return True
    return _spells(letters, tuple(words))


def _spells(letters: str, words: tuple[str, ...]) -> bool:
    """Whether `letters` are the initials of `words`, each stopword's initial taken or not ("ESCDD":
    Espace Social et Culturel Du Diois)."""
    reachable = {0}  # how many letters the words read so far can have spelt
    for word in words:
        optional = word in _ACRONYM_STOPWORDS
        reachable = {n + 1 for n in reachable if n < len(letters) and letters[n] == word[0]} | (
            reachable if optional else set()
        )
        if not reachable:
            return False
    return len(letters) in reachable


def _same_area(a: Candidate, b: Candidate) -> bool:
    """False when both INSEE codes and both postal codes are known and differ (two communes)."""
    other_commune = bool(a.insee_code and b.insee_code and a.insee_code != b.insee_code)
    other_postcode = bool(a.postal_code and b.postal_code and a.postal_code != b.postal_code)
    return not (other_commune and other_postcode)


@functools.lru_cache(maxsize=65536)
def _same_street(first: str, second: str) -> bool:
    """Similar streets, or one street (two words at least) that opens the other: '158 grand rue' and
    '158 grand rue maison nord limagne'."""
    if text_similarity(first, second) >= STREET_SIMILAR:
        return True
    short, long = (words.split() for words in sorted((first, second), key=len))
    if len(short) < 2 or len(long) <= len(short):
        return False
    return all(_same_word(word, other) for word, other in zip(short, long, strict=False))


def _neighbouring(first: str, second: str) -> bool:
    """House numbers a few doors apart (1 and 3 rue Desaix), not 7 and 128 of one square."""
    digits_a, digits_b = first.split()[0], second.split()[0]
    return digits_a.isdigit() and digits_b.isdigit() and abs(int(digits_a) - int(digits_b)) <= 4


def _same_word(word: str, other: str) -> bool:
    """Equal words, or one with an elided article glued on: 'agny' and 'dagny' (« d'Agny », « DAGNY »)."""
    if word == other:
        return True
    short, long = sorted((word, other), key=len)
    return len(short) >= 3 and len(long) == len(short) + 1 and long[0] in "dl" and long[1:] == short


def _street_parts(candidate: Candidate) -> tuple[str, str, bool]:
    return _address_parts(candidate.address, candidate.commune_name)


@functools.lru_cache(maxsize=65536)
def _address_parts(address: str, commune_name: str) -> tuple[str, str, bool]:
    normalised = normalize_address(address, commune_name)
    number, street = split_address(normalised)
    return number, street, bool(_PLACEHOLDER.match(normalised))


def features(a: Candidate, b: Candidate, rule_value: float) -> dict[str, float]:
    """The features of the pair, given rule_score's value (symmetric: swapping a and b changes nothing)."""
    values = dict.fromkeys(FEATURES, 0.0)
    values["rule"] = rule_value
    number_a, street_a, placeholder_a = _street_parts(a)
    number_b, street_b, placeholder_b = _street_parts(b)
    placeholder = placeholder_a or placeholder_b
    vague_a = placeholder_a or (not number_a and bool(_TOWN_HALL.match(street_a)))
    vague_b = placeholder_b or (not number_b and bool(_TOWN_HALL.match(street_b)))
    values["placeholder_address"] = float(placeholder)
    same_premises = False
    other_commune = bool(a.insee_code and b.insee_code and a.insee_code != b.insee_code)
    one_siret = bool(clean_siret(a.siret)) and clean_siret(a.siret) == clean_siret(b.siret)
    town_halls = (
        other_commune
        and not one_siret  # one organisation misfiled under a neighbour (Aidants Connect): one town hall
        and any(bool(_TOWN_HALL.match(s) or _TOWN_HALL_SQUARE.match(s)) for s in (street_a, street_b))
    )
    if (
        _same_area(a, b)
        and street_a
        and street_b
        and not placeholder
        and not town_halls
        and _same_street(street_a, street_b)
    ):
        if number_a and number_b:
            same_premises = number_a == number_b
            values["same_numbered_address" if same_premises else "other_house_number"] = 1.0
        else:
            same_premises = True
            values["same_street_unnumbered"] = 1.0
    point_a, point_b = a.point, b.point
    km = haversine_km(point_a, point_b) if point_a is not None and point_b is not None else None
    if km is not None:
        values["close"], values["near"], values["far"] = float(km <= 0.06), float(km <= 0.2), float(km > 1.0)
    siret_a, siret_b = clean_siret(a.siret), clean_siret(b.siret)
    if siret_a and siret_b:
        if siret_a == siret_b:
            values["same_siret"] = 1.0
        elif siret_a[:9] == siret_b[:9]:
            values["same_siren_only"] = 1.0
        else:
            values["other_siren"] = 1.0
    words_a = set(name_key(a.name, a.commune_name, b.commune_name).split())
    words_b = set(name_key(b.name, b.commune_name, a.commune_name).split())
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        values["name_contained"] = 1.0
    values["acronym"] = float(_acronym(a.name, b.name) or _acronym(b.name, a.name))
    phone_a, phone_b = phone_key(a.phone), phone_key(b.phone)
    emails_a = {email.strip().lower() for email in a.emails if email.strip()}
    emails_b = {email.strip().lower() for email in b.emails if email.strip()}
    shared = bool(phone_a and phone_a == phone_b) or bool(emails_a & emails_b)
    values["shared_contact"] = float(shared)
    values["shared_contact_close"] = float(shared and (same_premises or (km is not None and km <= 0.2)))
    if a.source == b.source:
        values["same_source"] = 1.0
        values["same_source_other_phone"] = float(bool(phone_a and phone_b and phone_a != phone_b))
        both_public = siret_a[:1] == siret_b[:1] == "2"  # SIREN 2…: a commune, its CCAS, its EPCI
        values["same_source_other_siren"] = float(bool(values["other_siren"] and not both_public))
    kinds_a = place_kinds(name_key(a.name, a.commune_name, b.commune_name), a.typologies)
    kinds_b = place_kinds(name_key(b.name, b.commune_name, a.commune_name), b.typologies)
    values["kind_conflict"] = float(bool(kinds_a and kinds_b and not kinds_a & kinds_b))
    public = bool(values["other_siren"] and siret_a[:1] == siret_b[:1] == "2")
    values["public_bodies_same_premises"] = float(public and same_premises)
    proven = (
        values["same_numbered_address"]
        or values["shared_contact_close"]
        or values["same_siret"]
        or values["public_bodies_same_premises"]  # a commune's France services and its CCAS: the town hall
    )
    values["kind_conflict_unproven"] = float(bool(values["kind_conflict"] and not proven))
    values["mobile_vs_fixed"] = float(is_mobile(a.name) != is_mobile(b.name))
    values["two_organisations_one_address"] = float(bool(values["same_source_other_siren"] and same_premises))
    values["same_siret_same_premises"] = float(bool(values["same_siret"] and same_premises))
    carried_a = is_carried_programme_only(a.name, a.commune_name, b.commune_name)
    carried_b = is_carried_programme_only(b.name, a.commune_name, b.commune_name)
    at_hand = same_premises or bool(values["close"]) or bool(values["other_number_close"])
    values["hosted_programme_close"] = float(carried_a != carried_b and at_hand)
    values["same_siret_vague_address"] = float(
        bool(values["same_siret"]) and not other_commune and vague_a != vague_b and not same_premises
    )
    values["other_number_close"] = float(
        bool(values["other_house_number"] and values["close"] and _neighbouring(number_a, number_b))
    )
    at_place = same_premises or bool(values["close"]) or bool(values["shared_contact_close"])
    programme = is_programme_name(a.name) != is_programme_name(b.name)
    values["programme_at_place"] = float(programme and at_place)
    values["head_office_vs_site"] = float(_is_head_office(a.name) != _is_head_office(b.name))
    # the Département's head office and a site filed under its address share no contact there; « PVS-DIE »
    # and « Département de la Loire - PVS-DIE », one phone 43 m apart, are one place
    values["head_office_unproven"] = float(
        bool(values["head_office_vs_site"] and not values["shared_contact_close"])
    )
    # two services of one list in one building, each its own phone (a bus's address is not premises)
    one_address = bool(values["same_numbered_address"]) or bool(
        values["same_street_unnumbered"] and (km is None or km <= 0.2)
    )
    values["one_list_two_phones_one_address"] = float(
        bool(values["same_source_other_phone"])
        and one_address
        and not (is_mobile(a.name) or is_mobile(b.name))
        and not values["head_office_unproven"]
        and not values["kind_conflict_unproven"]
    )
    return values
