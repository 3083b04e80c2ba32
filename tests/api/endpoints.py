"""Every API endpoint, as data: the cross-organisation matrix (test_isolation_matrix.py) runs each
one against every kind of outsider. Adding an endpoint? Add a row here; if its path names an
object, add the placeholder to the `targets` fixture in tests/api/conftest.py (an object of
organisation A, so that a refusal is about access, not about a missing row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from portal.accounts.models import ApiKeyScope, Role


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # "{placeholder}"s are filled from the `targets` fixture
    scope: str  # the scope an API key needs
    min_role: str | None = Role.VIEWER  # the least role of a session member (organisation host)
    body: dict[str, Any] | None = None  # a valid body: refusals must not depend on a bad one
    host: Literal["organisation", "public"] = "organisation"
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.host}:{self.method} {self.path}"


ANY = {"If-Match": "*"}  # updates carry a valid precondition: only access may refuse them

ENDPOINTS: list[Endpoint] = [
    # --- organisation host ---
    Endpoint("GET", "/api/v1/me", ApiKeyScope.READ),
    Endpoint(
        "POST",
        "/api/v1/classify",
        ApiKeyScope.READ,
        body={"facts": {"role": "provider", "annex_iii_area": "4(a)"}},
    ),
    Endpoint("GET", "/api/v1/audit-events/", ApiKeyScope.READ),
    Endpoint("GET", "/api/v1/audit-events/{audit_event_a}/", ApiKeyScope.READ),
    Endpoint("GET", "/api/v1/members/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "POST",
        "/api/v1/members/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"email": "carol@nowhere.test", "role": "viewer"},
    ),
    Endpoint("GET", "/api/v1/members/{membership_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "PATCH",
        "/api/v1/members/{membership_a}/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"role": "viewer"},
        headers=ANY,
    ),
    Endpoint("DELETE", "/api/v1/members/{membership_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint("GET", "/api/v1/api-keys/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "POST",
        "/api/v1/api-keys/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"name": "intruder", "scopes": ["admin"]},
    ),
    Endpoint("GET", "/api/v1/api-keys/{api_key_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint("DELETE", "/api/v1/api-keys/{api_key_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    # --- public host: regulators ---
    Endpoint("GET", "/api/v1/me", ApiKeyScope.READ, None, host="public"),
]
