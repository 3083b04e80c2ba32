"""Idempotency-Key on POST: a retried request gets the first answer instead of a second write.

Records live in a table of the public schema, not in Redis: the claim is an INSERT under a unique
constraint, so two concurrent duplicates race on the database and exactly one wins (the other gets
409 idempotency_key_in_progress), and a Redis eviction or restart cannot turn a retry into a
second filing. Records expire after IDEMPOTENCY_TTL; `idempotency_purge_expired` deletes them.

Keys are scoped to the caller (schema + actor), so two integrators cannot collide or read each
other's stored answers. Responses of 5xx (and unhandled exceptions) are not stored: the claim is
released and the client may retry with the same key.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request

from portal.api.models import IdempotencyRecord
from portal.errors import Conflict, ValidationFailed

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_TTL = datetime.timedelta(hours=24)
MAX_KEY_LENGTH = 255
_REPLAYED_HEADERS = ("Content-Type", "Location", "ETag")


class IdempotentReplay(Exception):  # noqa: N818 - a signal, not an error
    """Raised from the view's `initial()` to short-circuit to the stored response."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__("replay")
        self.response = response


@dataclass(frozen=True)
class Claim:
    record_id: int


def _owner(actor: Any) -> str:
    kind = getattr(actor, "audit_actor_kind", "user")
    return f"{connection.schema_name}:{kind}:{getattr(actor, 'pk', 'anonymous')}"


def _fingerprint(request: Request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() + b" " + request.path.encode() + b"\n")
    if request.content_type.startswith("multipart/"):
        # An upload is streamed to disk, never held in memory, and its boundary differs between
        # two sends of the same file: its length stands in for its bytes. (Evidence is
        # content-addressed anyway: the same bytes twice are one evidence row.)
        digest.update(b"multipart " + request.META.get("CONTENT_LENGTH", "").encode())
    else:
        digest.update(request._request.body)  # the raw bytes; Django caches them for DRF
    return digest.hexdigest()


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        bytes(record.response_body), status=record.response_status, content_type=None
    )
    for name, value in record.response_headers.items():
        response[name] = value
    response[REPLAY_HEADER] = "true"
    return response


_IN_PROGRESS = _("A request with this Idempotency-Key is still being processed; retry later.")


def idempotency_begin(request: Request, *, actor: Any) -> Claim | None:
    """Claim the request's key, or raise IdempotentReplay / a 409. None when there is no key."""
    key = request.headers.get(HEADER)
    if request.method != "POST" or key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationFailed(
            _("The Idempotency-Key header must be 1 to 255 printable characters."),
            code="invalid_idempotency_key",
            field_errors={HEADER: [_("1 to 255 printable characters.")]},
        )
    owner, fingerprint, now = _owner(actor), _fingerprint(request), timezone.now()
    for _attempt in range(2):
        try:
            # A savepoint: the failed INSERT must not poison a surrounding transaction.
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    owner=owner,
                    key=key,
                    fingerprint=fingerprint,
                    expires_at=now + IDEMPOTENCY_TTL,
                )
            return Claim(record.pk)
        except IntegrityError:
            existing = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
            if existing is None:
                continue  # released between our INSERT and SELECT: claim again
            if existing.expires_at <= now:
                IdempotencyRecord.objects.filter(pk=existing.pk).delete()
                continue
            if existing.fingerprint != fingerprint:
                raise Conflict(
                    _("This Idempotency-Key was used with a different request; use a new key."),
                    code="idempotency_key_reused",
                ) from None
            if existing.response_status is None:
                raise Conflict(
                    _IN_PROGRESS,
                    code="idempotency_key_in_progress",
                ) from None
            raise IdempotentReplay(_replay(existing)) from None
    raise Conflict(
        _IN_PROGRESS,
        code="idempotency_key_in_progress",
    )


def idempotency_complete(
    claim: Claim, response: HttpResponse, *, redact: dict[str, Any] | None = None
) -> None:
    """Store the answer (status < 500), or release the claim so that a retry can run.

    `redact` replaces top-level keys of a JSON body before storing: a secret shown once (a new
    API key's plaintext) must not sit in this table for a day."""
    if response.status_code >= 500:
        idempotency_release(claim)
        return
    body = response.content
    if redact:
        data = json.loads(body)
        data.update({k: v for k, v in redact.items() if k in data})
        body = json.dumps(data).encode()
    headers = {h: response[h] for h in _REPLAYED_HEADERS if h in response}
    IdempotencyRecord.objects.filter(pk=claim.record_id).update(
        response_status=response.status_code, response_body=body, response_headers=headers
    )


def idempotency_release(claim: Claim) -> None:
    IdempotencyRecord.objects.filter(pk=claim.record_id).delete()


def idempotency_purge_expired() -> int:
    deleted, _ = IdempotencyRecord.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
