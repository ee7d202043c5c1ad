"""The source formats `maillage import --format` knows, each read by one interop adapter."""

from __future__ import annotations

from maillage.interop.data_inclusion import read_structures as read_data_inclusion
from maillage.interop.mediation_numerique.source import read_source as read_mednum
from maillage.interop.source_rows import SourceReader
from maillage.interop.sources import SOURCE_LABELS, SOURCE_READERS

# hinaura and mednum share the national-standard reader (it tells v0.1 from v1.0.x by itself).
FORMAT_READERS: dict[str, SourceReader] = {
    "hinaura": read_mednum,
    "mednum": read_mednum,
    **SOURCE_READERS,
    "data-inclusion": read_data_inclusion,
}
FORMAT_LABELS: dict[str, str] = {
    "hinaura": "Hinaura (carte régionale, standard v0.1)",
    "mednum": "Standard des lieux de médiation numérique",
    **SOURCE_LABELS,
    "data-inclusion": "data·inclusion (structures et services)",
}
STRICT_BY_DEFAULT = {"mednum"}  # our own standard: a partner's file must be right as a whole
