"""Adding people to an organisation by e-mail, whether or not they have an account yet.

Someone with an account becomes a member at once (``membership_add``). Someone without one gets
an account with an unusable password and the membership in the same transaction, and, once that
has committed, an e-mail with a one-time "set your password" link on the organisation's host:
Django's password-reset token (``default_token_generator``), so the link expires like a reset
link does (PASSWORD_RESET_TIMEOUT) and stops working once a password has been set. No separate
invitation table: a pending invitation is a member whose password is still unusable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from portal.accounts.models import ApiKey, Membership, User
from portal.accounts.services import membership_add, user_create
from portal.audit.services import audit_record
from portal.authz import authorise
from portal.context_processors import portal_url
from portal.errors import ValidationFailed
from portal.tenancy.models import Organisation

SUBJECT_TEMPLATE = "workspace/settings/invitation_subject.txt"
BODY_TEMPLATE = "workspace/settings/invitation_email.txt"


@dataclass(frozen=True)
class InviteResult:
    membership: Membership
    invited: bool  # True: a new account was created and the set-password e-mail sent
    email: str  # the address as given, normalised: the same answer whether or not it had an account


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )


def invitation_pending(user: User) -> bool:
    """The person has not set a password since being invited (and has never logged in)."""
    return not user.has_usable_password() and user.last_login is None


def member_invite(
    *, actor: User | ApiKey, organisation: Organisation, email: str, role: str
) -> InviteResult:
    """Make the person with this e-mail address a member with ``role``; invite them by e-mail
    when they have no account. Refused (nothing created, nothing sent) when the actor is not an
    administrator, the role is unknown or the person is a member already."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(
            _("The member could not be added."),
            field_errors={"email": [_("Enter a valid e-mail address.")]},
        ) from None
    # Checked before an account is created, so a refused invitation leaves no account behind.
    authorise(actor, "member.manage", organisation)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return InviteResult(
            membership_add(actor=actor, organisation=organisation, user=user, role=role),
            invited=False,
            email=email,
        )
    with transaction.atomic():
        user = user_create(
            email=email, password=None, actor=actor if isinstance(actor, User) else None
        )
        membership = membership_add(actor=actor, organisation=organisation, user=user, role=role)
        audit_record(
            actor=actor,
            action="membership.invited",
            obj=membership,
            after={"email": email, "role": role},
            organisation_id=organisation.pk,
        )
        transaction.on_commit(
            lambda: invitation_send(user=user, organisation=organisation, actor=actor)
        )
    return InviteResult(membership, invited=True, email=email)


def invitation_resend(*, actor: User | ApiKey, membership: Membership) -> None:
    """Send the set-password e-mail again to a member who has not set a password yet."""
    authorise(actor, "member.manage", membership.organisation)
    if not invitation_pending(membership.user):
        raise ValidationFailed(
            _("%(email)s has already set a password.") % {"email": membership.user.email},
            code="not_pending",
        )
    audit_record(
        actor=actor,
        action="membership.invitation_resent",
        obj=membership,
        after={"email": membership.user.email},
        organisation_id=membership.organisation_id,
    )
    invitation_send(user=membership.user, organisation=membership.organisation, actor=actor)


def set_password_url(*, user: User, organisation: Organisation) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return portal_url(organisation.slug, path)


def invitation_send(*, user: User, organisation: Organisation, actor: User | ApiKey) -> None:
    """The e-mail, through Django's password-reset mail machinery (console backend in
    development)."""
    context = {
        "organisation": organisation.legal_name,
        "inviter": getattr(actor, "full_name", "") or getattr(actor, "email", "") or str(actor),
        "set_password_url": set_password_url(user=user, organisation=organisation),
        "valid_until": timezone.localdate() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    }
    PasswordResetForm().send_mail(
        SUBJECT_TEMPLATE, BODY_TEMPLATE, context, settings.DEFAULT_FROM_EMAIL, user.email
    )
