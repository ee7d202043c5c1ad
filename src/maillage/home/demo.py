"""The demo data set: the Loire's real territory data and census sources, shipped in maillage/data/."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from maillage.census.formats import FORMAT_READERS
from maillage.census.services import census_rebuild, source_import
from maillage.core.progress import Progress
from maillage.lending.services.sample import sample_kits_load
from maillage.newsletters.services.sample import newsletters_sample_load
from maillage.places.enums import PairStatus, PlaceStatus, RecordKind
from maillage.places.models import MatchPair, Place, SourceRecord
from maillage.reporting.sample import convention_sample_load
from maillage.territories.selectors import CommuneIndex
from maillage.territories.services import territories_load

SOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "sources"

# (format, file) of every real source of the Loire census, in the order they are read.
DEMO_SOURCES: list[tuple[str, Path]] = [
    ("hinaura", SOURCES_DIR / "hinaura-2022/lieux-mediation-numerique-hinaura-loire-42.json"),
    ("france-services", SOURCES_DIR / "france-services-2024/liste-fs-20240801-loire-42.csv"),
    (
        "aidants-connect",
        SOURCES_DIR / "aidants-connect-2024/20240212-aidants_connect_structures-loire-42.csv",
    ),
    ("cnfs-structures", SOURCES_DIR / "conseillers-numeriques-2023/20230405-3925-cnfs-loire-42.csv"),
    (
        "cnfs-permanences",
        SOURCES_DIR / "cartographie-nationale-cnfs-2022/lieux-de-mediation-numerique-cnfs-loire-42.json",
    ),
    # Étapes numériques has no Loire extract: the national file, the territory filter keeps the Loire.
    ("etapes-numeriques", SOURCES_DIR / "etapes-numeriques-la-poste/etapes-numerique.json.gz"),
    (
        "bibliotheques",
        SOURCES_DIR / "bibliotheques-publiques/adresses-des-bibliotheques-publiques-loire-42.csv",
    ),
]


def demo_load(*, with_france: bool = True, progress: Progress | None = None) -> list[str]:
    """Load everything (idempotent); return the summary lines to print."""
    progress = progress or Progress()
    progress.step("territoire : communes, EPCI, contours…")
    territory = territories_load(with_france=with_france)
    lines = [
        f"Territoire : {territory.territory_communes} communes de la Loire, {territory.epcis} EPCI, "
        f"{territory.communes} communes en tout"
    ]
    department = settings.MAILLAGE_TERRITORY_CODE
    communes = CommuneIndex.load()
    with transaction.atomic():
        for number, (fmt, path) in enumerate(DEMO_SOURCES):
            progress.count("sources importées", number, len(DEMO_SOURCES))
            report = source_import(
                path=path,
                source=fmt,
                reader=FORMAT_READERS[fmt],
                rebuild=False,
                department=department,
                communes=communes,
                progress=progress,
            )
            lines.append(
                f"  {fmt:<18} {report.rows:>4} lignes : {report.created} nouvelles, "
                f"{report.updated} modifiées, {report.unchanged} inchangées, "
                f"{report.skipped} rejetées, {report.outside} hors territoire"
            )
        progress.count("sources importées", len(DEMO_SOURCES), len(DEMO_SOURCES))
        census = census_rebuild(progress=progress)
    per_source = Counter(SourceRecord.objects.filter(kind=RecordKind.PLACE).values_list("source", flat=True))
    pairs = Counter(MatchPair.objects.values_list("status", flat=True))
    published = Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
    prospects = SourceRecord.objects.filter(kind=RecordKind.PROSPECT).count()
    lines += [
        "Fiches sources retenues : " + ", ".join(f"{s} {n}" for s, n in sorted(per_source.items())),
        f"Lieux publiés : {published}",
        f"Paires fusionnées automatiquement : {pairs[PairStatus.AUTO_MERGED]}",
        f"Paires à examiner : {pairs[PairStatus.REVIEW]}",
        f"Structures à inviter (bibliothèques) : {prospects}",
        f"Recensement recalculé : {census.places_created} lieux créés, {census.places_updated} mis à jour",
    ]
    lines += convention_sample_load()
    lines += newsletters_sample_load()
    lines += sample_kits_load()
    return lines
