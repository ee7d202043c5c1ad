"""The census sources Maillage can read: key → adapter, and key → French display name."""

from __future__ import annotations

from typing import Final

from maillage.interop.aidants_connect.reader import read_aidants_connect
from maillage.interop.bibliotheques.reader import read_bibliotheques
from maillage.interop.conseillers_numeriques.reader import read_permanences, read_structures
from maillage.interop.etapes_numeriques.reader import read_etapes_numeriques
from maillage.interop.france_services.reader import read_france_services
from maillage.interop.source_rows import SourceReader

SOURCE_READERS: Final[dict[str, SourceReader]] = {
    "france-services": read_france_services,
    "aidants-connect": read_aidants_connect,
    "cnfs-structures": read_structures,
    "cnfs-permanences": read_permanences,
    "etapes-numeriques": read_etapes_numeriques,
    "bibliotheques": read_bibliotheques,
    # Added by the lead: "hinaura", "mednum", "data-inclusion" (national-standard and data·inclusion files).
}
"""Source key (as given on the command line and stored in `SourceRecord.source`) → adapter."""

SOURCE_LABELS: Final[dict[str, str]] = {
    "france-services": "France services (liste de l'ANCT)",
    "aidants-connect": "Aidants Connect (structures habilitées)",
    "cnfs-structures": "Conseillers numériques (structures d'accueil)",
    "cnfs-permanences": "Conseillers numériques (permanences de la cartographie nationale)",
    "etapes-numeriques": "Étapes numériques (La Poste)",
    "bibliotheques": "Bibliothèques publiques (ministère de la Culture)",
    # Added by the lead: "hinaura", "mednum", "data-inclusion".
}
"""Source key → French display name."""
