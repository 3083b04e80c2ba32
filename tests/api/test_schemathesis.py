"""Property-based conformance of both OpenAPI documents (schemathesis, in-process over WSGI):
for generated requests to every operation, no server error and no response that breaks the
documented schema, status codes or content types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    load_all_checks,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import ALL_SCOPES, ORG_A_HOST, PUBLIC_HOST

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 8
# Revoking keys at random would revoke the key the run itself uses.
SKIP = {"api_keys_revoke"}


@pytest.fixture
def wsgi_app(settings: Any) -> Iterator[WSGIHandler]:
    # Like Django's test client: the test's transaction must survive the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "api_key": "100000/min",
            "user": "100000/min",
            "anon": "100000/min",
        },
    }
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(app: WSGIHandler, host: str, key: str, title: str) -> list[str]:
    load_all_checks()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers={"Host": host})
    assert schema.raw_schema["info"]["title"].startswith(title)  # the host's own document
    headers = {"Host": host, "Authorization": f"Bearer {key}"}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.definition.raw.get("operationId") in SKIP:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect them all
            failures.append(f"{operation.label}: {exc}"[:3000])
    return failures


def test_organisation_api_conforms_to_its_schema(wsgi_app, make_key, org_a, targets):
    targets["draft_a"], targets["webhook_a"], targets["risk_record_a"]  # noqa: B018 - some rows
    failures = _run(wsgi_app, ORG_A_HOST, make_key(org_a, scopes=ALL_SCOPES), "AI Act portal: org")
    assert not failures, "\n\n".join(failures)


def test_public_api_conforms_to_its_schema(wsgi_app, make_key, msa, targets):
    targets["public_filing_a"], targets["filing_a"]  # noqa: B018 - some rows
    failures = _run(
        wsgi_app, PUBLIC_HOST, make_key(msa, scopes=["read", "write"]), "AI Act portal: reg"
    )
    assert not failures, "\n\n".join(failures)
