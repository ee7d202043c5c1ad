"""The error bodies every read route of the JSON API may answer, so that the OpenAPI file documents them."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class ValidationErrorOut(Schema):
    """422: a parameter is invalid; each entry's `loc` names it (`["query", "lat"]`)."""

    detail: list[dict[str, Any]] = Field(description="Une entrée par paramètre refusé : loc, msg, type")


class MessageOut(Schema):
    """404 and other refusals: one sentence."""

    detail: str


# 304 has no body: the client's copy (ETag / Last-Modified) is still current.
NOT_MODIFIED: dict[int, None] = {304: None}
