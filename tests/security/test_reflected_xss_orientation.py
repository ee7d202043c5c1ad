"""The orientation flow keeps nothing a visitor types, but shows it back: commune searches and the first
names of the printed sheet. Payloads typed there are shown inert (reflected XSS)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.security.xss import TEXT_PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db

NEED = "demarche-en-ligne"
MONTBRISON = "42147"


def test_what_a_visitor_types_into_the_orientation_flow_comes_back_inert(
    loire_census: None, client: Client
) -> None:
    for payload in TEXT_PAYLOADS:
        _check(client, payload)


def _check(client: Client, payload: str) -> None:
    for path, params in (
        ("/orienter/", {"besoin": payload}),
        ("/orienter/commune/", {"besoin": NEED, "commune": payload}),
        ("/orienter/criteres/", {"besoin": NEED, "commune": payload}),
        ("/orienter/lieux/", {"besoin": NEED, "commune": payload, "publics": payload}),
    ):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(f"{path}?{urlencode(params)}", headers=headers)
            assert response.status_code in {200, 302, 400}, (path, response.status_code)
            assert_inert(response.content.decode(), f"{path} {headers}")
    query = urlencode({"besoin": NEED, "insee": MONTBRISON})
    refused = client.post(
        f"/orienter/fiche.pdf?{query}", {"lieux": payload, "orienteur": payload, "beneficiaire": payload}
    )
    assert refused.status_code in {200, 400}
    assert_inert(refused.content.decode(), "sheet refused")
