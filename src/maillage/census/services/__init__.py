"""Writes to the census of places (see each module's docstring)."""

from maillage.census.services.importing import ImportRefused, ImportReport, source_import
from maillage.census.services.rebuild import CensusReport, census_rebuild

__all__ = ["CensusReport", "ImportRefused", "ImportReport", "census_rebuild", "source_import"]
