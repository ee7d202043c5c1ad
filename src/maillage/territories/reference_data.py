"""Readers for the territory files shipped in `maillage/data/` (pure Python, no database).

Each reader yields plain dicts with our field names; `territories.services` writes them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from maillage.core.text import normalize_commune

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LOIRE_DIR = DATA_DIR / "loire"
FRANCE_DIR = DATA_DIR / "france"


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def read_geojson(path: Path) -> dict[str, Any]:
    with _open_text(path) as stream:
        data: dict[str, Any] = json.load(stream)
    return data


def read_territory_epcis(directory: Path = LOIRE_DIR) -> Iterator[dict[str, Any]]:
    outlines = {
        feature["properties"]["epci_siren"]: feature["geometry"]
        for feature in read_geojson(directory / "epci_42.geojson.gz")["features"]
    }
    with _open_text(directory / "epci_42.csv") as stream:
        for row in csv.DictReader(stream):
            yield {
                "siren": row["epci_siren"],
                "name": row["nom"],
                "kind": row["type"],
                "population": _int(row["population_municipale"]),
                "commune_count": _int(row["nb_communes"]),
                "ifn_total": _float(row["ifn_total"]),
                "outline": outlines.get(row["epci_siren"]),
            }


def read_territory_communes(directory: Path = LOIRE_DIR) -> Iterator[dict[str, Any]]:
    outlines = {
        feature["properties"]["code_insee"]: feature["geometry"]
        for feature in read_geojson(directory / "communes_42.geojson.gz")["features"]
    }
    with _open_text(directory / "communes_42.csv") as stream:
        for row in csv.DictReader(stream):
            code = row["code_insee"]
            yield {
                "insee_code": code,
                "name": row["nom"],
                "search_name": normalize_commune(row["nom"]),
                "postal_codes": row["codes_postaux"].split(),
                "department_code": code[:3] if code.startswith("97") else code[:2],
                "population": _int(row["population"]),
                "epci_id": row["epci_siren"] or None,
                "in_territory": True,
                "latitude": _float(row["lat_centre"]),
                "longitude": _float(row["lon_centre"]),
                "area_km2": _float(row["superficie_km2"]),
                "density_class": _int(row["grille_densite"]),
                "density_label": row["grille_densite_libelle"],
                "ifn_no_thd": _float(row["ifn_no_thd_coverage_rate"]),
                "ifn_no_4g": _float(row["ifn_no_4g_coverage_rate"]),
                "ifn_poverty": _float(row["ifn_poverty_rate"]),
                "ifn_older_65": _float(row["ifn_older_65_rate"]),
                "ifn_no_diploma": _float(row["ifn_nscol15p_rate"]),
                "ifn_total": _float(row["ifn_total"]),
                "outline": outlines.get(code),
            }


def read_department(directory: Path = LOIRE_DIR) -> dict[str, Any]:
    feature = read_geojson(directory / "departement_42.geojson.gz")["features"][0]
    return {
        "code": feature["properties"]["code"],
        "name": feature["properties"]["nom"],
        "outline": feature["geometry"],
    }


def read_france_epcis(directory: Path = FRANCE_DIR) -> Iterator[dict[str, Any]]:
    with _open_text(directory / "epci_france_2026.csv.gz") as stream:
        for row in csv.DictReader(stream):
            yield {
                "siren": row["epci_siren"],
                "name": row["nom"],
                "kind": row["type"],
                "population": _int(row["population_municipale"]),
                "commune_count": _int(row["nb_communes"]),
            }


def read_france_communes(directory: Path = FRANCE_DIR) -> Iterator[dict[str, Any]]:
    """Current communes only (not delegated or associated ones, nor municipal arrondissements)."""
    with _open_text(directory / "communes_france_cog2026.csv.gz") as stream:
        for row in csv.DictReader(stream):
            if row["type"] != "commune-actuelle":
                continue
            yield {
                "insee_code": row["code"],
                "name": row["nom"],
                "search_name": normalize_commune(row["nom"]),
                "postal_codes": row["codesPostaux"].split(),
                "department_code": row["departement"],
                "population": _int(row["population"]),
                "epci_id": row["epci"] or None,
            }


PARENT_OF_ARRONDISSEMENT = {"75": "75056", "69": "69123", "13": "13055"}


def read_france_aliases(directory: Path = FRANCE_DIR) -> Iterator[tuple[str, str, str]]:
    """(code, name, current commune code) of former, delegated and associated communes and of the
    municipal arrondissements of Paris, Lyon and Marseille: sources still use these codes and names."""
    with _open_text(directory / "communes_france_cog2026.csv.gz") as stream:
        for row in csv.DictReader(stream):
            if row["type"] in {"commune-deleguee", "commune-associee"} and row["chefLieu"]:
                yield row["code"], row["nom"], row["chefLieu"]
            elif row["type"] == "arrondissement-municipal":
                yield row["code"], row["nom"], PARENT_OF_ARRONDISSEMENT[row["departement"]]
            for old in row["anciensCodes"].split():
                if row["type"] == "commune-actuelle":
                    yield old, "", row["code"]


def read_town_halls(directory: Path = LOIRE_DIR) -> Iterator[dict[str, Any]]:
    """The town halls of the territory; `position_reliable` is False when the published point lies over
    200 m outside the commune or is missing (then latitude and longitude are None)."""
    with _open_text(directory / "mairies_42.csv.gz") as stream:
        for row in csv.DictReader(stream):
            yield {
                "insee_code": row["code_insee"],
                "name": row["nom"],
                "address": row["adresse"],
                "latitude": _float(row["lat"]),
                "longitude": _float(row["lon"]),
                "position_reliable": row["coords_suspect"] == "no",
                "opening_hours": row["horaires_osm"],
            }
