"""The OpenAPI schemas of both hosts generate without warnings; Swagger UI needs no CDN."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST


@pytest.mark.parametrize("urlconf", ["portal.urls_tenant", "portal.urls_public"])
def test_schema_validates_without_warnings(urlconf, tmp_path, db):
    out = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--urlconf", urlconf, "--file", str(out)
    )
    assert "openapi: 3" in out.read_text()


def test_organisation_schema_documents_the_api(api, db):
    response = api(ORG_A_HOST).get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/classify", "/api/v1/me", "/api/v1/members/{id}/"} <= set(schema["paths"])
    assert set(schema["components"]["securitySchemes"]) == {"apiKey", "cookieAuth"}
    create = schema["paths"]["/api/v1/api-keys/"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    assert "application/problem+json" in create["responses"]["409"]["content"]
    patch = schema["paths"]["/api/v1/members/{id}/"]["patch"]
    assert {"412", "428"} <= set(patch["responses"])


def test_public_schema_has_the_regulator_api_only(api, db):
    schema = api(PUBLIC_HOST).get("/api/schema/?format=json").json()
    assert "/api/v1/me" in schema["paths"]
    assert "/api/v1/classify" not in schema["paths"]
    assert schema["info"]["title"].startswith("AI Act portal: regulator")


@pytest.mark.parametrize("host", [ORG_A_HOST, PUBLIC_HOST])
def test_swagger_ui_is_served_without_external_urls(api, host, db):
    response = api(host).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), html
    assert "cdn" not in html.lower()


def test_stored_classification_result_is_the_contract_without_titles(api, db):
    """A system's classification history keeps the rules engine's contract JSON as it was given;
    only POST /classify adds `titles`, so only its answer may require them."""
    schemas = api(ORG_A_HOST).get("/api/schema/?format=json").json()["components"]["schemas"]
    stored = schemas["SystemClassification"]["properties"]["result"]["allOf"][0]["$ref"]
    latest = schemas["LatestClassification"]["properties"]["result"]["allOf"][0]["$ref"]
    assert stored == latest
    contract = schemas[stored.rsplit("/", 1)[1]]
    assert "titles" not in contract["properties"]
    tier = contract["properties"]["risk_tier"]["$ref"].rsplit("/", 1)[1]
    assert "out_of_scope" in schemas[tier]["enum"]  # rules contract 2
    assert "titles" in schemas["Classification"]["required"]


# --- issue 18 item 3: what the server answers is what the documents say -----------------------

HOSTS = [ORG_A_HOST, PUBLIC_HOST]


def _document(api, host) -> dict:  # type: ignore[no-untyped-def]
    return api(host).get("/api/schema/?format=json").json()


def _operations(schema: dict):  # type: ignore[no-untyped-def]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", method, operation


def _headers(response: dict) -> set[str]:
    return set(response.get("headers", {}))


@pytest.mark.parametrize("host", HOSTS)
def test_every_pdf_operation_documents_409_pdf_not_ready_with_retry_after(api, host, db):
    schema = _document(api, host)
    pdfs = [
        (name, op)
        for name, _, op in _operations(schema)
        if "application/pdf" in op["responses"].get("200", {}).get("content", {})
    ]
    # Filings (and on the public host their public copy) and serious-incident report versions.
    assert len(pdfs) >= 2
    for name, operation in pdfs:
        conflict = operation["responses"]["409"]
        assert "pdf_not_ready" in conflict["description"], name
        assert set(conflict["content"]) == {"application/problem+json"}, name
        assert "Retry-After" in _headers(conflict), name
    assert schema["components"]["headers"]["Retry-After"]["schema"]["type"] == "integer"


@pytest.mark.parametrize("host", HOSTS)
def test_no_operation_has_a_format_parameter_except_the_exports(api, host, db):
    for name, _, operation in _operations(_document(api, host)):
        parameters = {p["name"]: p for p in operation.get("parameters", [])}
        if "format" in parameters:
            assert name.startswith("GET") and "export" in name, name
            assert set(parameters["format"]["schema"]["enum"]) == {"json", "csv"}


@pytest.mark.parametrize("host", HOSTS)
def test_page_size_is_documented_with_its_limits(api, host, db):
    lists = 0
    for name, _, operation in _operations(_document(api, host)):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "page_size":
                lists += 1
                assert parameter["schema"]["minimum"] == 1, name
                assert parameter["schema"]["maximum"] == 200, name
    assert lists >= 4


@pytest.mark.parametrize("host", HOSTS)
def test_idempotency_key_is_documented_as_1_to_255_printable_characters(api, host, db):
    posts = 0
    for name, method, operation in _operations(_document(api, host)):
        keys = [p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"]
        assert bool(keys) == (method == "post"), name
        if keys:
            posts += 1
            schema = keys[0]["schema"]
            assert (schema["minLength"], schema["maxLength"]) == (1, 255), name
            assert re.fullmatch(schema["pattern"], "submit-42 retry 1")
            assert not re.fullmatch(schema["pattern"], "tab\there")
            assert not re.fullmatch(schema["pattern"], " ")
    assert posts


@pytest.mark.parametrize("host", HOSTS)
def test_response_headers_are_described(api, host, db):
    schema = _document(api, host)
    described = set(schema["components"]["headers"])
    assert {"ETag", "Idempotent-Replayed", "Retry-After", "RateLimit-Limit"} <= described
    for name, method, operation in _operations(schema):
        for code, response in operation["responses"].items():
            headers = _headers(response)
            assert headers <= described, (name, code)
            if code == "429":
                assert {"Retry-After", "RateLimit-Remaining"} <= headers, name
            if code.startswith("2"):
                assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= headers
                assert "application/problem+json" not in response.get("content", {}), name
            if method == "post" and code.startswith("2"):
                assert "Idempotent-Replayed" in headers, name


def test_etag_is_described_where_it_is_sent(api, db):
    paths = _document(api, ORG_A_HOST)["paths"]
    for path, method, code in [
        ("/api/v1/systems/{id}/", "get", "200"),
        ("/api/v1/systems/{id}/", "patch", "200"),
        ("/api/v1/systems/", "post", "201"),
        ("/api/v1/members/{id}/", "get", "200"),
        ("/api/v1/qms-records/{id}/approve/", "post", "200"),
        ("/api/v1/evidence/{id}/link/", "post", "200"),
    ]:
        assert "ETag" in _headers(paths[path][method]["responses"][code]), (method, path)
    for path, method in [("/api/v1/systems/", "get"), ("/api/v1/api-keys/{id}/", "get")]:
        assert "ETag" not in _headers(paths[path][method]["responses"]["200"]), (method, path)


@pytest.mark.parametrize("host", HOSTS)
def test_info_version_is_the_newest_entry_of_the_api_changelog(api, host, db):  # type: ignore[no-untyped-def]
    import re
    from pathlib import Path

    changelog = (Path(__file__).resolve().parents[2] / "docs" / "api-changelog.md").read_text()
    newest = re.search(r"^## (1\.\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert newest is not None, "docs/api-changelog.md has no dated entry"
    assert _document(api, host)["info"]["version"] == newest.group(1)
