"""Who should receive a partnership request: actors ranked by theme × territory × role, with reasons.

An actor is a person listed in the directory or a member structure (through its places in the census).
Scores add up plain, explainable points; every point comes with the French sentence that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

THEME_SKILL = 4  # the actor declares the theme (a person's skills, a structure's themes)
THEME_PLACE = 3  # one of the structure's places offers it (census)
COMMUNE = 4  # the actor covers the request's commune, or has a place there
EPCI = 2  # the actor covers the commune's EPCI, or has a place in it
DEPARTMENT = 1  # the actor works across the whole département
ROLE = 2  # the role the animator asked for


@dataclass(frozen=True)
class Candidate:
    key: str  # "person:12" or "structure:4"
    label: str
    role: str = ""  # a person's role (code); empty for a structure
    skills: frozenset[str] = frozenset()  # themes the actor declares
    place_services: frozenset[str] = frozenset()  # services offered by the actor's places
    communes: frozenset[str] = frozenset()  # INSEE codes covered
    place_communes: frozenset[str] = frozenset()  # INSEE codes of the actor's places
    epcis: frozenset[str] = frozenset()  # SIREN of EPCI covered or holding one of its places
    department_wide: bool = False


@dataclass(frozen=True)
class Need:
    theme: str
    insee_code: str = ""
    epci: str = ""
    role: str = ""  # the role wanted, if any


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...] = field(default_factory=tuple)
    matches: bool = False  # the theme or the territory fits (the role alone does not)


def score(candidate: Candidate, need: Need, commune_name: str = "", epci_name: str = "") -> Suggestion:
    points = 0
    reasons: list[str] = []
    theme = need.theme
    if theme and theme in candidate.skills:
        points += THEME_SKILL
        reasons.append(f"thématique déclarée : {theme}")
    elif theme and theme in candidate.place_services:
        points += THEME_PLACE
        reasons.append(f"un de ses lieux propose : {theme}")
    where = commune_name or need.insee_code
    if need.insee_code and need.insee_code in candidate.communes:
        points += COMMUNE
        reasons.append(f"intervient à {where}")
    elif need.insee_code and need.insee_code in candidate.place_communes:
        points += COMMUNE
        reasons.append(f"a un lieu à {where}")
    elif need.epci and need.epci in candidate.epcis:
        points += EPCI
        reasons.append(f"présent dans l'intercommunalité {epci_name or need.epci}")
    elif candidate.department_wide:
        points += DEPARTMENT
        reasons.append("intervient dans tout le département")
    matches = points > 0
    if need.role and candidate.role == need.role:
        points += ROLE
        reasons.append("a le rôle demandé")
    return Suggestion(candidate=candidate, score=points, reasons=tuple(reasons), matches=matches)


def rank(
    candidates: Iterable[Candidate],
    need: Need,
    *,
    commune_name: str = "",
    epci_name: str = "",
    limit: int = 10,
) -> list[Suggestion]:
    """Candidates that match the theme or the territory, best first (ties by label, then key).

    An actor matching neither the theme nor the territory is not suggested at all.
    """
    scored = [score(c, need, commune_name, epci_name) for c in candidates]
    kept = [s for s in scored if s.matches]
    kept.sort(key=lambda s: (-s.score, s.candidate.label.casefold(), s.candidate.key))
    return kept[:limit]
