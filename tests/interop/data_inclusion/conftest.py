"""Fixtures for the data·inclusion interop package (pure Python, no database).

The places are the 81 real Hinaura 2022 places of the Loire (standard v0.1, read and converted to v1 by
the national standard's reader), each given a fixed UUID derived from its Hinaura id, as our census would.
"""

import io
import json
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

from maillage.interop.data_inclusion import write_services, write_structures
from maillage.interop.mediation_numerique import Lieu, lieu_to_record, read_file

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
HINAURA_LOIRE = DATA_DIR / "mediation_numerique" / "lieux-mediation-numerique-hinaura-loire-42.json"
DI_DIR = DATA_DIR / "data_inclusion"
DI_STRUCTURES = DI_DIR / "structures-generees-loire.json"
DI_SERVICES = DI_DIR / "services-generes-loire.json"
PLACE_NAMESPACE = uuid.UUID("2f4c8a1e-0d7b-4c59-9a3e-6b1f5e0c7d42")
SAMPLE_HINAURA_IDS = ("17", "40", "163", "226", "952", "981")
"""The real places of the committed test files (see tests/data/data_inclusion/README.md)."""


def place_id(hinaura_id: str) -> str:
    return str(uuid.uuid5(PLACE_NAMESPACE, f"hinaura-42/{hinaura_id}"))


def loire_places() -> list[Lieu]:
    """The 81 real Loire places, each with our fixed UUID as id (file order)."""
    lieux = read_file(HINAURA_LOIRE).lieux
    return [Lieu.model_validate(lieu_to_record(lieu) | {"id": place_id(lieu.id)}) for lieu in lieux]


def sample_places() -> list[Lieu]:
    wanted = {place_id(hinaura_id) for hinaura_id in SAMPLE_HINAURA_IDS}
    return [lieu for lieu in loire_places() if lieu.id in wanted]


def written(lieux: Iterable[Lieu]) -> tuple[str, str]:
    """The structures and services files of the places, as text."""
    lieux = list(lieux)
    structures, services = io.StringIO(), io.StringIO()
    write_structures(lieux, structures)
    write_services(lieux, services)
    return structures.getvalue(), services.getvalue()


def write_files(tmp_path: Path, structures: object, services: object | None = None) -> tuple[Path, Path]:
    """Write JSON-ready data (or text) to `structures.json` / `services.json` in tmp_path."""
    paths = (tmp_path / "structures.json", tmp_path / "services.json")
    for path, content in zip(paths, (structures, services), strict=True):
        if content is not None:
            text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
            path.write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="session")
def loire() -> list[Lieu]:
    return loire_places()


@pytest.fixture(scope="session")
def loire_files(loire: list[Lieu]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The 81 places written as d·i structures and services (parsed JSON)."""
    structures, services = written(loire)
    return json.loads(structures), json.loads(services)


def by_hinaura_id(lieux: list[Lieu], hinaura_id: str) -> Lieu:
    return next(lieu for lieu in lieux if lieu.id == place_id(hinaura_id))


def enriched(lieu: Lieu, **changes: object) -> Lieu:
    """A real place with the fields the Hinaura file lacks (values made up for the test)."""
    values = lieu_to_record(lieu) | {
        "pivot": "21420005800013",
        "code_insee": "42005",
        "typologie": ["EPN", "MUNI"],
        "presentation_resume": "Espace public numérique municipal.",
        "presentation_detail": (
            "Espace public numérique municipal : ateliers, accès libre et aide aux démarches."
        ),
        "dispositif_programmes_nationaux": ["Conseillers numériques", "France Services", "Certification PIX"],
        "formations_labels": ["ORDI 3.0"],
        "modalites_acces": ["Se présenter", "Envoyer un mail avec une fiche de prescription"],
        "modalites_accompagnement": ["Accompagnement individuel", "À distance"],
        "prise_rdv": "https://rdv.exemple.fr/espace-numerique",
        "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/app/42-andrezieux-boutheon/a/espace/erp/x/",
    }
    return Lieu.model_validate(values | changes)
