"""API schemas: a place as the national standard v1.0.2 spells it."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import create_model, model_validator

from maillage.interop.mediation_numerique import Lieu
from maillage.places.models import Place
from maillage.places.standard import place_to_lieu


def _output_fields() -> dict[str, Any]:
    """The standard's fields, as `interop/mediation_numerique/schema.Lieu` declares them (types, defaults),
    without its input validators: the API documents exactly the model the exports write."""
    declared: dict[str, Any] = {}
    for name, info in Lieu.model_fields.items():
        default = [] if info.default_factory is list else info.default
        declared[name] = (info.annotation, ... if info.is_required() else default)
    return declared


class _LieuFromPlace(Schema):
    @model_validator(mode="before")
    @classmethod
    def _from_place(cls, data: Any) -> Any:
        # django-ninja hands over its DjangoGetter wrapper; the Place is inside.
        obj = getattr(data, "_obj", data)
        return place_to_lieu(obj).model_dump() if isinstance(obj, Place) else data


_LieuFields = create_model("_LieuFields", __base__=_LieuFromPlace, **_output_fields())


class LieuOut(_LieuFields):  # type: ignore[valid-type,misc]
    """Un lieu de médiation numérique, champs du Standard v1.0.2 (listes en tableaux JSON)."""
