"""Writes on people, memberships and authorities. Each one audited in its own transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from portal.accounts.models import (
    ApiKey,
    Authority,
    AuthorityKind,
    AuthorityMembership,
    AuthorityRole,
    Membership,
    Role,
    User,
)
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise, membership_ability, removes_an_owner
from portal.countries import EU_MEMBER_STATES
from portal.errors import Conflict, ValidationFailed
from portal.tenancy.models import Organisation


def _choose_one_of(values: list[str]) -> str:
    return _("Choose one of: %(choices)s.") % {"choices": ", ".join(values)}


def user_create(
    *, email: str, password: str | None, full_name: str = "", actor: User | None = None
) -> User:
    email = (email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if not errors and User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("An account with this e-mail address exists.")]
    if password is not None:
        try:
            validate_password(password, User(email=email, full_name=full_name))
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(_("The account could not be created."), field_errors=errors)
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        audit_record(
            actor=actor or user,
            action="user.created",
            obj=user,
            after={"email": user.email, "full_name": user.full_name},
        )
    return user


def membership_add(
    *, actor: User | ApiKey, organisation: Organisation, user: User, role: str
) -> Membership:
    authorise(actor, "member.manage", organisation)
    if role not in Role.values:
        raise ValidationFailed(
            _("Unknown role."), field_errors={"role": [_choose_one_of(Role.values)]}
        )
    authorise(actor, membership_ability(role), organisation)
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise Conflict(
            _("%(user)s is already a member of %(organisation)s.")
            % {"user": user, "organisation": organisation},
            code="already_member",
        )
    with transaction.atomic():
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        audit_record(
            actor=actor,
            action="membership.added",
            obj=membership,
            after=model_snapshot(membership),
            organisation_id=organisation.pk,
        )
    return membership


def membership_change_role(
    *, actor: User | ApiKey, membership: Membership, role: str
) -> Membership:
    authorise(actor, "member.manage", membership.organisation)
    if role not in Role.values:
        raise ValidationFailed(
            _("Unknown role."), field_errors={"role": [_choose_one_of(Role.values)]}
        )
    authorise(actor, membership_ability(role, membership.role), membership.organisation)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        before = model_snapshot(locked)
        _refuse_losing_last_owner(locked, new_role=role)
        locked.role = role
        locked.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="membership.role_changed",
            obj=locked,
            before=before,
            after=model_snapshot(locked),
            organisation_id=locked.organisation_id,
        )
    return locked


def membership_remove(*, actor: User | ApiKey, membership: Membership) -> None:
    authorise(actor, "member.manage", membership.organisation)
    authorise(actor, membership_ability(membership.role), membership.organisation)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        _refuse_losing_last_owner(locked, new_role=None)
        before = model_snapshot(locked)
        audit_record(
            actor=actor,
            action="membership.removed",
            obj=locked,
            before=before,
            organisation_id=locked.organisation_id,
        )
        locked.delete()


def _refuse_losing_last_owner(membership: Membership, *, new_role: str | None) -> None:
    # The row lock taken by the caller serialises two admins demoting the last two owners at once.
    if not removes_an_owner(membership.role, new_role):
        return
    owners = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Role.OWNER
    )
    if owners.count() <= 1:
        raise Conflict(_("An organisation keeps at least one owner."), code="last_owner")


def authority_create(
    *,
    actor: User | None,
    name: str,
    slug: str,
    kind: str,
    member_states: list[str],
    contact_email: str = "",
    designated_art_74_8: bool = False,
) -> Authority:
    errors: dict[str, list[str]] = {}
    if kind not in AuthorityKind.values:
        errors["kind"] = [_choose_one_of(AuthorityKind.values)]
    bad = [code for code in member_states if code not in EU_MEMBER_STATES]
    if bad:
        errors["member_states"] = [
            _("Not EU member-state codes: %(codes)s.") % {"codes": ", ".join(bad)}
        ]
    if kind == AuthorityKind.NATIONAL_MSA and not member_states:
        errors["member_states"] = [_("A national authority surveys at least one member state.")]
    if errors:
        raise ValidationFailed(_("The authority could not be created."), field_errors=errors)
    with transaction.atomic():
        authority = Authority.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            member_states=sorted(set(member_states)),
            contact_email=contact_email,
            designated_art_74_8=designated_art_74_8 and kind == AuthorityKind.NATIONAL_MSA,
        )
        audit_record(
            actor=actor, action="authority.created", obj=authority, after=model_snapshot(authority)
        )
    return authority


def authority_member_add(
    *,
    actor: User | None,
    authority: Authority,
    user: User,
    role: str,
    restricted_access: bool = False,
) -> AuthorityMembership:
    if role not in AuthorityRole.values:
        raise ValidationFailed(
            _("Unknown role."), field_errors={"role": [_choose_one_of(AuthorityRole.values)]}
        )
    with transaction.atomic():
        membership, created = AuthorityMembership.objects.get_or_create(
            user=user,
            authority=authority,
            defaults={"role": role, "restricted_access": restricted_access},
        )
        if not created:
            raise Conflict(
                _("%(user)s is already a member of %(authority)s.")
                % {"user": user, "authority": authority},
                code="already_member",
            )
        audit_record(
            actor=actor,
            action="authority_membership.added",
            obj=membership,
            after=model_snapshot(membership),
        )
    return membership


def authority_member_remove(*, actor: User | None, membership: AuthorityMembership) -> None:
    """Take away a regulator's access to their authority's queue (and Art 49(4) filings)."""
    with transaction.atomic():
        locked = AuthorityMembership.objects.select_for_update().get(pk=membership.pk)
        audit_record(
            actor=actor,
            action="authority_membership.removed",
            obj=locked,
            before=model_snapshot(locked),
        )
        locked.delete()


def user_set_active(*, actor: User | None, user: User, active: bool) -> User:
    """Deactivate an account (it can no longer log in, and its sessions stop working) or
    reactivate it. Support staff only; setting what is already set records nothing."""
    if not active and actor is not None and actor.pk == user.pk:
        raise Conflict(_("You cannot deactivate your own account."), code="own_account")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active == active:
            return locked
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user.reactivated" if active else "user.deactivated",
            obj=locked,
            before={"is_active": not active},
            after={"is_active": active},
        )
    return locked


def user_language_set(*, user: User, language: str) -> None:
    """Keep the language a person chose in the switcher: their e-mails are written in it."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
