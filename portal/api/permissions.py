"""Who may call what. An organisation's endpoint declares `required_ability` (an ability of
portal.authz, which gives the least role for session users and the scope for keys); a regulator
endpoint declares `required_scope` and `required_authority_ability` (portal.authz). Each is one value for every
method or a mapping by HTTP method; anything left out falls back to the defaults below (read for
safe methods, write for unsafe ones). A method with no answer at all is refused: fail closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from portal.accounts.models import ApiKeyScope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_SCOPE = {"safe": ApiKeyScope.READ, "unsafe": ApiKeyScope.WRITE}
DEFAULT_ABILITY = {"safe": "workspace.read", "unsafe": "workspace.write"}

Requirement = str | Mapping[str, str] | None


def requirement_for(declared: Requirement, method: str, defaults: Mapping[str, str]) -> str:
    """The ability, scope or role `declared` asks for `method`, else the default for safe/unsafe."""
    method = method.upper()
    if isinstance(declared, Mapping):
        if method in declared:
            return declared[method]
        if method == "HEAD" and "GET" in declared:
            return declared["GET"]
    elif declared is not None:
        return declared
    return defaults["safe" if method in SAFE_METHODS else "unsafe"]


class DenyAll(permissions.BasePermission):
    """The project-wide default: a DRF view not built on portal.api.views opens nothing."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return False
