"""Deduplication of census places across sources: blocking, pair scoring, grouping (pure Python).

The census merges records of many sources (France Services, Hinaura, Aidants Connect, Conseillers
numériques, libraries, La Poste…) that describe the same place in different words. This module holds
blocking (candidate_pairs), the hand-tuned rule_score and grouping; `score`, which the census calls, is the
learned scorer of dedup_model: a logistic regression over rule_score's value and the facts of
dedup_features, fitted on hand-labelled pairs (tests/data/dedup/). Thresholds, storage and review screens
belong to the places app.

rule_score's formula (a Fellegi–Sunter-style sum of log-odds: any evidence can push either way)::

    logit = PRIOR + name + address + distance + siret + phone + email + kind
    value = 1 / (1 + exp(-logit))          # always strictly inside (0, 1)

PRIOR = -3.0: two records of one commune are, a priori, different places. Each term is a piecewise-
linear function (interpolated between the points listed) of one similarity, and is 0 when the evidence
is missing on either side:

==========  =====================================================  ====================================
term        similarity                                              log-odds
==========  =====================================================  ====================================
name        mean of rapidfuzz token_set_ratio and token_sort_ratio  0 → -4, .4 → -2, .55 → -.5, .7 → +.8,
            on normalised names (names.normalize_name)              .8 → +1.8, .9 → +3, 1 → +4
address     same on the street part of normalised addresses, times  0 → -3, .3 → -2, .5 → -.5, .7 → +.5,
            1 (same house number), .9 (one missing), .7 (differ)   .85 → +1.5, 1 → +3; halved when
                                                                    neither address has a house number
distance    haversine, only when both positions are precise         ≤50 m → +1.5, 150 m → +.75,
            (commune centres say nothing)                           300 m → 0, 600 m → -1, 1.2 km → -2.5,
                                                                    ≥3 km → -4
siret       same SIRET / same SIREN only / different SIREN          +1.5 / +.75 / -1.5
phone       same phone (last 9 digits)                              +1.25 (phone + email capped at +2)
email       same e-mail address                                     +1.25
kind        the names (or typologies) announce disjoint kinds of    -2.5
            place: médiathèque, mairie, France services, CCAS…
==========  =====================================================  ====================================

SIRET, phone and e-mail identify an organisation more than a place (a commune's town hall, library and
CCAS share its SIRET), so alone they cannot outweigh different names. `components` holds the similarities
in [0, 1] (distance as 1 - km, floored at 0), `reasons` says in French what weighed; symmetric.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from maillage.core.geo import EARTH_RADIUS_KM, Point, haversine_km
from maillage.places.domain.dedup_blocking import shared_key_pairs
from maillage.places.domain.names import (
    PLACE_KINDS,
    address_similarity,
    clean_siret,
    name_key,
    normalize_address,
    phone_key,
    place_kinds,
    split_address,
    text_similarity,
)

PRIOR = -3.0
NAME_LOGODDS = ((0.0, -4.0), (0.4, -2.0), (0.55, -0.5), (0.7, 0.8), (0.8, 1.8), (0.9, 3.0), (1.0, 4.0))
ADDRESS_LOGODDS = ((0.0, -3.0), (0.3, -2.0), (0.5, -0.5), (0.7, 0.5), (0.85, 1.5), (1.0, 3.0))
DISTANCE_LOGODDS = ((0.0, 1.5), (0.05, 1.5), (0.15, 0.75), (0.3, 0.0), (0.6, -1.0), (1.2, -2.5), (3.0, -4.0))
SAME_SIRET, SAME_SIREN, OTHER_SIREN = 1.5, 0.75, -1.5
SAME_PHONE = SAME_EMAIL = 1.25
CONTACT_CAP = 2.0
KIND_CONFLICT = -2.5
ADDRESS_BUCKET_LIMIT = 12  # pass 3 of candidate_pairs skips addresses shared by more records

Decision = Literal["merge", "review", "apart"]
KeyPair = tuple[str, str]


@dataclass(frozen=True)
class Candidate:
    """One source record, as deduplication sees it.

    `key` is stable across imports ("france-services:581"); `position_approximate` is true when the
    coordinates are a commune centre or otherwise guessed. `commune_name` (optional) lets names such as
    "Médiathèque de Feurs" lose their commune before comparison.
    """

    key: str
    source: str
    name: str
    address: str
    postal_code: str
    insee_code: str
    latitude: float | None
    longitude: float | None
    position_approximate: bool
    siret: str
    typologies: tuple[str, ...] = ()
    phone: str = ""
    emails: tuple[str, ...] = ()
    commune_name: str = ""

    @property
    def point(self) -> Point | None:
        """The position when it is precise, else None."""
        if self.position_approximate or self.latitude is None or self.longitude is None:
            return None
        return Point(self.latitude, self.longitude)


@dataclass(frozen=True)
class MatchScore:
    """How likely two records describe the same place: `value` in [0, 1], with its evidence."""

    value: float
    components: dict[str, float] = field(default_factory=dict, hash=False)
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grouping:
    """Groups of keys (each a frozenset, ordered by smallest key) and the merges refused by cannot-link."""

    groups: list[frozenset[str]]
    refused: list[KeyPair]


def _interpolate(x: float, points: Sequence[tuple[float, float]]) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _format_distance(km: float) -> str:
    return f"à {round(km * 1000)} m" if km < 1 else f"à {km:.1f} km"


def score(a: Candidate, b: Candidate) -> MatchScore:
    """The likelihood that `a` and `b` describe one place: the learned scorer (dedup_model.learned_score),
    which weighs rule_score's value with the features of dedup_features."""
    from maillage.places.domain.dedup_model import learned_score  # imported here: it imports this module

    return learned_score(a, b)


def score_value(a: Candidate, b: Candidate) -> float:
    """`score(a, b).value`, without writing out the reasons (most pairs scored are not kept)."""
    from maillage.places.domain.dedup_model import learned_value  # imported here: it imports this module

    return learned_value(a, b)


def rule_score(a: Candidate, b: Candidate, *, explain: bool = True) -> MatchScore:
    """The hand-tuned likelihood that `a` and `b` describe one place (the module docstring's formula).

    With `explain` False the reasons that need formatting are left out (the value is the same)."""
    logit = PRIOR
    components: dict[str, float] = {}
    reasons: list[str] = []

    name_a = name_key(a.name, a.commune_name, b.commune_name)
    name_b = name_key(b.name, b.commune_name, a.commune_name)
    if name_a and name_b:
        similarity = text_similarity(name_a, name_b)
        components["name"] = similarity
        logit += _interpolate(similarity, NAME_LOGODDS)
        if similarity >= 0.999:
            reasons.append("mêmes noms")
        elif explain:
            reasons.append(f"noms {'proches' if similarity >= 0.7 else 'différents'} ({similarity:.2f})")
        kinds_a, kinds_b = place_kinds(name_a, a.typologies), place_kinds(name_b, b.typologies)
        if kinds_a and kinds_b:
            components["kind"] = 1.0 if kinds_a & kinds_b else 0.0
            if not kinds_a & kinds_b:
                logit += KIND_CONFLICT
            if not kinds_a & kinds_b and explain:
                labels = " / ".join(sorted({PLACE_KINDS[min(kinds_a)], PLACE_KINDS[min(kinds_b)]}))
                reasons.append(f"lieux de nature différente ({labels})")

    address_a = normalize_address(a.address, a.commune_name)
    address_b = normalize_address(b.address, b.commune_name)
    if address_a and address_b:
        similarity, numbered = address_similarity(address_a, address_b)
        components["address"] = similarity
        evidence = _interpolate(similarity, ADDRESS_LOGODDS)
        logit += evidence if numbered else evidence / 2
        if similarity >= 0.999:
            reasons.append("même adresse")
        elif explain:
            reasons.append(f"adresses {'proches' if similarity >= 0.7 else 'différentes'} ({similarity:.2f})")

    point_a, point_b = a.point, b.point
    if point_a is not None and point_b is not None:
        first, second = sorted((point_a, point_b), key=lambda p: (p.latitude, p.longitude))
        km = haversine_km(first, second)
        components["distance"] = max(0.0, 1.0 - km)
        logit += _interpolate(km, DISTANCE_LOGODDS)
        if explain:
            reasons.append(_format_distance(km))
    elif a.latitude is not None and b.latitude is not None:
        reasons.append("position approximative : distance ignorée")

    siret_a, siret_b = clean_siret(a.siret), clean_siret(b.siret)
    if siret_a and siret_b:
        if siret_a == siret_b:
            components["siret"] = 1.0
            logit += SAME_SIRET
            reasons.append("même SIRET")
        elif siret_a[:9] == siret_b[:9]:
            components["siret"] = 0.5
            logit += SAME_SIREN
            reasons.append("même SIREN (même organisme)")
        else:
            components["siret"] = 0.0
            logit += OTHER_SIREN
            reasons.append("SIRET différents")

    contact = 0.0
    phone_a, phone_b = phone_key(a.phone), phone_key(b.phone)
    if phone_a and phone_b:
        components["phone"] = float(phone_a == phone_b)
        if phone_a == phone_b:
            contact += SAME_PHONE
            reasons.append("même téléphone")
    emails_a = {email.strip().lower() for email in a.emails if email.strip()}
    emails_b = {email.strip().lower() for email in b.emails if email.strip()}
    if emails_a and emails_b:
        components["email"] = float(bool(emails_a & emails_b))
        if emails_a & emails_b:
            contact += SAME_EMAIL
            reasons.append("même courriel")
    logit += min(contact, CONTACT_CAP)

    value = 1.0 / (1.0 + math.exp(-logit))
    return MatchScore(value=value, components=components, reasons=tuple(reasons))


def classify(match: MatchScore | float, high: float, low: float) -> Decision:
    """'merge' from `high` up, 'review' from `low` up, else 'apart'."""
    if low > high:
        raise ValueError("low must not exceed high")
    value = match.value if isinstance(match, MatchScore) else match
    if value >= high:
        return "merge"
    return "review" if value >= low else "apart"


def candidate_pairs(
    candidates: Iterable[Candidate], *, neighbour_km: float = 0.3, shared_keys: bool = True
) -> Iterator[tuple[Candidate, Candidate]]:
    """The pairs worth scoring, each unordered pair once, in a deterministic order.

    1. every pair of one INSEE commune (records without an INSEE code skip this pass);
    2. pairs of different communes whose precise positions are within `neighbour_km` (a grid of
       cells of that size on latitude/longitude, so the cost grows with the records, not their square);
    3. pairs of different communes with the same postal code and the same numbered street address
       (Aidants Connect gives Boën's France services the INSEE code of Trelins, which shares 42130);
       an address shared by more than ADDRESS_BUCKET_LIMIT records is skipped;
    4. pairs of different communes sharing a street of one postal code (house number or not), a phone, an
       e-mail address or a SIRET (dedup_blocking.shared_key_pairs), unless `shared_keys` is false (the
       blocking before issue 17, kept to measure it).
    A record (one source, one key) appears once: later repeats are ignored. Pairs inside one source
    are kept: sources hold duplicates (two records of the library of Montbrison).
    """
    seen: set[tuple[str, str]] = set()
    items: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.source, c.key)):
        if (candidate.source, candidate.key) not in seen:
            seen.add((candidate.source, candidate.key))
            items.append(candidate)

    def same_commune(i: int, j: int) -> bool:
        return bool(items[i].insee_code) and items[i].insee_code == items[j].insee_code

    by_commune: dict[str, list[int]] = defaultdict(list)
    for index, candidate in enumerate(items):
        if candidate.insee_code:
            by_commune[candidate.insee_code].append(index)
    for code in sorted(by_commune):
        members = by_commune[code]
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield items[i], items[j]

    emitted: set[tuple[int, int]] = set()
    for i, j in _neighbours(items, neighbour_km):
        if not same_commune(i, j):
            emitted.add((i, j))
            yield items[i], items[j]

    by_address: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, candidate in enumerate(items):
        number, street = split_address(normalize_address(candidate.address, candidate.commune_name))
        if candidate.postal_code and number and street:
            by_address[(candidate.postal_code, number, street)].append(index)
    for address_key in sorted(by_address):
        members = by_address[address_key]
        if len(members) > ADDRESS_BUCKET_LIMIT:
            continue  # "1 place de la mairie" across a postal code: a generic address, not a place
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if not same_commune(i, j) and (i, j) not in emitted:
                    emitted.add((i, j))
                    yield items[i], items[j]

    for i, j in shared_key_pairs(items) if shared_keys else ():
        if not same_commune(i, j) and (i, j) not in emitted:
            emitted.add((i, j))
            yield items[i], items[j]


def _neighbours(items: Sequence[Candidate], radius_km: float) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of precise positions within radius_km, found through a grid of cells."""
    points = [(index, candidate.point) for index, candidate in enumerate(items)]
    located = [(index, point) for index, point in points if point is not None]
    if radius_km <= 0 or not located:
        return
    cell_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    widest = max(abs(point.latitude) for _, point in located)
    cell_lon = cell_lat / max(math.cos(math.radians(min(widest, 89.0))), 0.01)
    grid: dict[tuple[int, int], list[tuple[int, Point]]] = defaultdict(list)
    for index, point in located:
        cell = (math.floor(point.latitude / cell_lat), math.floor(point.longitude / cell_lon))
        grid[cell].append((index, point))
    found: list[tuple[int, int]] = []
    for (row, column), members in grid.items():
        for d_row in (-1, 0, 1):
            for d_column in (-1, 0, 1):
                for i, point_i in members:
                    for j, point_j in grid.get((row + d_row, column + d_column), ()):
                        if i < j and haversine_km(point_i, point_j) <= radius_km:
                            found.append((i, j))
    yield from sorted(found)


def group(merges: Iterable[KeyPair], keys: Iterable[str], *, cannot_link: Iterable[KeyPair] = ()) -> Grouping:
    """Union-find over `keys`: apply `merges` in the order given (best score first), refusing any merge
    that would put the two keys of a `cannot_link` pair (a person's decision) in one group.

    Every key ends in exactly one group (singletons included). A merge naming an unknown key raises
    ValueError; a cannot-link pair naming an unknown key is ignored (that record is gone).
    """
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for key in keys:
        parent.setdefault(key, key)
        members.setdefault(key, {key})
    forbidden: dict[str, set[str]] = {key: set() for key in parent}
    for first, second in cannot_link:
        if first in parent and second in parent and first != second:
            forbidden[first].add(second)
            forbidden[second].add(first)

    def find(key: str) -> str:
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    refused: list[KeyPair] = []
    for first, second in merges:
        if first not in parent or second not in parent:
            raise ValueError(f"unknown key in merge ({first!r}, {second!r})")
        root_a, root_b = find(first), find(second)
        if root_a == root_b:
            continue
        if forbidden[root_a] & members[root_b]:
            refused.append((first, second))
            continue
        if (len(members[root_a]), root_b) < (len(members[root_b]), root_a):
            root_a, root_b = root_b, root_a  # attach the smaller group under the larger one
        parent[root_b] = root_a
        members[root_a] |= members.pop(root_b)
        forbidden[root_a] |= forbidden.pop(root_b)
    groups = sorted((frozenset(group) for group in members.values()), key=min)
    return Grouping(groups=groups, refused=refused)


if __name__ == "__main__":  # benchmark: `python -m maillage.places.domain.dedup` (prints, asserts nothing)
    import time

    # Real Loire names and addresses replicated into 30,000 candidates, 8 to a synthetic commune.
    REAL = (
        ("France services Noirétable", "7 Place de l'église"),
        ("France Services à Noirétable", "7 place de l'église"),
        ("Médiathèque Loire Forez Agglo Noirétable", "2 place de l'église"),
        ("Mediathèque Intercommunale de Noirétable", "2 PLACE DE L'EGLISE"),
        ("Maison des services du Pilat Rhodanien", "7 rue des Prairies"),
        ("COMMUNAUTE DE COMMUNES PILAT RHODANIEN", "9 RUE DES PRAIRIES"),
        ("Centre social de Mably", "Avenue de Noyon"),
        ("Mairie de Neulise", "54 chemin vieux"),
    )
    sample = [
        Candidate(
            key=f"bench:{index}", source=("fs", "hinaura", "bib")[index % 3], name=REAL[index % 8][0],
            address=REAL[index % 8][1], postal_code=f"{index // 24:05d}", insee_code=f"{index // 8:05d}",
            latitude=43.0 + (index // 8 % 90) * 0.09 + index % 8 * 0.0003,
            longitude=-1.0 + (index // 8 // 90) * 0.12 + index % 8 * 0.0003,
            position_approximate=index % 3 == 0, siret="", phone="04 77 24 97 08" if index % 5 else "",
        )
        for index in range(30_000)
    ]  # fmt: skip
    started = time.perf_counter()
    pairs = list(candidate_pairs(sample))
    blocked = time.perf_counter()
    values = [score(first, second).value for first, second in pairs]
    scored = time.perf_counter()
    merged, reviewed = sum(value >= 0.85 for value in values), sum(0.5 <= value < 0.85 for value in values)
    per_pair = (scored - blocked) / len(pairs) * 1e6
    print(f"{len(sample)} candidates, {len(pairs)} pairs: blocking {blocked - started:.2f} s,")
    print(f"scoring {scored - blocked:.2f} s ({per_pair:.0f} µs a pair); {merged} ≥ 0.85, {reviewed} review")
