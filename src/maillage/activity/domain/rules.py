"""Rules of a logged action, without Django: the `?depuis=` source reference, coherent counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

SOURCE_PATTERN = re.compile(r"^(?P<kind>[a-z_]+\.[a-z_]+):(?P<pk>[0-9A-Za-z-]{1,64})$")


@dataclass(frozen=True)
class SourceRef:
    """`agenda.event:3f2c…` → kind "agenda.event", pk "3f2c…"."""

    kind: str
    pk: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.pk}"


def source_parse(text: str) -> SourceRef:
    """The reference in `text`, or ValueError with a French message naming the parameter."""
    match = SOURCE_PATTERN.match(text.strip())
    if match is None:
        raise ValueError(
            f"Paramètre « depuis » illisible : « {text[:80]} » "
            "(attendu par exemple « agenda.event:<identifiant> »)"
        )
    return SourceRef(match["kind"], match["pk"])


def counts_problems(
    *, participants: int, women: int | None, men: int | None, professionals: int | None
) -> dict[str, str]:
    """Field → French message for counts that contradict each other (empty when coherent)."""
    problems = {}
    declared = (women or 0) + (men or 0)
    if declared > participants:
        problems["women"] = (
            f"Femmes et hommes ({declared}) dépassent le nombre de participants ({participants})."
        )
    if professionals is not None and professionals > participants:
        problems["professionals"] = (
            f"Les professionnels ({professionals}) dépassent le nombre de participants ({participants})."
        )
    return problems
