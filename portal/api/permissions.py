"""Who may call what. Every endpoint declares `required_ability`, an ability of portal.authz
(ABILITIES on an organisation's host, AUTHORITY_ABILITIES for regulators), which gives the least
role for people and the scope for keys. It is one value for every method or a mapping by HTTP
method (and `action_abilities` per viewset action); anything left out falls back to the defaults
below (reading for safe methods, writing for unsafe ones).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_ABILITY = {"safe": "workspace.read", "unsafe": "workspace.write"}
DEFAULT_AUTHORITY_ABILITY = {"safe": "review.read", "unsafe": "review.act"}

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
