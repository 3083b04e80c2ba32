"""Helpers of the API tests (fixtures are in conftest.py)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from portal.accounts.models import ApiKeyScope, User

ORG_A_HOST = "acme.localhost"
ORG_B_HOST = "globex.localhost"
PUBLIC_HOST = "localhost"
ALL_SCOPES = list(ApiKeyScope.values)
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code", "errors"}


class ApiClient:
    """A Django test client for one host that speaks JSON and can carry a key."""

    def __init__(self, host: str, *, key: str | None = None, user: User | None = None) -> None:
        self.client = Client(HTTP_HOST=host)
        self.headers: dict[str, str] = {}
        if key is not None:
            self.headers["Authorization"] = f"Bearer {key}"
        if user is not None:
            self.client.force_login(user)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> Any:
        """`content_type="multipart"` sends `body` (a dict, files as file objects) as a form."""
        kwargs: dict[str, Any] = {"headers": {**self.headers, **(headers or {})}}
        if body is not None and content_type == "multipart":
            kwargs["data"] = body  # Django's test client encodes multipart/form-data
        elif body is not None:
            kwargs["data"] = body if isinstance(body, str | bytes) else json.dumps(body)
            kwargs["content_type"] = content_type
        return getattr(self.client, method.lower())(path, **kwargs)

    def get(self, path: str, **kw: Any) -> Any:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("POST", path, body if body is not None else {}, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PATCH", path, body if body is not None else {}, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status
    assert body["type"].endswith(body["code"])
    if code is not None:
        assert body["code"] == code, body
    return body
