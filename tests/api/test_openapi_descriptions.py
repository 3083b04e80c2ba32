"""Issue 18 item 4: both OpenAPI documents describe each operation for integrators, and each
response with the one media type it is sent with."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import portal.api
from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from portal.api.operations import organisation, public
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST

# Words of the code, not of the API.
INTERNAL_WORDS = re.compile(
    r"\b(lock|locked|locks|queryset|self|serializer|viewset|scoped_queryset|kwargs|docstring)\b",
    re.IGNORECASE,
)


_CACHE: dict[str, dict[str, Any]] = {}


def _documents(api: Any) -> dict[str, dict[str, Any]]:
    """Both documents, generated once for this module (they depend on the code, not the rows)."""
    for host in (ORG_A_HOST, PUBLIC_HOST):
        if host not in _CACHE:
            _CACHE[host] = api(host).get("/api/schema/?format=json").json()
    return _CACHE


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def _docstrings() -> set[str]:
    """The docstring (first paragraph) of every class and function of the API package."""
    found: set[str] = set()
    for module_info in pkgutil.walk_packages(portal.api.__path__, "portal.api."):
        if ".migrations" in module_info.name or ".management" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _, obj in inspect.getmembers(module, lambda o: inspect.isclass(o) or callable(o)):
            members = [obj, *vars(obj).values()] if inspect.isclass(obj) else [obj]
            for member in members:
                doc = inspect.getdoc(member) if callable(member) else None
                if doc and (getattr(member, "__module__", None) or "").startswith("portal.api"):
                    first = _normalise(doc.split("\n\n")[0])
                    if len(first) >= 20:
                        found.add(first)
    return found


def test_every_operation_has_a_summary_and_a_description_for_integrators(api, db):
    docstrings = _docstrings()
    assert any("lock it, compare if-match" in d for d in docstrings)  # the walk finds them
    problems = []
    for host, document in _documents(api).items():
        for name, operation in _operations(document):
            summary = operation.get("summary", "")
            description = operation.get("description", "")
            if not summary or not description:
                problems.append(f"{host} {name}: no summary or description")
                continue
            if INTERNAL_WORDS.search(f"{summary} {description}"):
                problems.append(f"{host} {name}: {INTERNAL_WORDS.search(description)}")
            said = _normalise(description)
            for doc in docstrings:
                if doc in said:
                    problems.append(f"{host} {name}: a docstring: {doc[:60]}")
            if "**Who may call it:**" not in description:
                problems.append(f"{host} {name}: does not say who may call it")
    assert not problems, "\n".join(problems)


def test_success_responses_are_never_problem_json_and_refusals_always_are(api, db):
    problems = []
    for host, document in _documents(api).items():
        for name, operation in _operations(document):
            for code, response in operation["responses"].items():
                types = set(response.get("content", {}))
                if code.startswith(("4", "5")) and types != {PROBLEM_CONTENT_TYPE}:
                    problems.append(f"{host} {name} {code}: {sorted(types)}")
                if code.startswith(("2", "3")) and PROBLEM_CONTENT_TYPE in types:
                    problems.append(f"{host} {name} {code}: problem+json on a success")
    assert not problems, "\n".join(problems)


def test_each_written_operation_is_in_its_document_and_nowhere_else(api, db):
    documents = _documents(api)
    ids = {
        host: {op["operationId"] for _, op in _operations(document)}
        for host, document in documents.items()
    }
    assert set(organisation.OPERATIONS) == ids[ORG_A_HOST]
    assert set(public.OPERATIONS) == ids[PUBLIC_HOST]


WHO = [
    (ORG_A_HOST, "/api/v1/systems/{id}/", "delete", "administrators and owners"),
    (ORG_A_HOST, "/api/v1/filings/{id}/submit/", "post", "the `submit` scope"),
    (ORG_A_HOST, "/api/v1/systems/", "get", "the `read` scope"),
    (PUBLIC_HOST, "/api/v1/regulator/filings/{id}/comments/", "post", "the `write` scope"),
    (PUBLIC_HOST, "/api/v1/regulator/filings/{id}/register/", "post", "lead_required"),
    (PUBLIC_HOST, "/api/v1/register/filings/", "get", "without credentials"),
]


def test_who_may_call_is_read_from_the_views_ability(api, db):
    documents = _documents(api)
    for host, path, method, who in WHO:
        description = documents[host]["paths"][path][method]["description"]
        assert who in description.split("**Who may call it:**")[1], (path, method)
