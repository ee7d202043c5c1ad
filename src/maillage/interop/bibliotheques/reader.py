"""Read the Ministère de la Culture list of public libraries (`;`-separated CSV) into `SourceRow`s.

Every library is a **prospect** (typologie BIB): a structure to invite into the network, never published
as a place of digital mediation, since the list says nothing about digital mediation. The street is `voie`
(with `Localisation`, « Mairie », « Le Bourg »…, as address complement); when `voie` is empty,
`Localisation` is the address, and failing that `Libelle2` when it reads as one (« 185 rue de la mairie »,
« Le Bourg »; it is otherwise a second name). A postcode « 00000 » (about 90 rows) means none. Coordinates are
`coordonnees_finales` (« lat,lon »: the BAN geocoding, else the INSEE one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from maillage.interop.mediation_numerique.normalise import parse_coordinate
from maillage.interop.source_helpers import code_with_zeros, csv_records, finish_row, text, to_float, to_int
from maillage.interop.source_rows import SourceRow

SOURCE_LABEL: Final = "Ministère de la Culture (bibliothèques publiques)"
# The copy is the one dataforgoodfr/batch8_mednum committed on 2020-11-26; the dataset has no row dates.
FILE_DATE: Final = "2020-11-26"
COLUMNS: Final = (
    "Libelle1", "Libelle2", "Localisation", "voie", "CP", "Ville", "INSEE", "coordonnees_finales",
    "code_bib", "Statut", "surface", "type_adresse", "amplitude_horaire", "pop_com",
)  # fmt: skip
WHAT: Final = "la liste des bibliothèques publiques du ministère de la Culture (CSV séparé par « ; »)"
NO_VALUE: Final = frozenset({"", "NC", "00000"})
LOOKS_LIKE_ADDRESS: Final = re.compile(
    r"^\d|\b(rue|place|avenue|boulevard|chemin|route|allée|impasse|quai|cours|square|esplanade|bourg|mairie)\b",
    re.IGNORECASE,
)


def map_library(values: dict[str, str]) -> tuple[dict[str, object], dict[str, object]]:
    """(standard record, attributes) of one library."""
    street, place, second_name = text(values["voie"]), text(values["Localisation"]), text(values["Libelle2"])
    place = "" if place in NO_VALUE else place
    if not street and not place and LOOKS_LIKE_ADDRESS.search(second_name):
        place = second_name
    latitude, _comma, longitude = text(values["coordonnees_finales"]).partition(",")
    postcode = code_with_zeros(values["CP"])
    record: dict[str, object] = {
        "id": source_id(values),
        "pivot": "00000000000000",
        "nom": text(values["Libelle1"]),
        "commune": text(values["Ville"]),
        "code_postal": None if postcode in NO_VALUE else postcode,
        "code_insee": code_with_zeros(values["INSEE"]),
        "adresse": street or place,
        "complement_adresse": (place or None) if street else None,
        "latitude": parse_coordinate(latitude),
        "longitude": parse_coordinate(longitude),
        "typologie": ["BIB"],
        "source": SOURCE_LABEL,
        "date_maj": FILE_DATE,
    }
    attributes: dict[str, object] = {
        "libelle2": text(values["Libelle2"]) or None,
        "statut": text(values["Statut"]) or None,
        "type_adresse": text(values["type_adresse"]) or None,
        "surface_m2": to_float(values["surface"]),
        "amplitude_horaire": to_float(values["amplitude_horaire"]),  # opening hours per week
        "pop_com": to_int(values["pop_com"]),  # population of the commune
    }
    return record, attributes


def source_id(values: dict[str, str]) -> str:
    """`code_bib` without the « .0 » a float left (« 7964.0 » → « 7964 »)."""
    return text(values["code_bib"]).removesuffix(".0")


def read_bibliotheques(path: Path) -> Iterator[SourceRow]:
    """Yield one row per library, in file order (source_id: `code_bib`), each a prospect."""
    for item in csv_records(path, expected=COLUMNS, what=WHAT, delimiter=";"):
        record, attributes = map_library(item.values)
        yield finish_row(
            row_number=item.row_number,
            source_id=source_id(item.values),
            raw=item.values,
            record=record,
            line=item.line,
            attributes=attributes,
            prospect=True,
        )
