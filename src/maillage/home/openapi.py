"""The OpenAPI document of Maillage's API, with no machine-specific part (committed as docs/openapi.json)."""

from __future__ import annotations

from typing import Any


def openapi_document() -> dict[str, Any]:
    from config.api import api  # the API object lives with the project's URL configuration

    document: dict[str, Any] = api.get_openapi_schema(path_prefix="/api")
    return document
