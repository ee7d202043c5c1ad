"""data·inclusion (the national referential of the « offre d'insertion »), schema v1.0.8: write, read.

Pure Python (no Django). `writer` turns places of the national standard (`Lieu`) into d·i v1
`structures` and `services` JSON files (one structure and one service per place, see `mapping`);
`reader` reads d·i structures (v1, or v0) and their services back into the standard's field names as
census `SourceRow`s.

What data·inclusion cannot carry, so what a write → read round trip loses:
- no field at all: `itinerance`, `structure_parente`, `formations_labels`, `autres_formations_labels`,
  the standard's `source` (d·i `source` is the producer: it comes back as ours), the RNA/RIDET `pivot`
  and the placeholder pivot are not sent (it comes back as `00000000000000`), the courriels and
  websites after the first, `presentation_resume` when there is a `presentation_detail` (the one
  description d·i has comes back as `presentation_resume` up to 280 characters, else as the detail);
- programmes without a network (CAF, PIX, BNR, Promeneurs du net, Emmaüs Connect) are lost, and the
  typologie only comes back where one code alone maps to its network;
- one service type: of the `modalites_accompagnement` only the first of « En autonomie » > « Dans un
  atelier collectif » > « Accompagnement individuel » comes back (plus « À distance »);
- `services` come back through d·i thematiques (see `mapping.SERVICE_RULES`: « Utilisation sécurisée
  du numérique » never comes back, some services can come back in excess); `frais_a_charge`,
  `modalites_acces` and, when empty, the offer fields come back as d·i's defaults (gratuit, the
  contact modes, tous publics → none, fondamentaux → « Compréhension du monde numérique »);
- a long `presentation_detail` is cut to 10 000 characters, a long `nom` to 150.
"""

from maillage.interop.data_inclusion.mapping import (
    DEFAULT_SOURCE,
    lieu_to_service,
    lieu_to_structure,
    local_id,
    service_id,
    structure_id,
)
from maillage.interop.data_inclusion.reader import read_structures
from maillage.interop.data_inclusion.schema import (
    SCHEMA_VERSION,
    SERVICE_SCHEMA_PATH,
    STRUCTURE_SCHEMA_PATH,
    Service,
    Structure,
)
from maillage.interop.data_inclusion.writer import (
    services_of,
    structures_of,
    to_json_record,
    write_services,
    write_structures,
)

__all__ = [
    "DEFAULT_SOURCE",
    "SCHEMA_VERSION",
    "SERVICE_SCHEMA_PATH",
    "STRUCTURE_SCHEMA_PATH",
    "Service",
    "Structure",
    "lieu_to_service",
    "lieu_to_structure",
    "local_id",
    "read_structures",
    "service_id",
    "services_of",
    "structure_id",
    "structures_of",
    "to_json_record",
    "write_services",
    "write_structures",
]
