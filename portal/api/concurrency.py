"""Optimistic concurrency: ETag on reads, If-Match on writes, so two integrators cannot silently
overwrite each other (the second gets 412 and re-reads).

Decision: PATCH and PUT without If-Match are refused with 428 (precondition_required): a lost update
is worse than one more header. DELETE checks If-Match when it is sent and does not demand it (a
deletion does not merge with anything). `If-Match: *` matches any current version.

The ETag comes from a `version` integer or `updated_at` where the model has one, else from a
hash of the resource's API representation; either way compare it under a row lock
(`select_for_update`) so a concurrent writer cannot slip in between the check and the write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import models
from rest_framework.request import Request

from portal.api.exceptions import PreconditionFailed, PreconditionRequired

REQUIRE_IF_MATCH = frozenset({"PATCH", "PUT"})


def etag_for(instance: models.Model, representation: Mapping[str, Any] | None = None) -> str:
    version = getattr(instance, "version", None)
    if version is None:
        version = getattr(instance, "updated_at", None)
    if version is not None:
        token = f"{instance._meta.label_lower}:{instance.pk}:{version}"
    else:
        if representation is None:
            raise ValueError(f"{instance._meta.label} has no version: pass its representation.")
        token = json.dumps(representation, sort_keys=True, default=str)
    return '"' + hashlib.sha256(token.encode()).hexdigest()[:32] + '"'


def check_if_match(request: Request, current_etag: str) -> None:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if request.method in REQUIRE_IF_MATCH:
            raise PreconditionRequired()
        return
    if header == "*":
        return
    offered = {tag.strip() for tag in header.split(",")}
    # If-Match uses the strong comparison (RFC 9110 13.1.1): weak tags never match.
    if current_etag not in offered:
        raise PreconditionFailed()
