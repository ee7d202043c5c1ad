"""Extra blocking keys of deduplication: the pairs of different communes worth scoring (pure Python).

dedup.candidate_pairs pairs every two records of one commune, close positions and one numbered address.
Records of one place are also filed under two communes with no house number ("route de Suze" under Crest
and Beaufort-sur-Gervanne) or share a phone, an e-mail or a SIRET across a commune border. Each key below
groups records; a key shared by more than BUCKET_LIMIT records (a national phone line, a generic street)
says nothing and is skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from maillage.places.domain.names import clean_siret, normalize_address, phone_key, split_address

if TYPE_CHECKING:
    from maillage.places.domain.dedup import Candidate

BUCKET_LIMIT = 12


def _street(candidate: Candidate) -> list[str]:
    _, street = split_address(normalize_address(candidate.address, candidate.commune_name))
    return [f"street:{candidate.postal_code}:{street}"] if candidate.postal_code and len(street) > 6 else []


def _contacts(candidate: Candidate) -> list[str]:
    keys = [f"email:{email.strip().lower()}" for email in candidate.emails if email.strip()]
    phone = phone_key(candidate.phone)
    return [*keys, f"phone:{phone}"] if phone else keys


def _siret(candidate: Candidate) -> list[str]:
    siret = clean_siret(candidate.siret)
    return [f"siret:{siret}"] if len(siret) == 14 else []


KEYS: tuple[Callable[[Candidate], list[str]], ...] = (_street, _contacts, _siret)


def shared_key_pairs(items: Sequence[Candidate]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j), each once, in a deterministic order, of records sharing one key of KEYS."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, candidate in enumerate(items):
        for key_of in KEYS:
            for key in key_of(candidate):
                buckets[key].append(index)
    seen: set[tuple[int, int]] = set()
    for key in sorted(buckets):
        members = sorted(set(buckets[key]))
        if len(members) > BUCKET_LIMIT:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j
