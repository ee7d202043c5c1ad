"""`/donnees/`: the open data files of the census, and their downloads (served by Maillage)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.opendata.catalogue import KINDS_BY_KEY, LICENCE_NAME, LICENCE_URL
from maillage.opendata.selectors import opendata_rows, stored_path
from maillage.opendata.services import opendata_regenerate


def opendata_page(request: HttpRequest) -> HttpResponse:
    manifest, _ = opendata_regenerate()  # a no-op unless the census changed or a file is missing
    context = {
        "manifest": manifest,
        "rows": opendata_rows(manifest),
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "territory": settings.MAILLAGE_TERRITORY_NAME,
    }
    return render(request, "opendata/opendata.html", context)


def opendata_download(request: HttpRequest, key: str) -> FileResponse:
    kind = KINDS_BY_KEY.get(key)
    if kind is None:
        raise Http404("Fichier inconnu")
    manifest, _ = opendata_regenerate()
    entry = manifest.entry(key)
    if entry is None:
        raise Http404("Fichier inconnu")
    stream = stored_path(key).open("rb")
    response = FileResponse(stream, as_attachment=True, filename=entry.name, content_type=kind.content_type)
    response.headers["Last-Modified"] = manifest.generated.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
