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
