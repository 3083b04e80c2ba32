"""What the OpenAPI documents say about each operation, written for integrators.

One entry per operationId (`organisation.py` for an organisation's host, `public.py` for the public
host): a summary and a description (what it does, notable refusals with their codes, the article of
the AI Act where one applies). Who may call it is not written here: `who_may_call` reads it from the
view's declared ability (portal/authz.py), so the document cannot drift from the check.

Python docstrings are for the people who maintain the code and never reach the documents
(`PortalAutoSchema.get_description`); an operation without an entry here fails
tests/api/test_openapi_descriptions.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.accounts.models import AuthorityRole, Role
from portal.api.permissions import DEFAULT_ABILITY, DEFAULT_AUTHORITY_ABILITY, requirement_for
from portal.authz import ABILITIES, AUTHORITY_ABILITIES, authority_role_may, key_scope


@dataclass(frozen=True)
class Operation:
    summary: str
    description: str
    # Only where the service asks more than the view's gate (which `who_may_call` reads).
    who: str | None = None


# Plain English, not Role labels: those are translated and the documents are in English.
_ROLE_WORDS = {
    Role.VIEWER: "any member (viewer and above)",
    Role.EDITOR: "editors, administrators and owners",
    Role.ADMIN: "administrators and owners",
    Role.OWNER: "owners",
}


def _organisation_who(view: Any, method: str) -> str:
    action = getattr(view, "action", None) or ""
    declared = getattr(view, "action_abilities", {}).get(action)
    ability = requirement_for(declared or view.required_ability, method, DEFAULT_ABILITY)
    people = _ROLE_WORDS[Role(ABILITIES[ability].role)]
    scope = key_scope(ability)
    keys = f"API keys with the `{scope}` scope" if scope else "no API key"
    return f"**Who may call it:** {people} of this organisation, signed in; {keys}."


def _regulator_who(view: Any, method: str) -> str:
    action = getattr(view, "action", None) or ""
    declared = getattr(view, "action_abilities", {}).get(action)
    name = requirement_for(declared or view.required_ability, method, DEFAULT_AUTHORITY_ABILITY)
    ability = AUTHORITY_ABILITIES[name]
    reviewers = authority_role_may(AuthorityRole.REVIEWER, name)
    people = "reviewers and leads" if reviewers else "lead reviewers"
    keys = (
        f"the authority's API keys with the `{ability.key_scope}` scope"
        if ability.key_scope
        else "no API key (a named lead decides)"
    )
    return (
        f"**Who may call it:** {people} of a supervisory authority, signed in (with several "
        f"authorities, name one in `X-Authority`); {keys}."
    )


def who_may_call(view: Any, method: str) -> str:
    """The access rule of `view` for `method`, in the words of the document."""
    from portal.api.views import _OrganisationAccess, _PublicAccess, _RegulatorAccess

    if isinstance(view, _OrganisationAccess):
        return _organisation_who(view, method)
    if isinstance(view, _RegulatorAccess):
        return _regulator_who(view, method)
    if isinstance(view, _PublicAccess):
        return "**Who may call it:** anyone, without credentials (rate limited per address)."
    return ""


def operation_for(operation_id: str) -> Operation | None:
    from portal.api.operations.organisation import OPERATIONS as ORGANISATION
    from portal.api.operations.public import OPERATIONS as PUBLIC

    return ORGANISATION.get(operation_id) or PUBLIC.get(operation_id)
