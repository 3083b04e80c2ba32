"""Adding people to an organisation by e-mail: an invitation that the person accepts.

Inviting creates an ``Invitation`` (nothing else: no account, no membership) and, once that has
committed, sends a link on the organisation's host. The answer is the same whether or not the
address has an account, so inviting cannot be used to learn who has one (issue 14 item 4). The
person accepts by following the link: someone with an account logs in as that address and
confirms; someone without one chooses a name and a password, and the account and the membership
are created together then. The link expires after ``INVITATION_LIFETIME``, works once, and is
replaced when the invitation is sent again; the database keeps only its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import ApiKey, Invitation, Membership, Role, User
from portal.accounts.services import user_create
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise, membership_ability
from portal.context_processors import portal_url
from portal.errors import Conflict, Forbidden, ValidationFailed
from portal.mail import in_language_of
from portal.tenancy.models import Organisation

INVITATION_LIFETIME = timedelta(days=7)
SUBJECT_TEMPLATE = "workspace/settings/invitation_subject.txt"
BODY_TEMPLATE = "workspace/settings/invitation_email.txt"


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )


def organisation_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations not accepted yet (expired ones too: they can be sent again)."""
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _label(actor: User | ApiKey) -> str:
    """Who invited, as the e-mail names them."""
    if isinstance(actor, User):
        return actor.full_name or actor.email
    return actor.audit_actor_label


def _check_role(actor: User | ApiKey, organisation: Organisation, role: str) -> None:
    if role not in Role.values:
        raise ValidationFailed(
            _("The member could not be added."),
            field_errors={"role": [_("Choose one of the roles.")]},
        )
    authorise(actor, membership_ability(role), organisation)


def member_invite(
    *, actor: User | ApiKey, organisation: Organisation, email: str, role: str
) -> Invitation:
    """Invite the person with this address to become a member with ``role``: an invitation and
    its e-mail, the same whether or not the address has an account. Inviting an address with an
    open invitation renews it (new link, new expiry). Refused, with nothing written and nothing
    sent: an invalid address or role, an actor who may not manage members (or owners), an
    address that is a member already."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(
            _("The member could not be added."),
            field_errors={"email": [_("Enter a valid e-mail address.")]},
        ) from None
    authorise(actor, "member.manage", organisation)
    _check_role(actor, organisation, role)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise Conflict(
            _("%(user)s is already a member of %(organisation)s.")
            % {"user": email, "organisation": organisation},
            code="already_member",
        )
    with transaction.atomic():
        invitation, token = _issue(
            organisation=organisation, email=email, role=role, label=_label(actor)
        )
        audit_record(
            actor=actor,
            action="membership.invited",
            obj=invitation,
            after={"email": email, "role": role, "expires_at": invitation.expires_at.isoformat()},
            organisation_id=organisation.pk,
        )
        transaction.on_commit(lambda: invitation_send(invitation=invitation, token=token))
    return invitation


def _issue(
    *, organisation: Organisation, email: str, role: str, label: str
) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    invitation, _created = Invitation.objects.update_or_create(
        organisation=organisation,
        email=email,
        accepted_at=None,
        defaults={
            "role": role,
            "token_hash": _token_hash(token),
            "expires_at": timezone.now() + INVITATION_LIFETIME,
            "invited_by_label": label[:254],
        },
    )
    return invitation, token


def invitation_resend(*, actor: User | ApiKey, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) and a new expiry, e-mailed again."""
    authorise(actor, "member.manage", invitation.organisation)
    if invitation.accepted_at is not None:
        raise ValidationFailed(
            _("%(email)s has already accepted the invitation.") % {"email": invitation.email},
            code="not_pending",
        )
    with transaction.atomic():
        renewed, token = _issue(
            organisation=invitation.organisation,
            email=invitation.email,
            role=invitation.role,
            label=_label(actor),
        )
        audit_record(
            actor=actor,
            action="membership.invitation_resent",
            obj=renewed,
            after={"email": renewed.email, "expires_at": renewed.expires_at.isoformat()},
            organisation_id=renewed.organisation_id,
        )
        transaction.on_commit(lambda: invitation_send(invitation=renewed, token=token))
    return renewed


def invitation_withdraw(*, actor: User | ApiKey, invitation: Invitation) -> None:
    """The link stops working; nothing else was created, so nothing else is removed."""
    authorise(actor, "member.manage", invitation.organisation)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="membership.invitation_withdrawn",
            obj=invitation,
            before={"email": invitation.email, "role": invitation.role},
            organisation_id=invitation.organisation_id,
        )
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


def _open(*, organisation: Organisation, token: str) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation,
        token_hash=_token_hash(token),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def invitation_open(*, organisation: Organisation, token: str) -> Invitation | None:
    """The invitation this link opens on this organisation's host: not accepted, not expired."""
    return _open(organisation=organisation, token=token).first()


def _invalid() -> ValidationFailed:
    return ValidationFailed(
        _("This invitation link has expired, was replaced by a newer one or was used already."),
        code="invitation_invalid",
    )


def invitation_accept(*, user: User, organisation: Organisation, token: str) -> Membership:
    """The person logged in as the invited address accepts: the membership is created now."""
    with transaction.atomic():
        # Locked: two tabs accepting at once make one membership.
        invitation = _open(organisation=organisation, token=token).select_for_update().first()
        if invitation is None:
            raise _invalid()
        if user.email.lower() != invitation.email:
            raise Forbidden(
                _("This invitation is for %(email)s; log in with that address to accept it.")
                % {"email": invitation.email},
                code="invitation_for_another_address",
            )
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if created:
            audit_record(
                actor=user,
                action="membership.added",
                obj=membership,
                after={**model_snapshot(membership), "invitation": invitation.pk},
                organisation_id=organisation.pk,
            )
    return membership


def invitation_accept_with_new_account(
    *, organisation: Organisation, token: str, full_name: str, password: str
) -> User:
    """Someone without an account accepts: the account (with the password they chose) and the
    membership are created together, or neither."""
    invitation = invitation_open(organisation=organisation, token=token)
    if invitation is None:
        raise _invalid()
    with transaction.atomic():
        user = user_create(
            email=invitation.email, password=password, full_name=(full_name or "").strip()[:200]
        )
        invitation_accept(user=user, organisation=organisation, token=token)
    return user


def accept_url(*, organisation: Organisation, token: str) -> str:
    return portal_url(organisation.slug, reverse("accounts:invitation", kwargs={"token": token}))


def invitation_send(*, invitation: Invitation, token: str) -> None:
    """The e-mail, through Django's password-reset mail machinery (console backend in
    development). It says who invited, never whether the address has an account."""
    context = {
        "organisation": invitation.organisation.legal_name,
        "inviter": invitation.invited_by_label,
        "accept_url": accept_url(organisation=invitation.organisation, token=token),
        "valid_until": timezone.localtime(invitation.expires_at).date(),
    }
    # In the invitee's language if they have an account, else in the inviter's (portal/mail.py).
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    with in_language_of(invitee):
        PasswordResetForm().send_mail(
            SUBJECT_TEMPLATE, BODY_TEMPLATE, context, settings.DEFAULT_FROM_EMAIL, invitation.email
        )
