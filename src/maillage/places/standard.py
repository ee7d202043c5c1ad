"""A place as the national standard v1.0.2 spells it: the one conversion the API, the exports and the
open-data files share."""

from __future__ import annotations

from maillage.interop.mediation_numerique import Lieu
from maillage.interop.mediation_numerique.mapping import PLACE_FIELD_NAMES, place_fields_to_lieu
from maillage.places.models import Place


def place_to_lieu(place: Place, *, with_private_contact: bool = False) -> Lieu:
    """A Place in the national standard (the interop model validates it).

    A place whose contact is reserved to professionals (`contact_private`) loses its phone and e-mails,
    unless `with_private_contact` (only for readers who may see them).
    """
    fields = {name: getattr(place, name) for name in PLACE_FIELD_NAMES if name != "id"}
    fields["id"] = str(place.pk)
    if place.contact_private and not with_private_contact:
        fields["phone"], fields["emails"] = "", []
    return place_fields_to_lieu(fields)
