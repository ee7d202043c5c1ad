"""Read data·inclusion structures (and their services) as census source rows, in the standard's names.

`read_structures(path, services_path)` reads a JSON array of d·i structures (v1, or v0: told apart by
field names; the API's `{"items": [...]}` page is accepted too) and, optionally, the matching services
file. Each structure, with the services whose `structure_id` is its `id`, gives one `SourceRow` whose
`record` holds the standard's v1.0.2 fields (lists for multi-valued fields), validated with `Lieu`:

- `id` is the structure's own id without its `"<source>--"` prefix (so a file Maillage wrote gives back
  our place id); `source_id` is the d·i `id` itself; the standard's `source` is the d·i `source`;
- `pivot` is the SIRET (or a v0 RNA), else the standard's placeholder `00000000000000`;
- the offer (services, publics, frais, modalités) is the union over the structure's services, through
  the reverse tables of `mapping.py` (v0: `legacy.py`); structure fields win over service fields;
- a v1 `description` of 280 characters or less becomes `presentation_resume`, a longer one
  `presentation_detail`.

A record that lacks a required field of the standard (nom, commune, code_postal, adresse, date_maj…),
or whose position is outside France, is refused: `record` is None and `problems` names the fields.
An invalid optional value (a phone number the standard does not accept, say) is left out and kept in
`attributes["valeurs_ignorees"]`. `attributes` also keeps the d·i classification (thematiques,
publics, reseaux_porteurs, service ids). When a services file is given, a structure none of whose
services is one of digital mediation is marked `prospect` (a structure to invite, never published).
Services of unknown structures are ignored. A file that is not d·i structures JSON raises
`WrongSourceFormat` (French message).
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal

from pydantic import ValidationError

from maillage.core.geo import FRANCE_BOXES, Point, in_france
from maillage.interop.data_inclusion.legacy import v0_service_fields, v0_structure_fields
from maillage.interop.data_inclusion.mapping import (
    ACCESS_OF_MODE,
    FEE_OF_FRAIS,
    LABEL_OF_PUBLIC,
    PLACEHOLDER_PIVOT,
    PROGRAMME_OF_RESEAU,
    REMOTE,
    SUPPORT_OF_TYPE,
    TYPOLOGIE_OF_RESEAU,
    local_id,
    services_of_thematiques,
)
from maillage.interop.data_inclusion.schema import (
    V0_SERVICE_FIELDS,
    V0_STRUCTURE_FIELDS,
    V1_SERVICE_FIELDS,
    V1_STRUCTURE_FIELDS,
)
from maillage.interop.data_inclusion.values import in_order, labels_in, strings_of, text_of
from maillage.interop.mediation_numerique.errors import FieldError, field_errors
from maillage.interop.mediation_numerique.normalise import parse_coordinate
from maillage.interop.mediation_numerique.schema import (
    COORDINATE_FIELDS,
    MULTI_VALUED_FIELDS,
    PRESENTATION_RESUME_MAX_LENGTH,
    REQUIRED_FIELDS,
    Lieu,
)
from maillage.interop.mediation_numerique.writer import lieu_to_record
from maillage.interop.source_rows import SourceRow, WrongSourceFormat

Version = Literal["v0", "v1"]
Json = dict[str, object]

SIRET_LENGTH: Final = 14
STRUCTURE_SIGNATURE: Final = ("source", "id", "nom", "date_maj")
SERVICE_SIGNATURE: Final = ("structure_id", "id")
V0_ONLY_STRUCTURE_FIELDS: Final = frozenset(V0_STRUCTURE_FIELDS) - frozenset(V1_STRUCTURE_FIELDS)
V1_ONLY_STRUCTURE_FIELDS: Final = frozenset(V1_STRUCTURE_FIELDS) - frozenset(V0_STRUCTURE_FIELDS)
V0_ONLY_SERVICE_FIELDS: Final = frozenset(V0_SERVICE_FIELDS) - frozenset(V1_SERVICE_FIELDS)
V1_ONLY_SERVICE_FIELDS: Final = frozenset(V1_SERVICE_FIELDS) - frozenset(V0_SERVICE_FIELDS)
OFFER_LIST_FIELDS: Final = (
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "modalites_acces", "modalites_accompagnement", "courriels",
)  # fmt: skip
SAME_NAME_FIELDS: Final = (
    "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude",
    "telephone", "date_maj",
)  # fmt: skip


def read_structures(path: Path, services_path: Path | None = None) -> Iterator[SourceRow]:
    """One `SourceRow` per structure of the d·i JSON file `path` (services read from `services_path`)."""
    structures = _load_objects(path, "structures")
    version = _version(structures, STRUCTURE_SIGNATURE, V0_ONLY_STRUCTURE_FIELDS, V1_ONLY_STRUCTURE_FIELDS)
    services: dict[str, list[Json]] = {}
    services_version: Version = "v1"
    if services_path is not None:
        items = _load_objects(services_path, "services")
        services_version = _version(items, SERVICE_SIGNATURE, V0_ONLY_SERVICE_FIELDS, V1_ONLY_SERVICE_FIELDS)
        for item in items:
            services.setdefault(text_of(item.get("structure_id")) or "", []).append(item)
    for row_number, structure in enumerate(structures, start=1):
        own = services.get(text_of(structure.get("id")) or "", [])
        yield _row(row_number, structure, own, version, services_version, services_path is not None)


# --- files -----------------------------------------------------------------------------------------


def _load_objects(path: Path, what: str) -> list[Json]:
    label = "des structures" if what == "structures" else "des services"
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise WrongSourceFormat(f"Le fichier {label} n'est pas un fichier texte encodé en UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise WrongSourceFormat(
            f"Le fichier {label} n'est pas un JSON valide : {exc.msg} "
            f"(ligne {exc.lineno}, colonne {exc.colno})."
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]  # a page of the data·inclusion API
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise WrongSourceFormat(
            f"Le fichier {label} n'est pas un fichier data·inclusion : un tableau JSON d'objets est attendu."
        )
    return data


def _version(
    items: list[Json], signature: tuple[str, ...], v0_only: frozenset[str], v1_only: frozenset[str]
) -> Version:
    keys = {key for item in items for key in item}
    structures = signature == STRUCTURE_SIGNATURE
    if structures and "structure_id" in keys:
        raise WrongSourceFormat(
            "Ce fichier contient des services data·inclusion (champ structure_id) : le fichier des "
            "structures est attendu en premier, celui des services en second."
        )
    if "pivot" in keys:  # the standard's own field, unknown to data·inclusion
        raise WrongSourceFormat(
            "Ce fichier ressemble à un fichier du standard des lieux de médiation numérique (champ pivot), "
            "pas à un fichier data·inclusion : importez-le au format « mednum »."
        )
    missing = [name for name in signature if name not in keys]
    if items and missing:
        found = ", ".join(sorted(keys)[:12]) or "aucun"
        kind = "structures" if structures else "services"
        raise WrongSourceFormat(
            f"Ce fichier n'est pas un fichier de {kind} data·inclusion : champs absents : "
            f"{', '.join(missing)}. Champs trouvés : {found}."
        )
    return "v0" if keys & v0_only and not keys & v1_only else "v1"


# --- records ---------------------------------------------------------------------------------------


def _structure_fields(structure: Json, version: Version) -> tuple[Json, Json]:
    source = text_of(structure.get("source"))
    di_id = text_of(structure.get("id"))
    siret = (text_of(structure.get("siret")) or "").replace(" ", "")
    reseaux = strings_of(structure.get("reseaux_porteurs"))
    fields: Json = {name: structure.get(name) for name in SAME_NAME_FIELDS}
    fields |= {
        "id": local_id(di_id, source) if di_id else None,
        "pivot": PLACEHOLDER_PIVOT,
        "source": source,
        "courriels": strings_of(structure.get("courriel")),
        "site_web": strings_of(structure.get("site_web")),
    }
    if version == "v0":
        fields |= v0_structure_fields(structure)
    else:
        description = text_of(structure.get("description"))
        short = description is not None and len(description) <= PRESENTATION_RESUME_MAX_LENGTH
        fields |= {
            "horaires": structure.get("horaires_accueil"),
            "presentation_resume": description if short else None,
            "presentation_detail": None if short else description,
            "fiche_acces_libre": structure.get("accessibilite_lieu"),
            "dispositif_programmes_nationaux": in_order(
                (PROGRAMME_OF_RESEAU[r] for r in reseaux if r in PROGRAMME_OF_RESEAU),
                "dispositif_programmes_nationaux",
            ),
            "typologie": [TYPOLOGIE_OF_RESEAU[r] for r in reseaux if r in TYPOLOGIE_OF_RESEAU],
        }
    if siret.isdigit() and len(siret) == SIRET_LENGTH:
        fields["pivot"] = siret
    attributes: Json = {"reseaux_porteurs": reseaux} if reseaux else {}
    return fields, attributes


def _v1_service_fields(service: Json) -> Json:
    modes = strings_of(service.get("modes_mobilisation"))
    kind = text_of(service.get("type")) or ""
    frais = text_of(service.get("frais")) or ""
    support = [SUPPORT_OF_TYPE[kind]] if kind in SUPPORT_OF_TYPE else []
    if "a-distance" in strings_of(service.get("modes_accueil")):
        support.append(REMOTE)
    return {
        "services": services_of_thematiques(strings_of(service.get("thematiques"))),
        "publics_specifiquement_adresses": in_order(
            (LABEL_OF_PUBLIC[p] for p in strings_of(service.get("publics")) if p in LABEL_OF_PUBLIC),
            "publics_specifiquement_adresses",
        ),
        "prise_en_charge_specifique": labels_in(
            text_of(service.get("publics_precisions")), "prise_en_charge_specifique"
        ),
        "frais_a_charge": labels_in(text_of(service.get("frais_precisions")), "frais_a_charge")
        or ([FEE_OF_FRAIS[frais]] if frais in FEE_OF_FRAIS else []),
        "modalites_acces": labels_in(text_of(service.get("mobilisation_precisions")), "modalites_acces")
        or in_order((ACCESS_OF_MODE[m] for m in modes if m in ACCESS_OF_MODE), "modalites_acces"),
        "modalites_accompagnement": in_order(support, "modalites_accompagnement"),
        "prise_rdv": text_of(service.get("lien_mobilisation")),
        "horaires": service.get("horaires_accueil"),
        "telephone": service.get("telephone"),
        "courriels": strings_of(service.get("courriel")),
    }


def _record(
    structure: Json, services: list[Json], version: Version, services_version: Version
) -> tuple[Json, Json]:
    record, attributes = _structure_fields(structure, version)
    offers = [(v0_service_fields if services_version == "v0" else _v1_service_fields)(s) for s in services]
    for name in OFFER_LIST_FIELDS:
        values = [*strings_of(record.get(name)), *(v for offer in offers for v in strings_of(offer[name]))]
        record[name] = list(dict.fromkeys(values)) if name == "courriels" else in_order(values, name)
    for name in ("telephone", "horaires", "prise_rdv"):
        if not text_of(record.get(name)):
            record[name] = next((offer[name] for offer in offers if text_of(offer[name])), None)
    for key in ("thematiques", "publics"):
        values = list(dict.fromkeys(v for service in services for v in strings_of(service.get(key))))
        if values:
            attributes[key] = values
    if services:
        attributes["services"] = [text_of(service.get("id")) for service in services]
    return record, attributes


def _position_problem(record: Json, row_number: int) -> FieldError | None:
    latitude, longitude = parse_coordinate(record.get("latitude")), parse_coordinate(record.get("longitude"))
    if not isinstance(latitude, float | int) or not isinstance(longitude, float | int):
        return None
    if in_france(Point(latitude, longitude)):
        return None
    where = f"(latitude {latitude}, longitude {longitude})"
    if in_france(Point(longitude, latitude)):
        return FieldError(
            row_number,
            "latitude",
            f"position {where} hors de France : latitude et longitude inversées ?",
            latitude,
        )
    if any(south <= latitude <= north for south, _, north, _ in FRANCE_BOXES):
        return FieldError(row_number, "longitude", f"position {where} hors de France", longitude)
    return FieldError(row_number, "latitude", f"position {where} hors de France", latitude)


def _validate(record: Json, row_number: int, ignored: Json) -> tuple[Lieu | None, list[FieldError]]:
    """Validate with `Lieu`; invalid optional values are dropped (into `ignored`) and the record retried."""
    try:
        return Lieu.model_validate(record), []
    except ValidationError as exc:
        errors = field_errors(exc, row=row_number, values=record)
    if any(error.field in REQUIRED_FIELDS for error in errors):
        return None, errors
    retry = dict(record)
    for error in errors:
        for name in COORDINATE_FIELDS if error.field in COORDINATE_FIELDS else (error.field,):
            ignored[name] = record.get(name)
            retry[name] = [] if name in MULTI_VALUED_FIELDS else None
    try:
        return Lieu.model_validate(retry), []
    except ValidationError as exc:
        return None, field_errors(exc, row=row_number, values=retry)


def _row(
    row_number: int,
    structure: Json,
    services: list[Json],
    version: Version,
    services_version: Version,
    with_services: bool,
) -> SourceRow:
    source_id = text_of(structure.get("id")) or f"ligne-{row_number}"
    record, attributes = _record(structure, services, version, services_version)
    ignored: Json = {}
    lieu, problems = _validate(record, row_number, ignored)
    position = _position_problem(record, row_number)
    if position is not None:
        lieu, problems = None, [*problems, position]
    if ignored:
        attributes["valeurs_ignorees"] = ignored
    raw: Json = dict(structure) | ({"services": services} if with_services else {})
    return SourceRow(
        row_number=row_number,
        source_id=source_id,
        raw=raw,
        record=lieu_to_record(lieu) if lieu is not None else None,
        problems=problems,
        attributes=attributes,
        prospect=with_services and lieu is not None and not lieu.services,
    )
