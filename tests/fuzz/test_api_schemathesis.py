"""schemathesis against the committed OpenAPI file, every operation, in-process on the real Loire census.

Each operation gets positive cases (valid by the schema) and negative ones (invalid parameters): the API
must never answer 5xx, and every answer must be documented (status code, content type, body schema).
"""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

with warnings.catch_warnings():
    # schemathesis 3.39 touches jsonschema's deprecated RefResolutionError at import (the suite errors on it).
    warnings.simplefilter("ignore", DeprecationWarning)
    import schemathesis
    import schemathesis.specs.openapi.schemas
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )
    from schemathesis.models import Case

    # WeasyPrint (imported by the URLconf) warns when libharfbuzz-subset is missing from the system.
    import config.urls  # noqa: F401

from config.wsgi import application
from maillage.partners.services import partner_token_create
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from tests.fuzz.budget import examples, record
from tests.fuzz.compat import hypothesis_jsonschema_patch

pytestmark = pytest.mark.django_db
OPENAPI = Path(__file__).resolve().parent.parent.parent / "docs" / "openapi.json"
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)
METHODS = (schemathesis.DataGenerationMethod.positive, schemathesis.DataGenerationMethod.negative)
# A write route answers these to an anonymous or throttled caller: normal, as long as they are documented.
EXPECTED_REFUSALS = {401, 403, 422, 429}

hypothesis_jsonschema_patch()
schemathesis.openapi.format("uuid", st.uuids().map(str))  # unknown ids: the 404 path
schemathesis.experimental.OPEN_API_3_1.enable()  # django-ninja writes OpenAPI 3.1
SCHEMA = schemathesis.from_path(OPENAPI, app=application, data_generation_methods=list(METHODS))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


def _signed(case: Case, secret: str | None) -> Case:
    if secret is not None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {secret}"}
    return case


def _has_input(operation: Any) -> bool:
    return bool(operation.query or operation.path_parameters or operation.headers or operation.body)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.verbose_name)
def test_every_operation_answers_as_documented(operation: object, loire_census: None) -> None:
    counts: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    # Negative cases need something to break: an operation without parameters only gets positive ones.
    methods = METHODS if _has_input(operation) else METHODS[:1]
    strategies = [operation.as_strategy(data_generation_method=method) for method in methods]  # type: ignore[attr-defined]
    if "place_id" in [parameter.name for parameter in operation.path_parameters]:  # type: ignore[attr-defined]
        # Random UUIDs are unknown places: the published ones come from the database.
        known = [
            str(pk) for pk in Place.objects.filter(status=PlaceStatus.PUBLISHED).values_list("pk", flat=True)
        ]
        assert known
        strategies.append(
            st.sampled_from(known).map(lambda pk: operation.make_case(path_parameters={"place_id": pk}))  # type: ignore[attr-defined]
        )
    strategy = st.one_of(strategies)
    if operation.definition.raw.get("security"):  # type: ignore[attr-defined]
        # Half the cases carry a real partner token (made-up partner), so the body is fuzzed past the
        # 401; its hourly limit is high enough not to answer 429 to every case.
        secret = partner_token_create(
            name="Partenaire du fuzzing (fictif)", created_by=None, pushes_per_hour=100_000
        ).secret
        strategy = st.tuples(strategy, st.booleans()).map(
            lambda pair: _signed(pair[0], secret if pair[1] else None)
        )

    @settings(
        max_examples=examples(smoke=10, full=1800),
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def call(case: Case) -> None:
        response = case.call()
        statuses[response.status_code] += 1
        counts[case.data_generation_method.value if case.data_generation_method else "positive"] += 1
        case.validate_response(response, checks=CHECKS)

    # The WSGI handler closes the database connection after each request (request_finished), which
    # inside the test's transaction on PostgreSQL closes it for good; Django's test client does the same.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        call()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    name = operation.verbose_name  # type: ignore[attr-defined]
    total = sum(counts.values())
    record(
        "schemathesis-" + name.replace(" ", "_").replace("/", "_").strip("_"),
        kind="schemathesis",
        operation=name,
        cases=total,
        by_method=dict(counts),
        statuses={str(code): n for code, n in sorted(statuses.items())},
    )
    assert total > 0
    assert not [code for code in statuses if code >= 500]
