"""Bad query strings: every query parameter of every API endpoint (from its OpenAPI document) and
of every web page that reads one (bad_queries.WEB_PAGES) × NUL characters and invalid UTF-8
(bad_queries.BAD_VALUES) is a 400, problem+json on the API, never a 500."""

from __future__ import annotations

import functools
import re

import pytest
from django.test import Client

from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from tests.api.endpoints import ENDPOINTS, PUBLIC_ENDPOINTS, Endpoint
from tests.reliability.bad_queries import BAD_VALUES, WEB_PAGES, WebPage

pytestmark = pytest.mark.timeout(120)

CODE = "malformed_url"
PUBLIC_READS = [Endpoint("GET", path, "", None, host="public") for path in PUBLIC_ENDPOINTS]
READS = [e for e in ENDPOINTS if e.method == "GET"] + PUBLIC_READS
URLCONFS = {"organisation": "portal.urls_tenant", "public": "portal.urls_public"}
HOSTS = {"organisation": "acme.localhost", "org": "acme.localhost", "public": "localhost"}
# A parameter whose name is the bad text: no endpoint reads it, the request is refused anyway.
NAMELESS = ""


@functools.cache
def _documented(urlconf: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """(path pattern, query parameter names) of every GET operation in the OpenAPI document."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$")
        get = operations.get("get") or {}
        names = tuple(p["name"] for p in get.get("parameters", []) if p["in"] == "query")
        found.append((pattern, names))
    return tuple(found)


def _query_parameters(endpoint: Endpoint) -> tuple[str, ...]:
    path = endpoint.path.partition("?")[0]
    for pattern, names in _documented(URLCONFS[endpoint.host]):
        if pattern.match(path):
            return names
    raise AssertionError(f"{endpoint.id} is not in the OpenAPI document")


def _query(name: str, value: str) -> str:
    return f"{value}=1" if name == NAMELESS else f"{name}={value}"


def _problem_of(response, *, api: bool) -> str:  # type: ignore[no-untyped-def]
    """What is wrong with the answer ("" for a clean 400)."""
    if response.status_code != 400:
        return f"{response.status_code}: {response.content[:200]!r}"
    if api:
        if response["Content-Type"] != PROBLEM_CONTENT_TYPE:
            return f"400 as {response['Content-Type']}"
        if response.json()["code"] != CODE:
            return f"400 with code {response.json()['code']}"
    return ""


@pytest.mark.parametrize("endpoint", READS, ids=[e.id for e in READS])
def test_every_api_query_parameter_refuses_nul_and_invalid_utf8(
    endpoint: Endpoint, cast, make_key, msa, targets, settings, tmp_path
):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    headers = {}
    if endpoint in ENDPOINTS:
        owner = cast.org_a if endpoint.host == "organisation" else msa
        headers["Authorization"] = f"Bearer {make_key(owner)}"
    client = Client(HTTP_HOST=HOSTS[endpoint.host], raise_request_exception=False)
    path = endpoint.path.format_map(targets)
    joiner = "&" if "?" in path else "?"  # a path that carries a valid query already
    names = (*_query_parameters(endpoint), NAMELESS)
    problems = {
        f"{name or '(name)'}={case}": _problem_of(
            client.get(f"{path}{joiner}{_query(name, value)}", headers=headers), api=True
        )
        for name in names
        for case, value in BAD_VALUES.items()
    }
    assert not {k: v for k, v in problems.items() if v}


@pytest.mark.parametrize("page", WEB_PAGES, ids=[p.id for p in WEB_PAGES])
def test_every_web_query_parameter_refuses_nul_and_invalid_utf8(page: WebPage, cast):  # type: ignore[no-untyped-def]
    client = Client(HTTP_HOST=HOSTS[page.host], raise_request_exception=False)
    if page.as_user:
        client.force_login({"member": cast.alice, "regulator": cast.regulator}[page.as_user])
    problems = {
        f"{name or '(name)'}={case}": _problem_of(
            client.get(f"{page.path}?{_query(name, value)}"), api=False
        )
        for name in (*page.params, NAMELESS)
        for case, value in BAD_VALUES.items()
    }
    assert not {k: v for k, v in problems.items() if v}


# --- the requests that were 500s ---------------------------------------------------------------


def test_nul_in_the_public_register_api_search_is_a_400_problem(cast):  # type: ignore[no-untyped-def]
    response = Client(HTTP_HOST="localhost", raise_request_exception=False).get(
        "/api/v1/register/filings/?q=%00"
    )
    assert _problem_of(response, api=True) == ""


def test_nul_in_the_provider_entry_search_is_a_400(cast):  # type: ignore[no-untyped-def]
    client = Client(HTTP_HOST="acme.localhost", raise_request_exception=False)
    client.force_login(cast.alice)
    response = client.get("/filings/provider-entries/?provider_q=%00")
    assert _problem_of(response, api=False) == ""


@pytest.mark.parametrize("segment", ["%00", "a%00b", "%FF", "%C0%80"])
def test_nul_or_invalid_utf8_in_a_path_is_a_400_or_404(segment, cast, targets):  # type: ignore[no-untyped-def]
    # Django's test client, like Django itself, keeps bytes that are not UTF-8 percent-encoded in
    # the path (a path that matches nothing: 404); a NUL is decoded and refused (400).
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.force_login(cast.regulator)
    web = client.get(f"/regulator/filings/{targets['filing_a']}/evidence/{segment}/")
    api = Client(HTTP_HOST="localhost", raise_request_exception=False).get(
        f"/api/v1/register/filings/{segment}/"
    )
    expected = 400 if "%00" in segment else 404
    assert (web.status_code, api.status_code) == (expected, expected)
    assert api["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_ordinary_non_ascii_text_still_works(cast):  # type: ignore[no-untyped-def]
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    assert client.get("/register/?q=Stra%C3%9Fe+%E2%82%AC").status_code == 200
    assert client.get("/api/v1/register/filings/?q=%F0%9F%98%80").status_code == 200


def test_the_400_page_is_in_the_visitors_language(settings, cast):  # type: ignore[no-untyped-def]
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get("/register/?q=%00")
    assert response.status_code == 400
    assert "Anfrage nicht verständlich" in response.content.decode()
