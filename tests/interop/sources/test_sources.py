"""The registry of census sources: every adapter reads its own file and refuses the others'."""

from __future__ import annotations

import pytest

from maillage.interop.source_rows import WrongSourceFormat
from maillage.interop.sources import SOURCE_LABELS, SOURCE_READERS
from tests.interop.sources import SOURCES_DIR

SAMPLES = {
    "france-services": "france-services-2024/liste-fs-20240801-loire-42.csv",
    "aidants-connect": "aidants-connect-2024/20240212-aidants_connect_structures-loire-42.csv",
    "cnfs-structures": "conseillers-numeriques-2023/20230405-3925-cnfs-loire-42.csv",
    "cnfs-permanences": "cartographie-nationale-cnfs-2022/lieux-de-mediation-numerique-cnfs-loire-42.json",
    "etapes-numeriques": "etapes-numeriques-la-poste/etapes-numerique.json.gz",
    "bibliotheques": "bibliotheques-publiques/adresses-des-bibliotheques-publiques-loire-42.csv",
}


def test_registry() -> None:
    assert list(SOURCE_READERS) == list(SAMPLES)
    assert list(SOURCE_LABELS) == list(SAMPLES)


@pytest.mark.parametrize("key", SAMPLES)
def test_each_reader_reads_its_file(key: str) -> None:
    rows = list(SOURCE_READERS[key](SOURCES_DIR / SAMPLES[key]))
    assert rows
    assert [row.row_number for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.source_id for row in rows)


@pytest.mark.parametrize(
    ("key", "other"), [(key, other) for key in SAMPLES for other in SAMPLES if key != other]
)
def test_each_reader_refuses_the_other_files(key: str, other: str) -> None:
    with pytest.raises(WrongSourceFormat, match=r"^Ce fichier n'est pas "):
        list(SOURCE_READERS[key](SOURCES_DIR / SAMPLES[other]))


def test_hinaura_national_standard_file_is_no_permanence_file() -> None:
    # A v0.1 file of the standard has nearly the same keys; it spells `conditions_acces` right.
    hinaura = SOURCES_DIR / "hinaura-2022" / "lieux-mediation-numerique-hinaura-loire-42.json"
    with pytest.raises(WrongSourceFormat, match="clés attendues absentes : conditions_access"):
        list(SOURCE_READERS["cnfs-permanences"](hinaura))
