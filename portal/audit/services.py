"""The one way to write an audit event."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import connection, models

from portal.audit.models import ActorKind, AuditEvent
from portal.middleware import current_request_id


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # e.g. a Country or a lazy translation


def model_snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `instance`, for the before/after of an audit event."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    return data


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None:
        return {"actor_kind": ActorKind.SYSTEM, "actor_id": None, "actor_label": "system"}
    kind = getattr(actor, "audit_actor_kind", ActorKind.USER)
    label = getattr(actor, "audit_actor_label", None) or str(actor)
    return {"actor_kind": kind, "actor_id": actor.pk, "actor_label": label[:254]}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    """Append an audit event in the current schema. Call it inside the service's transaction:
    an event written outside one could survive a change that rolled back, or the reverse."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the audited change's transaction.")
    if organisation_id is None:
        tenant = getattr(connection, "tenant", None)
        if tenant is not None and getattr(tenant, "schema_name", "public") != "public":
            organisation_id = tenant.pk
    return AuditEvent.objects.create(
        **_actor_fields(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        organisation_id=organisation_id,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        request_id=current_request_id() if current_request_id() != "-" else "",
    )
