"""Reads of the open data: the published places as the standard's records, the manifest of the files."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

from maillage.interop.mediation_numerique import Lieu
from maillage.opendata.catalogue import FILE_KINDS, FileKind
from maillage.places.selectors import places_published
from maillage.places.standard import place_to_lieu

MANIFEST = "manifest.json"


def opendata_dir() -> Path:
    return Path(settings.VAR_DIR) / "opendata"


@dataclass(frozen=True)
class FileEntry:
    key: str
    name: str
    """The name it is downloaded under (the standard's recommended name)."""
    count: int
    size: int


@dataclass(frozen=True)
class Manifest:
    version: str
    generated_at: str
    files: list[FileEntry]

    @property
    def generated(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.generated_at)

    def entry(self, key: str) -> FileEntry | None:
        return next((entry for entry in self.files if entry.key == key), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def stored_path(key: str) -> Path:
    """Where a file lives on disk (a stable name; the dated name is only the download's)."""
    return opendata_dir() / key


def opendata_manifest() -> Manifest | None:
    """The manifest of the files on disk, or None when missing, unreadable or a file is gone."""
    try:
        data = json.loads((opendata_dir() / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(
            version=data["version"],
            generated_at=data["generated_at"],
            files=[FileEntry(**entry) for entry in data["files"]],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(not stored_path(entry.key).is_file() for entry in manifest.files):
        return None
    return manifest


def lieux_published() -> list[Lieu]:
    """Every published place as the standard's record, public fields only, in a stable order."""
    places = places_published().order_by("name", "id").iterator(chunk_size=2000)
    return [place_to_lieu(place) for place in places]


@dataclass(frozen=True)
class FileRow:
    kind: FileKind
    entry: FileEntry


def opendata_rows(manifest: Manifest) -> list[FileRow]:
    return [FileRow(kind, entry) for kind in FILE_KINDS if (entry := manifest.entry(kind.key)) is not None]
