"""Two-factor authentication: who needs it, enrolment, verification, recovery codes (issue 14).

The devices are django-otp's: a TOTP device (RFC 6238, 30-second codes from an authenticator
app) and a static device holding single-use recovery codes. Who must have a second factor:

- every member of a supervisory authority (they read restricted filings, Art 49(4), and take
  the decisions that change the public register, Art 71);
- the owners and administrators of an organisation (they file in its name, Art 49, and hold its
  API keys and members);
- every member of an organisation that asks for it (``Organisation.two_factor_all_members``).

The password alone never logs such a person in: the log-in view keeps them *pending* (not
logged in, nowhere: no page, no API, no hand-over) until the second factor passes, or, without
a device yet, until they enrol one (portal.accounts.views_two_factor).

Accounts live in the public schema, and so does the trail of their devices.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from portal.accounts.authn import AUTHENTICATED_AT_KEY, OTP_DEVICE_KEY
from portal.accounts.models import ApiKey, Membership, User
from portal.audit.services import audit_record
from portal.authz import authorise, roles_that_may
from portal.errors import Forbidden, ValidationFailed
from portal.tenancy.models import Organisation

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"


def second_factor_required(user: User) -> bool:
    """Whether ``user`` may not log in on a password alone (see the module docstring)."""
    if user.authority_memberships.exists():
        return True
    return (
        # Those who may manage members (administrators and owners) hold the organisation's keys.
        Membership.objects.filter(user=user, role__in=roles_that_may("member.manage")).exists()
        or Membership.objects.filter(user=user, organisation__two_factor_all_members=True).exists()
    )


def organisation_two_factor_set(
    *, actor: User | ApiKey, organisation: Organisation, all_members: bool
) -> Organisation:
    """Ask a second factor of every member of ``organisation`` (owners and administrators need
    one whatever this says). Members without one enrol at their next log-in."""
    authorise(actor, "member.manage", organisation)
    with transaction.atomic():
        before = organisation.two_factor_all_members
        organisation.two_factor_all_members = all_members
        organisation.save(update_fields=["two_factor_all_members"])
        audit_record(
            actor=actor,
            action="organisation.two_factor_policy_changed",
            obj=organisation,
            before={"two_factor_all_members": before},
            after={"two_factor_all_members": all_members},
        )
    return organisation


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator being enrolled (not yet confirmed): the same one until confirmed, so a
    reload of the page does not change the secret under the person's feet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def totp_enrol(*, user: User, token: str) -> Enrolment:
    """Confirm the pending authenticator with a code it shows, and issue fresh recovery codes.

    Any earlier authenticator and recovery codes are replaced: one person, one authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is not None and not device.verify_is_allowed()[0]:
        raise ValidationFailed(
            _("Too many wrong codes. Wait a few seconds, then enter the code your app shows now."),
            code="code_throttled",
            field_errors={"token": [_("Wait a few seconds, then try again.")]},
        )
    if device is None or not device.verify_token(_digits(token)):
        raise ValidationFailed(
            _("The code did not match. Enter the six digits your app shows now."),
            code="invalid_code",
            field_errors={"token": [_("Enter the six digits your app shows now.")]},
        )
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action="two_factor.enrolled", obj=user, after={"device": "totp"})
    return Enrolment(device=device, recovery_codes=codes)


def two_factor_reset(*, actor: User | None, user: User) -> int:
    """Remove a person's authenticator and recovery codes (they lost both): they enrol again at
    their next log-in. Support staff only (``manage.py two_factor_reset``), after checking who
    asks by other means; audited."""
    if actor is not None and not actor.is_staff:
        raise Forbidden(_("Only support staff reset a person's second factor."))
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        audit_record(
            actor=actor, action="two_factor.reset", obj=user, after={"devices_removed": removed}
        )
    return removed


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


# django-otp's TOTP default, which enrolment keeps: an authenticator shows six digits.
TOTP_DIGITS = 6


def second_factor_verify(*, user: User, token: str) -> Any:
    """The device that accepts ``token`` (an authenticator code, or a recovery code, which is
    used up), or a ValidationFailed. django-otp slows down repeated failures per device, and
    refuses a TOTP code it has already accepted; the devices are locked while checked, so two
    requests racing with one code cannot both pass."""
    code = token.strip().replace(" ", "").lower()
    # A code goes to the devices of its shape only: an authenticator's is all digits, a recovery
    # code is not. Trying a recovery code on the authenticator would count as a wrong code there
    # and slow down the person's next attempt for nothing.
    kind: type[TOTPDevice] | type[StaticDevice] = (
        TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    )
    throttled = False
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            if not device.verify_is_allowed()[0]:
                throttled = True
                continue
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    audit_record(
                        actor=user,
                        action="two_factor.recovery_code_used",
                        obj=user,
                        after={"codes_left": device.token_set.count()},
                    )
                return device
    if throttled:
        raise ValidationFailed(
            _("Too many wrong codes. Wait a few seconds, then enter the code your app shows now."),
            code="code_throttled",
            field_errors={"token": [_("Wait a few seconds, then try again.")]},
        )
    raise ValidationFailed(
        _("That code is not valid. Enter the code your app shows now, or one recovery code."),
        code="invalid_code",
        field_errors={"token": [_("That code is not valid.")]},
    )


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _digits(token: str) -> str:
    return "".join(ch for ch in token if ch.isdigit())


# --- Freshness: re-authentication before sensitive steps ---------------------------------------


def second_factor_fresh(session: Any) -> bool:
    """Whether this session passed a second factor within TWO_FACTOR_REAUTH_MINUTES.

    The session holds the device (django-otp's key) and when the person last authenticated,
    which is when the second factor last passed: log-in and re-authentication both stamp it, the
    organisation switcher carries the source session's stamp over and never refreshes it."""
    if not session.get(OTP_DEVICE_KEY):
        return False
    at = float(session.get(AUTHENTICATED_AT_KEY) or 0)
    return time.time() - at <= settings.TWO_FACTOR_REAUTH_MINUTES * 60
