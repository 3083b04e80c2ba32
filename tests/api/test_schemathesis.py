"""Property-based conformance of both OpenAPI documents (schemathesis, in-process over WSGI), with
every check schemathesis has (`load_all_checks()`: server errors, status code / content type /
headers / schema conformance, positive data accepted, negative data rejected, ignored auth,
missing required header, unsupported method, use after free, resource availability, …):

- each operation with valid and with invalid generated requests (MAX_EXAMPLES of each);
- the stateful phase: sequences that follow the documents' OpenAPI links (a created system to
  its GET / PATCH / DELETE, a list's first row to its actions; portal.api.schema.add_links).

A check that is wrong here for a documented reason is switched off for that case by one named
entry of EXCLUSIONS, with the reason; nothing else is excluded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from tests.api.helpers import ALL_SCOPES, ORG_A_HOST, PUBLIC_HOST

# Per operation; the suite's budget (README, Tests) allows about 90 s for both documents.
MAX_EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}
# A bounded run: no shrinking (a failure is reported as found, with its curl command).
BOUNDED = {
    "deadline": None,
    "database": None,
    "derandomize": True,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.explicit, Phase.generate],
}
STATEFUL = settings(max_examples=5, stateful_step_count=4, **BOUNDED)
# Revoking keys at random would revoke the key the run itself uses.
SKIP = {"api_keys_revoke"}

# A refusal no OpenAPI document can predict, by (check, problem code, the fields it names, the
# request's media type): the check is switched off for an answer with that code whose `errors`
# name only those fields (none: any), to a request of that type (none: any). Each entry says why;
# nothing else is excluded.
POSITIVE = "positive_data_acceptance"
EXCLUSIONS: dict[tuple[str, str, frozenset[str], str], str] = {
    (
        POSITIVE,
        "invalid_cursor",
        frozenset(),
        "",
    ): "a cursor is opaque: only one from next/previous",
    (POSITIVE, "unknown_reference", frozenset(), ""): "an id of a row that does not exist here",
    (POSITIVE, "precondition_failed", frozenset(), ""): "If-Match must be the row's current ETag",
    (POSITIVE, "file_type_not_allowed", frozenset(), ""): "the bytes must be what the name says",
    (POSITIVE, "malformed_json", frozenset(), ""): (
        "no string or key may hold a NUL or an unpaired surrogate (PostgreSQL stores neither); "
        "JSON Schema cannot say that of every key of an object"
    ),
    (POSITIVE, "malformed_url", frozenset(), ""): (
        "no query value may hold a NUL or bytes that are not UTF-8 (PostgreSQL cannot compare "
        "them): the same rule as malformed_json, for every string parameter"
    ),
    (POSITIVE, "validation_failed", frozenset({"expires_at"}), ""): "an expiry must be future",
    (POSITIVE, "validation_failed", frozenset({"status", "status_date"}), ""): (
        "a chapter is withdrawn only after it was signed (its state), and its date is not in the "
        "future (today): neither is in the request"
    ),
    (
        POSITIVE,
        "validation_failed",
        frozenset(
            {"url", "public_statement_url", "additional_information_url", "provider_entry_url"}
        ),
        "",
    ): (
        "a URL must be one Django's URLValidator takes (http(s), a host with a TLD); "
        "OpenAPI's `format: uri` is wider and no portable pattern states Django's rule"
    ),
    (POSITIVE, "validation_failed", frozenset({"file"}), "multipart/form-data"): (
        "schemathesis' stateful phase leaves out the binary `file` part of an upload although "
        "the document marks it required (the stateless phase sends it)"
    ),
    (
        POSITIVE,
        "validation_failed",
        frozenset(
            {
                "certificate_scan",
                "declaration_of_conformity",
                "additional_information_url",
                "provider_entry_url",
            }
        ),
        "",
    ): (
        "evidence cited by a system must be a file of this organisation (an id no document can "
        "list), and its URLs ones Django's URLValidator takes (see above); the incident "
        "operations shifted the derandomised examples onto these together"
    ),
    (POSITIVE, "validation_failed", frozenset({"title", "harms", "aware_on", "regime"}), ""): (
        "schemathesis' positive phase sends POST /incidents/ without its body although the "
        "document marks the body required (its `allOf` of per-regime rules seems to make the "
        "generator drop it); a body with the required fields is accepted (tests/incidents)"
    ),
    (POSITIVE, "validation_failed", frozenset({"designated_on"}), ""): (
        "a designation (Art 52(4)) has happened: its date is not in the future (today), which no "
        "document can state"
    ),
    (POSITIVE, "validation_failed", frozenset({"harms"}), ""): (
        "the harms an incident may name depend on its regime (Art 73 knows no CoP cybersecurity "
        "harm), which a PATCH body does not carry"
    ),
    (POSITIVE, "bulk_rejected", frozenset(), "text/csv"): (
        "a CSV body is text whose header row must name bulk-format fields: JSON Schema describes "
        "the JSON form of the same rows, not CSV"
    ),
}


def _refusal(response: Any) -> tuple[str, frozenset[str]]:
    try:
        body = json.loads(response.content)
    except (ValueError, AttributeError):
        return "", frozenset()
    if not isinstance(body, dict):
        return "", frozenset()  # a success (a list, an export): not a refusal
    return str(body.get("code", "")), frozenset(body.get("errors") or {})


def _excluded(check: str, response: Any) -> bool:
    code, fields = _refusal(response)
    sent = str(response.request.headers.get("Content-Type", "")).split(";")[0]
    return any(
        name == check
        and code == excluded_code
        and (not only or fields <= only)
        and (not media or media == sent)
        for name, excluded_code, only, media in EXCLUSIONS
    )


def _excluding(check: Callable[..., Any]) -> Callable[..., Any]:
    """`check`, except on an answer EXCLUSIONS names for it."""

    def wrapped(ctx: Any, response: Any, case: Any) -> Any:
        if _excluded(check.__name__, response):
            return None
        return check(ctx, response, case)

    wrapped.__name__ = check.__name__
    return wrapped


def _checks() -> list[Callable[..., Any]]:
    load_all_checks()
    names = {name for name, *_ in EXCLUSIONS}
    return [
        _excluding(check) if check.__name__ in names else check
        for check in CHECKS.get_all()
        if callable(check) and not isinstance(check, type)
    ]


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
            "refused": "100000/min",
        },
    }
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(app: WSGIHandler, host: str, key: str, title: str) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers={"Host": host})
    schema = schema.exclude(operation_id=list(SKIP))
    assert schema.raw_schema["info"]["title"].startswith(title)  # the host's own document
    headers = {"Host": host, "Authorization": f"Bearer {key}"}
    checks = _checks()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=MAX_EXAMPLES[mode], **BOUNDED)
            def check(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=checks)

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect them all
                if "Unable to satisfy assumptions" in str(exc):
                    continue  # no invalid request exists (an operation without inputs)
                failures.append(f"{operation.label} ({mode.value}): {exc}"[:3000])

    class Links(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(
                response,
                checks=checks,
                headers=headers,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    try:
        Links.run(settings=STATEFUL)
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
        failures.append(f"stateful phase: {exc}"[:3000])
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
