"""The demo data set: the Loire's real territory data and census sources, shipped in maillage/data/."""

from __future__ import annotations

from pathlib import Path

from maillage.places.services import places_import_file
from maillage.territories.services import territories_load

SOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "sources"

# (source name, file): the order matters once sources overlap (issue: census merge).
DEMO_SOURCES: list[tuple[str, Path]] = [
    ("hinaura", SOURCES_DIR / "hinaura-2022" / "lieux-mediation-numerique-hinaura-loire-42.json"),
]


def demo_load(*, with_france: bool = True) -> list[str]:
    """Load everything; return the summary lines to print."""
    territory = territories_load(with_france=with_france)
    lines = [
        f"Territoire : {territory.territory_communes} communes de la Loire, {territory.epcis} EPCI, "
        f"{territory.communes} communes en tout"
    ]
    for source, path in DEMO_SOURCES:
        report = places_import_file(path=path, source=source)
        lines.append(
            f"Source {source} ({path.name}, v{report.format_version}) : {report.rows} lieux, "
            f"{report.created} créés, {report.updated} mis à jour, {report.unchanged} inchangés"
        )
    return lines
