"""Resolving references handed to services, and turning model validation into domain errors.

A service never trusts an id or an instance it is given: it looks the row up in the current
schema. An instance loaded in another organisation's schema may share its id with a row here,
so instances are matched on id *and* uid (random per row); a mismatch is refused like an
unknown id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.errors import NotFound, ValidationFailed

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

M = TypeVar("M", bound=models.Model)


def lookup_for(value: Any) -> dict[str, Any] | None:
    if isinstance(value, models.Model):
        return {"pk": value.pk, "uid": value.uid} if value.pk is not None else None
    if isinstance(value, uuid.UUID):
        return {"uid": value}
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return {"pk": value}
    if isinstance(value, str):
        if value.isdigit():
            return {"pk": int(value)}
        try:
            return {"uid": uuid.UUID(value)}
        except ValueError:
            return None
    return None


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name)


def choose_one_of(values: Iterable[str]) -> str:
    """The field error for a value outside a fixed list (the codes an integrator sends)."""
    return _("Choose one of: %(choices)s.") % {"choices": ", ".join(values)}


def resolve(model: type[M], value: Any, *, field: str, for_update: bool = False) -> M:
    """The row of ``model`` in this schema that ``value`` (id, uid or instance) names."""
    lookup = lookup_for(value)
    queryset = model._default_manager.all()
    if for_update:
        queryset = queryset.select_for_update()
    row = queryset.filter(**lookup).first() if lookup else None
    if row is None:
        raise ValidationFailed(
            _("No %(thing)s %(id)s in this organisation.") % {"thing": _label(model), "id": value},
            code="unknown_reference",
            field_errors={
                field: [
                    _("No %(thing)s with this id in this organisation.") % {"thing": _label(model)}
                ]
            },
        )
    return row


def resolve_many(model: type[M], values: Iterable[Any] | None, *, field: str) -> list[M]:
    """Every row named in ``values``; one unknown id refuses the lot, naming it."""
    values = list(values or [])
    rows: list[M] = []
    bad: list[str] = []
    lookups = [lookup_for(v) for v in values]
    if any(lookup is None for lookup in lookups):
        bad = [str(v) for v, lookup in zip(values, lookups, strict=True) if lookup is None]
    pks = {lk["pk"] for lk in lookups if lk and "pk" in lk}
    uids = {lk["uid"] for lk in lookups if lk and "uid" in lk}
    found = model._default_manager.filter(models.Q(pk__in=pks) | models.Q(uid__in=uids))
    by_pk = {row.pk: row for row in found}
    by_uid = {row.uid: row for row in found}
    for value, lookup in zip(values, lookups, strict=True):
        if lookup is None:
            continue
        row = by_pk.get(lookup["pk"]) if "pk" in lookup else by_uid.get(lookup["uid"])
        if row is None or ("uid" in lookup and row.uid != lookup["uid"]):
            bad.append(str(value))
        elif row not in rows:
            rows.append(row)
    if bad:
        raise ValidationFailed(
            _("Unknown %(thing)s in this organisation: %(ids)s.")
            % {"thing": _label(model), "ids": ", ".join(bad)},
            code="unknown_reference",
            field_errors={
                field: [
                    _("No %(thing)s with id %(id)s here.") % {"thing": _label(model), "id": b}
                    for b in bad
                ]
            },
        )
    return rows


def get_for_update(model: type[M], value: Any) -> M:
    """The row being changed, locked; NotFound when it is not in this schema."""
    lookup = lookup_for(value)
    row = model._default_manager.select_for_update().filter(**lookup).first() if lookup else None
    if row is None:
        raise NotFound(
            _("No %(thing)s %(id)s in this organisation.") % {"thing": _label(model), "id": value}
        )
    return row


def check_fields(given: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValidationFailed(
            ngettext_lazy("Unknown field: %(fields)s.", "Unknown fields: %(fields)s.", "count")
            % {"fields": ", ".join(unknown), "count": len(unknown)},
            code="unknown_fields",
            field_errors={name: [_("Unknown field.")] for name in unknown},
        )


def full_clean(
    instance: models.Model, message: StrOrPromise, *, exclude: Iterable[str] = ()
) -> None:
    """Model validation (types, choices, lengths, array items) as a ValidationFailed."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=True)
    except ValidationError as exc:
        raise ValidationFailed(message, field_errors=_field_errors(exc)) from exc


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """Messages by field. A uniqueness clash over several fields (Django files it under
    `__all__`) goes to the first field it names, so web forms and bulk rows point at a field."""
    errors: dict[str, list[str]] = {}
    for field, field_errors in exc.error_dict.items():
        for error in field_errors:
            key = field
            if field == NON_FIELD_ERRORS and error.code == "unique_together":
                key = (error.params or {}).get("unique_check", (field,))[0]
            errors.setdefault(key, []).extend(str(m) for m in error)
    return errors
