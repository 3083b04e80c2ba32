"""Who may call what: the per-method scope (for keys) and minimum role (for session users).

Views declare `required_scope` and `required_role` as one value for every method or a mapping by
HTTP method; anything left out falls back to the defaults below (read/viewer for safe methods,
write/editor for unsafe ones). A method with no answer at all is refused: fail closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from portal.accounts.models import ApiKeyScope, AuthorityRole, Role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_SCOPE = {"safe": ApiKeyScope.READ, "unsafe": ApiKeyScope.WRITE}
DEFAULT_ROLE = {"safe": Role.VIEWER, "unsafe": Role.EDITOR}
_AUTHORITY_RANK = {AuthorityRole.REVIEWER: 0, AuthorityRole.LEAD: 1}

Requirement = str | Mapping[str, str] | None


def requirement_for(declared: Requirement, method: str, defaults: Mapping[str, str]) -> str:
    """The scope or role `declared` asks for `method`, else the default for safe/unsafe."""
    method = method.upper()
    if isinstance(declared, Mapping):
        if method in declared:
            return declared[method]
        if method == "HEAD" and "GET" in declared:
            return declared["GET"]
    elif declared is not None:
        return declared
    return defaults["safe" if method in SAFE_METHODS else "unsafe"]


def authority_role_at_least(role: str, minimum: str) -> bool:
    return _AUTHORITY_RANK[AuthorityRole(role)] >= _AUTHORITY_RANK[AuthorityRole(minimum)]


class DenyAll(permissions.BasePermission):
    """The project-wide default: a DRF view not built on portal.api.views opens nothing."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return False
