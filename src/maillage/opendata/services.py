"""Regenerate the open data files of the published census under `MAILLAGE_VAR_DIR/opendata/`.

Files are regenerated only when the census changed (`places.selectors.census_version`: number of
published places and newest change), by `maillage opendata` (daily) or by a visit of `/donnees/` that
finds them stale or missing. Each file is written to a temporary file, then renamed: a reader never
sees half a file. The manifest is renamed into place last.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from maillage.core.progress import Progress
from maillage.interop.data_inclusion import write_services, write_structures
from maillage.interop.mediation_numerique import Lieu, write_csv, write_geojson, write_json
from maillage.opendata.catalogue import FILE_KINDS, download_name
from maillage.opendata.selectors import (
    MANIFEST,
    FileEntry,
    Manifest,
    lieux_published,
    opendata_dir,
    opendata_manifest,
    stored_path,
)
from maillage.places.selectors import census_version

Writer = Callable[[list[Lieu], IO[str]], int]


def _atomic_write(path: Path, write: Callable[[IO[str]], object], *, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            write(stream)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _place_url(lieu: Lieu) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + reverse("publishing:place-detail", args=[lieu.id])


def _csv(lieux: list[Lieu], stream: IO[str]) -> int:
    write_csv(lieux, stream)
    return len(lieux)


def _json(lieux: list[Lieu], stream: IO[str]) -> int:
    write_json(lieux, stream)
    return len(lieux)


def _geojson(lieux: list[Lieu], stream: IO[str]) -> int:
    return len(lieux) - write_geojson(lieux, stream)


def _spreadsheet(lieux: list[Lieu], stream: IO[str]) -> int:
    """The standard's CSV for a French spreadsheet: `;` separator, CRLF (the BOM is the encoding's)."""
    standard = io.StringIO()
    write_csv(lieux, standard)
    standard.seek(0)
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv.reader(standard))
    return len(lieux)


def _structures(lieux: list[Lieu], stream: IO[str]) -> int:
    write_structures(lieux, stream, lien_source=_place_url)
    return len(lieux)


def _services(lieux: list[Lieu], stream: IO[str]) -> int:
    write_services(lieux, stream)
    return len(lieux)


WRITERS: dict[str, Writer] = {
    "lieux-csv": _csv,
    "lieux-json": _json,
    "lieux-geojson": _geojson,
    "lieux-excel": _spreadsheet,
    "structures-data-inclusion": _structures,
    "services-data-inclusion": _services,
}
ENCODINGS = {"lieux-excel": "utf-8-sig"}


def _write_file(path: Path, writer: Writer, lieux: list[Lieu], *, encoding: str) -> int:
    counted: list[int] = []
    _atomic_write(path, lambda stream: counted.append(writer(lieux, stream)), encoding=encoding)
    return counted[0]


def opendata_regenerate(
    *, force: bool = False, today: datetime.date | None = None, progress: Progress | None = None
) -> tuple[Manifest, bool]:
    """The files of the current census, written again only if the census changed since (or `force`).

    Returns the manifest and whether the files were written.
    """
    version = census_version().tag
    current = opendata_manifest()
    if current is not None and current.version == version and not force:
        return current, False
    today = today or timezone.localdate()
    progress = progress or Progress()
    progress.step("lecture des lieux publiés…")
    lieux = lieux_published()
    entries = []
    for number, kind in enumerate(FILE_KINDS):
        progress.count("fichiers écrits", number, len(FILE_KINDS))
        path = stored_path(kind.key)
        count = _write_file(path, WRITERS[kind.key], lieux, encoding=ENCODINGS.get(kind.key, "utf-8"))
        name = download_name(
            kind,
            date=today,
            producer_id=settings.MAILLAGE_PRODUCER_ID,
            territory=settings.MAILLAGE_TERRITORY_NAME,
        )
        entries.append(FileEntry(key=kind.key, name=name, count=count, size=path.stat().st_size))
    progress.count("fichiers écrits", len(FILE_KINDS), len(FILE_KINDS))
    manifest = Manifest(version=version, generated_at=timezone.now().isoformat(), files=entries)
    _atomic_write(opendata_dir() / MANIFEST, lambda stream: stream.write(manifest.to_json()))
    return manifest, True
