"""The compact GeoJSON of published places that maps load (with ETag, so unchanged data costs nothing)."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from maillage.places.search import places_map_points
from maillage.places.selectors import places_published


def census_etag() -> str:
    """Changes whenever a published place is added, removed or modified."""
    latest = places_published().order_by("-updated_at").values_list("updated_at", flat=True).first()
    count = places_published().count()
    return hashlib.sha256(f"{latest}|{count}".encode()).hexdigest()[:20]


def map_points_payload() -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            "properties": {"id": pk, "n": name, "c": commune},
        }
        for pk, name, commune, lat, lon in places_map_points()
    ]
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def map_points_geojson(request: HttpRequest) -> HttpResponse:
    etag = f'"{census_etag()}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(map_points_payload(), content_type="application/geo+json")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response
