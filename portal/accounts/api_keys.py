"""API keys: creation (plaintext shown once), revocation, and lookup for authentication.

A key reads `aap_<8 chars>_<43 chars>`. The first part is the public prefix stored in clear (to find
the row and to show in lists); the rest is a 256-bit random secret of which only a SHA-256 digest is
stored. A plain fast hash is enough here, unlike for passwords: the secret is uniformly random with
256 bits of entropy, so there is no dictionary to try and brute force is out of reach however fast
the hash is; a slow KDF would only add latency to every API request.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, tenant_context

from portal.accounts.models import (
    ApiKey,
    ApiKeyScope,
    Authority,
    AuthorityMembership,
    User,
)
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise, authority_authorise
from portal.errors import Forbidden, ValidationFailed
from portal.tenancy.models import Organisation

KEY_PREFIX = "aap_"
_PREFIX_RANDOM_CHARS = 8
# last_used_at is written at most once per this interval per key: not a write per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# A key that is not given an expiry gets this one (the API, the web form, the command): a
# forgotten integration's key stops working instead of staying valid for ever.
DEFAULT_KEY_LIFETIME = datetime.timedelta(days=90)
# Hashed when no key matches, so an unknown prefix costs the same as a wrong secret.
_DUMMY_HASH = hashlib.sha256(b"no such key").hexdigest()


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_prefix() -> str:
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o/1/l: prefixes get read aloud
    return KEY_PREFIX + "".join(secrets.choice(alphabet) for _ in range(_PREFIX_RANDOM_CHARS))


def _split(plaintext: str) -> tuple[str, str] | None:
    # The secret is url-safe base64 and may itself contain "_": split by position, not by "_".
    cut = len(KEY_PREFIX) + _PREFIX_RANDOM_CHARS
    if not plaintext.startswith(KEY_PREFIX) or plaintext[cut : cut + 1] != "_":
        return None
    return plaintext[:cut], plaintext[cut + 1 :]


# --- who may manage keys ----------------------------------------------------------------------


def _check_may_manage_organisation_keys(
    actor: User | ApiKey, organisation: Organisation, scopes: Iterable[str] = ()
) -> None:
    authorise(actor, "api_key.manage", organisation)
    if isinstance(actor, ApiKey):
        # A key cannot mint a key more powerful than itself.
        beyond = sorted(set(scopes) - set(actor.scopes))
        if beyond:
            raise Forbidden(
                _("This key cannot grant scopes it lacks: %(scopes)s.")
                % {"scopes": ", ".join(beyond)}
            )


def _check_may_manage_authority_keys(actor: User | ApiKey, authority: Authority) -> None:
    role = (
        None
        if isinstance(actor, ApiKey)
        else AuthorityMembership.objects.filter(user=actor, authority=authority)
        .values_list("role", flat=True)
        .first()
    )
    authority_authorise(actor, "authority_key.manage", role)


def _validate(name: str, scopes: list[str], expires_at: datetime.datetime | None) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the key a name that says who uses it.")]
    elif len(name) > 100:
        errors["name"] = [_("At most 100 characters.")]
    unknown = [s for s in scopes if s not in ApiKeyScope.values]
    if not scopes:
        errors["scopes"] = [_("Choose at least one scope.")]
    elif unknown:
        errors["scopes"] = [
            _("Unknown scopes: %(unknown)s. Choose from: %(choices)s.")
            % {"unknown": ", ".join(unknown), "choices": ", ".join(ApiKeyScope.values)}
        ]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = [_("The expiry must be in the future.")]
    if errors:
        raise ValidationFailed(_("The API key could not be created."), field_errors=errors)


def _audit(api_key: ApiKey, **event: Any) -> None:
    # ApiKey rows live in the public schema, but an organisation's admins read the organisation's
    # own trail: its keys are audited there. Authority keys are register events (public schema).
    if api_key.organisation_id is None:
        with schema_context("public"):
            audit_record(obj=api_key, **event)
        return
    if connection.schema_name == api_key.organisation.schema_name:
        audit_record(obj=api_key, organisation_id=api_key.organisation_id, **event)
        return
    with tenant_context(api_key.organisation):
        audit_record(obj=api_key, organisation_id=api_key.organisation_id, **event)


# --- services -------------------------------------------------------------------------------------


def api_key_create(
    *,
    actor: User | ApiKey,
    name: str,
    scopes: list[str],
    expires_at: datetime.datetime | None = None,
    organisation: Organisation | None = None,
    authority: Authority | None = None,
) -> tuple[ApiKey, str]:
    """Create a key for exactly one organisation (its admins) or authority (its leads). Returns
    the key and its plaintext, which is not stored and cannot be shown again. Without
    `expires_at` the key expires after DEFAULT_KEY_LIFETIME."""
    if (organisation is None) == (authority is None):
        raise ValueError("A key belongs to exactly one organisation or one authority.")
    scopes = sorted(set(scopes))
    if organisation is not None:
        _check_may_manage_organisation_keys(actor, organisation, scopes)
    else:
        assert authority is not None
        _check_may_manage_authority_keys(actor, authority)
    _validate(name, scopes, expires_at)
    if expires_at is None:
        expires_at = timezone.now() + DEFAULT_KEY_LIFETIME
    secret = secrets.token_urlsafe(32)  # 256 bits
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            organisation=organisation,
            authority=authority,
            name=name.strip(),
            prefix=_new_prefix(),
            secret_hash=_hash_secret(secret),
            scopes=scopes,
            created_by=actor if isinstance(actor, User) else None,
            created_by_key=actor if isinstance(actor, ApiKey) else None,
            expires_at=expires_at,
        )
        _audit(
            api_key,
            actor=actor,
            action="api_key.created",
            after=model_snapshot(api_key, fields=_AUDITED_FIELDS),
        )
    return api_key, f"{api_key.prefix}_{secret}"


_AUDITED_FIELDS = ["name", "prefix", "scopes", "expires_at", "revoked_at", "organisation"]


def api_key_revoke(*, actor: User | ApiKey, api_key: ApiKey) -> ApiKey:
    """Revoke a key at once; revoking a revoked key changes nothing and records nothing."""
    if api_key.organisation_id is not None:
        _check_may_manage_organisation_keys(actor, api_key.organisation)
    else:
        _check_may_manage_authority_keys(actor, api_key.authority)  # type: ignore[arg-type]
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if locked.revoked_at is not None:
            return locked
        before = model_snapshot(locked, fields=_AUDITED_FIELDS)
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        _audit(
            locked,
            actor=actor,
            action="api_key.revoked",
            before=before,
            after=model_snapshot(locked, fields=_AUDITED_FIELDS),
        )
    return locked


class _KeyLookup:
    """The one query every API request makes, `ApiKey.objects.filter(prefix=…)` with or without
    its authority, compiled by the ORM once per process and then only executed: building the
    query was three quarters of the look-up's CPU, more than PostgreSQL's answer
    (bench/api_read.py). The SQL is the ORM's own (`values_list` of every concrete field, in
    order), so a new field is picked up; the rows become model instances through `from_db`, as
    the ORM makes them. The organisation is not joined (a wide row): on its own host the caller
    hands the key the tenant it already has (portal.api.authentication)."""

    def __init__(self) -> None:
        self._compiled: dict[bool, tuple[str, list[str], list[str], list[tuple[int, Any]]]] = {}

    def _compile(self, with_authority: bool) -> tuple[str, list[str], list[str], list]:
        compiled = self._compiled.get(with_authority)
        if compiled is None:
            key_fields = list(ApiKey._meta.concrete_fields)
            authority_fields = list(Authority._meta.concrete_fields) if with_authority else []
            columns = [
                *(f.attname for f in key_fields),
                *(f"authority__{f.attname}" for f in authority_fields),
            ]
            query = ApiKey.objects.filter(prefix="?").values_list(*columns)[:1].query
            sql, params = query.sql_with_params()
            if params != ("?",):  # the prefix must be the statement's only parameter
                raise RuntimeError(f"unexpected parameters in the key look-up: {params!r}")
            # What the ORM would apply to a value read (a field's from_db_value): none today.
            converters = [
                (index, converter)
                for index, field in enumerate([*key_fields, *authority_fields])
                for converter in cast(Any, field).get_db_converters(connection)
            ]
            compiled = self._compiled[with_authority] = (
                sql,
                [f.attname for f in key_fields],
                [f.attname for f in authority_fields],
                converters,
            )
        return compiled

    def __call__(self, prefix: str, *, with_authority: bool) -> ApiKey | None:
        sql, key_fields, authority_fields, converters = self._compile(with_authority)
        with connection.cursor() as cursor:
            cursor.execute(sql, [prefix])
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            values = list(row)
            for index, converter in converters:
                values[index] = converter(values[index], None, connection)
            row = tuple(values)
        api_key = ApiKey.from_db(ApiKey.objects.db, key_fields, row[: len(key_fields)])
        if with_authority and api_key.authority_id is not None:
            api_key.authority = Authority.from_db(
                Authority.objects.db, authority_fields, row[len(key_fields) :]
            )
        return api_key


_key_lookup = _KeyLookup()


def api_key_authenticate(plaintext: str, *, with_authority: bool = True) -> ApiKey | None:
    """The usable key this plaintext opens, or None. Where the key may be used (which host) is
    the caller's check; this only proves possession of the secret. `with_authority=False` where
    no authority's key can be used (an organisation's host): its authority is then not read."""
    parts = _split(plaintext)
    prefix, secret = parts if parts else ("", plaintext)
    api_key = _key_lookup(prefix, with_authority=with_authority) if prefix else None
    expected = api_key.secret_hash if api_key else _DUMMY_HASH
    matches = hmac.compare_digest(expected, _hash_secret(secret))
    if api_key is None or not matches or not api_key.is_usable:
        return None
    return api_key


def api_key_touch(api_key: ApiKey) -> None:
    """Record use, at most once per LAST_USED_RESOLUTION. The conditional UPDATE makes concurrent
    requests of several workers write once between them, not once each."""
    now = timezone.now()
    if api_key.last_used_at is not None and now - api_key.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiKey.objects.filter(pk=api_key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ).update(last_used_at=now)
    api_key.last_used_at = now


def api_keys_of_organisation(*, organisation: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation=organisation).select_related(
        "created_by", "created_by_key"
    )
