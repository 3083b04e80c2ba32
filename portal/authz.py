"""Who may do what: one table per world, one ``authorise()`` each.

In an organisation, ``ABILITIES`` and ``authorise()``; at a supervisory authority,
``AUTHORITY_ABILITIES`` and ``authority_authorise()`` (the regulator API base, the review services
and the authority key services read them).

Services call ``authorise(actor, "filing.submit")`` before anything else; the web decorator
(``registry.workspace.web.access.ability_required``), the API base and the templates (``{% if
can.filing_submit %}``, from the ``can`` context processor) read the same ``ABILITIES``. A new
ability is one line here plus a test (tests/foundation/test_authorisation.py).

A person holds their Membership's role. An API key acts in the role its scopes give it
(``actor_role`` below: admin → administrator, write → editor, read or submit
→ viewer), unless the ability names the scope a key must carry (filing: ``submit``).

The refusals (``portal.errors.Forbidden``, HTTP 403), documented for integrators:

- ``not_a_member``: the actor has no role in this organisation (a person outside it, a key of
  another organisation, a revoked or expired key);
- ``scope_missing``: an API key lacks the scope the ability names for keys;
- ``permission_denied``: the actor is a member but their role (or their key's) is too low;
- ``lead_required``: at an authority, registering or rejecting needs a lead reviewer (a reviewer
  or an authority's API key is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiKeyScope, AuthorityRole, Membership, Role
from portal.errors import Forbidden
from portal.tenancy.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Ability:
    role: Role  # the least organisation role that may
    what: StrOrPromise  # "Only editors, administrators and owners may <what>."
    key_scope: ApiKeyScope | None = None  # a key needs this scope (else: the role of its scopes)


ABILITIES: dict[str, Ability] = {
    "workspace.read": Ability(Role.VIEWER, _("read this organisation's workspace")),
    "workspace.write": Ability(Role.EDITOR, _("change this organisation's workspace")),
    "system.create": Ability(Role.EDITOR, _("add AI systems")),
    "system.change": Ability(Role.EDITOR, _("change AI systems")),
    "system.classify": Ability(Role.EDITOR, _("classify AI systems")),
    "system.delete": Ability(Role.ADMIN, _("delete AI systems")),
    "gpai.write": Ability(Role.EDITOR, _("add or change GPAI models and their versions")),
    "record.write": Ability(Role.EDITOR, _("add or change risk and QMS records")),
    "qms.approve": Ability(Role.ADMIN, _("approve QMS documents")),
    "evidence.write": Ability(Role.EDITOR, _("upload, share, link or unlink evidence")),
    "evidence.delete": Ability(Role.EDITOR, _("delete evidence files that nothing cites")),
    "cop.sign": Ability(Role.ADMIN, _("sign or decline the Code of Practice")),
    # Art 53(1)(c): the policy commits the provider, like a signature of the Code.
    "copyright_policy.adopt": Ability(Role.ADMIN, _("adopt the copyright policy")),
    "training_summary.write": Ability(Role.EDITOR, _("write summaries of training content")),
    "filing.prepare": Ability(Role.EDITOR, _("prepare filings")),
    # Filing binds the organisation in law (Art 49): administrators and owners, or a key with
    # the submit scope (an integration files on the organisation's behalf).
    "filing.submit": Ability(Role.ADMIN, _("submit filings"), key_scope=ApiKeyScope.SUBMIT),
    "filing.withdraw": Ability(Role.ADMIN, _("withdraw filings")),
    # Art 22, Art 54: a mandate binds the organisation, so administrators and owners.
    "mandate.read": Ability(Role.VIEWER, _("see the organisation's representative mandates")),
    "mandate.offer": Ability(Role.ADMIN, _("offer a mandate to an authorised representative")),
    "mandate.answer": Ability(Role.ADMIN, _("accept or decline a mandate offered to it")),
    "mandate.terminate": Ability(Role.ADMIN, _("terminate a representative mandate")),
    "mandate.verify": Ability(Role.ADMIN, _("verify filings as authorised representative")),
    # Rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5) carry the requester's
    # name and e-mail: editors, who keep the models' documentation and the copyright policy, read
    # them to prepare an answer; viewers do not. The answer speaks for the provider to a rights
    # holder (and may concede a reservation of rights): administrators and owners.
    "rights_request.read": Ability(Role.EDITOR, _("read rights holders' requests")),
    "rights_request.answer": Ability(Role.ADMIN, _("answer or reject rights holders' requests")),
    "incident.prepare": Ability(Role.EDITOR, _("prepare serious-incident reports")),
    # Art 73(1), Art 55(1)(c): a report to an authority speaks for the organisation, like a filing.
    "incident.submit": Ability(
        Role.ADMIN, _("send serious-incident reports"), key_scope=ApiKeyScope.SUBMIT
    ),
    "member.manage": Ability(Role.ADMIN, _("manage members and invitations")),
    # A key acts as an administrator at most, so it never grants, changes or removes an owner.
    "member.manage_owner": Ability(Role.OWNER, _("grant, change or remove the owner role")),
    "api_key.manage": Ability(Role.ADMIN, _("manage API keys")),
    "webhook.manage": Ability(Role.ADMIN, _("manage webhooks")),
    "settings.view": Ability(Role.ADMIN, _("open the organisation's settings")),
    "admin_site.open": Ability(Role.ADMIN, _("open the workspace data administration")),
}


@dataclass(frozen=True)
class AuthorityAbility:
    role: AuthorityRole  # the least authority role that may
    what: StrOrPromise  # "Only lead reviewers may <what>."
    key_scope: ApiKeyScope | None  # the scope an authority key needs; None: no key may
    refused: str = "permission_denied"  # the code of the refusal, for members and keys alike


# Supervisory authorities: a reviewer reads, comments and asks for changes; a lead reviewer takes
# the decisions that change the public register and manages the authority's keys. An authority's
# API key acts as a reviewer with the scopes it lists; what binds needs a named lead.
AUTHORITY_ABILITIES: dict[str, AuthorityAbility] = {
    "review.read": AuthorityAbility(
        AuthorityRole.REVIEWER,
        _("read the filings of the authority's jurisdiction"),
        ApiKeyScope.READ,
    ),
    "review.act": AuthorityAbility(
        AuthorityRole.REVIEWER,
        _("comment on filings, take them into review or ask for changes"),
        ApiKeyScope.WRITE,
    ),
    # Art 73, Art 55(1)(c): the serious-incident reports addressed to the authority.
    "incident.read": AuthorityAbility(
        AuthorityRole.REVIEWER,
        _("read the serious-incident reports addressed to the authority"),
        ApiKeyScope.READ,
    ),
    # Art 73(8): acknowledge, request information, record measures and close.
    "incident.act": AuthorityAbility(
        AuthorityRole.REVIEWER,
        _("acknowledge serious-incident reports, request information, record measures or close"),
        ApiKeyScope.WRITE,
    ),
    # Art 49, Art 71: registering or rejecting decides what the public register shows.
    "review.decide_final": AuthorityAbility(
        AuthorityRole.LEAD, _("register or reject filings"), None, refused="lead_required"
    ),
    "authority_key.manage": AuthorityAbility(
        AuthorityRole.LEAD, _("manage the authority's API keys"), None
    ),
}
_AUTHORITY_RANK = {AuthorityRole.REVIEWER: 0, AuthorityRole.LEAD: 1}
_AUTHORITY_ONLY = {
    AuthorityRole.REVIEWER: _("Only members of a supervisory authority may %(what)s."),
    AuthorityRole.LEAD: _("Only lead reviewers may %(what)s."),
}


def authority_role_may(role: str | None, action: str) -> bool:
    """Whether an authority member holding ``role`` may take ``action``."""
    least = AUTHORITY_ABILITIES[action].role
    return role is not None and _AUTHORITY_RANK[AuthorityRole(role)] >= _AUTHORITY_RANK[least]


def authority_authorise(actor: Any, action: str, role: str | None = None) -> None:
    """Raise Forbidden unless ``actor`` may take ``action`` at an authority: a person
    through the authority membership whose ``role`` is given, a key of the authority by the scope
    the ability names (``scope_missing``), or not at all when it names none."""
    ability = AUTHORITY_ABILITIES[action]
    if hasattr(actor, "has_scope"):
        if ability.key_scope is None:
            raise Forbidden(
                _("Only a person may %(what)s, not an API key.") % {"what": ability.what},
                code=ability.refused,
            )
        require_key_scope(actor, ability.key_scope)
        return
    if not authority_role_may(role, action):
        raise Forbidden(
            _AUTHORITY_ONLY[ability.role] % {"what": ability.what}, code=ability.refused
        )


# The role an organisation's API key acts in, by the first of its scopes found here.
_ROLE_OF_KEY_SCOPE = (
    (ApiKeyScope.ADMIN, Role.ADMIN),
    (ApiKeyScope.WRITE, Role.EDITOR),
    (ApiKeyScope.READ, Role.VIEWER),
    (ApiKeyScope.SUBMIT, Role.VIEWER),  # a submit-only key reads what it files, nothing more
)


def actor_role(actor: Any, organisation: Organisation) -> str | None:
    """The actor's role here, or None. A user has their Membership's role; an API key bound to
    this organisation acts as an admin with the "admin" scope, an editor with "write", and a
    viewer with "read" (or only "submit")."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if hasattr(actor, "has_scope"):  # an ApiKey
        if actor.organisation_id != organisation.pk or not actor.is_usable:
            return None
        return next((role for scope, role in _ROLE_OF_KEY_SCOPE if actor.has_scope(scope)), None)
    if not getattr(actor, "is_active", False):
        return None
    return (
        Membership.objects.filter(user_id=actor.pk, organisation_id=organisation.pk)
        .values_list("role", flat=True)
        .first()
    )


def role_may(role: str | None, action: str) -> bool:
    """Whether a member holding ``role`` may take ``action`` (a key: see ``authorise``)."""
    ability = ABILITIES[action]  # an unknown action is a programming error: KeyError
    return role is not None and Role(role).at_least(ability.role)


# The scope a key needs for an ability on the API, when the ability names none: the scope whose
# role (actor_role) is the ability's least role. Scopes do not imply one
# another on the API: a key gets exactly what it lists.
_SCOPE_OF_ROLE = {
    Role.VIEWER: ApiKeyScope.READ,
    Role.EDITOR: ApiKeyScope.WRITE,
    Role.ADMIN: ApiKeyScope.ADMIN,
}


def key_scope(action: str) -> ApiKeyScope | None:
    """The scope an API key must list to take ``action`` through the API (None: no key may)."""
    ability = ABILITIES[action]
    return ability.key_scope or _SCOPE_OF_ROLE.get(ability.role)


def require_key_scope(key: Any, scope: str | None) -> None:
    """Refuse (``scope_missing``) an API key that does not list ``scope``."""
    if scope is None:
        raise Forbidden(_("No API key may do this; sign in."), code="scope_missing")
    if not key.has_scope(scope):
        raise Forbidden(
            _("This API key lacks the %(scope)s scope.") % {"scope": scope}, code="scope_missing"
        )


def roles_that_may(action: str) -> list[str]:
    """The organisation roles holding ``action``: whom to tell about it, or to act as."""
    return [role for role in Role.values if role_may(role, action)]


def membership_ability(*roles: str | None) -> str:
    """The ability that grants, changes or removes a membership from or to these roles: only an
    owner touches the owner role."""
    return "member.manage_owner" if Role.OWNER in roles else "member.manage"


def removes_an_owner(current: str, new: str | None) -> bool:
    """Whether a member going from ``current`` to ``new`` (None: leaving) is one owner fewer."""
    return current == Role.OWNER and new != Role.OWNER


def abilities(role: str | None) -> dict[str, bool]:
    """Every ability for ``role``, keyed for templates: ``can.filing_submit``."""
    return {action.replace(".", "_"): role_may(role, action) for action in ABILITIES}


# "Only <the roles that may> may <what>", written out per least role so that each language can
# name the roles in its own grammar.
_ONLY = {
    Role.EDITOR: _("Only editors, administrators and owners may %(what)s; your role is %(role)s."),
    Role.ADMIN: _("Only administrators and owners may %(what)s; your role is %(role)s."),
    Role.OWNER: _("Only owners may %(what)s; your role is %(role)s."),
}


def _refusal(actor: Any, action: str, organisation: Organisation) -> Forbidden | None:
    ability = ABILITIES[action]
    held = actor_role(actor, organisation)
    if held is None:
        return Forbidden(
            _("You are not a member of %(organisation)s.")
            % {"organisation": organisation.legal_name},
            code="not_a_member",
        )
    if hasattr(actor, "has_scope") and ability.key_scope is not None:
        try:
            require_key_scope(actor, ability.key_scope)
        except Forbidden as refusal:
            return refusal
        return None
    if not role_may(held, action):
        return Forbidden(_ONLY[ability.role] % {"what": ability.what, "role": Role(held).label})
    return None


def _organisation(organisation: Organisation | None) -> Organisation:
    if organisation is not None:
        return organisation
    from registry.workspace.permissions import current_organisation

    return current_organisation()


def authorise(actor: Any, action: str, organisation: Organisation | None = None) -> None:
    """Raise Forbidden unless ``actor`` may take ``action`` in ``organisation`` (default:
    the organisation whose schema is active)."""
    refusal = _refusal(actor, action, _organisation(organisation))
    if refusal is not None:
        raise refusal


def can(actor: Any, action: str, organisation: Organisation | None = None) -> bool:
    return _refusal(actor, action, _organisation(organisation)) is None
