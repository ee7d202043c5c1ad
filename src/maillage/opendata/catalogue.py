"""The open data files Maillage publishes: what each one is, under which name it is downloaded.

The national standard recommends `YYYY-MM-DD_<SIRET or RNA>_lieux-de-mediation-numerique_<Territory>.csv`.
When `MAILLAGE_PRODUCER_ID` is no SIRET or RNA (the default, "maillage"), the same pattern is kept with the
identifier as given, so that the files stay recognisable.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Final

from maillage.interop import data_inclusion, mediation_numerique

LICENCE_NAME: Final = "Licence Ouverte 2.0 (etalab-2.0)"
LICENCE_URL: Final = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
STANDARD: Final = f"Standard des lieux de médiation numérique v{mediation_numerique.SCHEMA_VERSION}"
DATA_INCLUSION: Final = f"data·inclusion v{data_inclusion.SCHEMA_VERSION}"
_PLACEHOLDER_SIRET: Final = "00000000000000"
_NOT_SLUG: Final = re.compile(r"[^0-9A-Za-z-]+")


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    schema: str
    content_type: str
    suffix: str
    """What follows the standard's name stem: `.csv`, `_excel.csv`…"""


FILE_KINDS: Final = (
    FileKind("lieux-csv", "Lieux, CSV du standard national", STANDARD, "text/csv; charset=utf-8", ".csv"),
    FileKind("lieux-json", "Lieux, JSON du standard national", STANDARD, "application/json", ".json"),
    FileKind("lieux-geojson", "Lieux, GeoJSON (carte)", STANDARD, "application/geo+json", ".geojson"),
    FileKind(
        "lieux-excel",
        "Lieux, CSV pour tableur (séparateur « ; », UTF-8 avec BOM)",
        STANDARD,
        "text/csv; charset=utf-8",
        "_tableur.csv",
    ),
    FileKind(
        "structures-data-inclusion",
        "Structures data·inclusion (JSON)",
        DATA_INCLUSION,
        "application/json",
        "_data-inclusion-structures.json",
    ),
    FileKind(
        "services-data-inclusion",
        "Services data·inclusion (JSON)",
        DATA_INCLUSION,
        "application/json",
        "_data-inclusion-services.json",
    ),
)
KINDS_BY_KEY: Final = {kind.key: kind for kind in FILE_KINDS}


def name_stem(*, date: datetime.date, producer_id: str, territory: str) -> str:
    """The standard's recommended file name without `.csv` (any producer identifier accepted)."""
    try:
        name = mediation_numerique.recommended_filename(date, producer_id, territory)
    except ValueError:
        producer = _NOT_SLUG.sub("", producer_id) or "maillage"
        placeholder = mediation_numerique.recommended_filename(date, _PLACEHOLDER_SIRET, territory)
        name = placeholder.replace(f"_{_PLACEHOLDER_SIRET}_", f"_{producer}_", 1)
    return name.removesuffix(".csv")


def download_name(kind: FileKind, *, date: datetime.date, producer_id: str, territory: str) -> str:
    return name_stem(date=date, producer_id=producer_id, territory=territory) + kind.suffix
