"""Writes to the census of places (see each module's docstring)."""

from maillage.places.services.census import CensusReport, census_rebuild
from maillage.places.services.importing import ImportRefused, ImportReport, source_import

__all__ = ["CensusReport", "ImportRefused", "ImportReport", "census_rebuild", "source_import"]
