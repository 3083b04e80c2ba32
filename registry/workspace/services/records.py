"""Risk-management (Art 9) and quality-management (Art 17) records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Membership, User
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import ValidationFailed
from registry.workspace.choices import QMSRecordStatus
from registry.workspace.models import AISystem, QMSRecord, RiskRecord
from registry.workspace.permissions import acting_user, current_organisation
from registry.workspace.references import (
    check_fields,
    full_clean,
    get_for_update,
    resolve,
    resolve_many,
)

RISK_FIELDS = (
    "hazard",
    "use_context",
    "affected_persons",
    "affects_vulnerable_groups",
    "fundamental_rights",
    "likelihood",
    "severity",
    "mitigation",
    "mitigation_type",
    "residual_risk",
    "owner",
    "status",
    "next_review_on",
)
QMS_FIELDS = ("aspect", "title", "summary", "document_version", "owner", "next_review_on")
NULLABLE = {"next_review_on"}

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def member_user(value: Any, *, field: str) -> User | None:
    """A user who is a member of the current organisation (owners of records must be)."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, User) else value
    organisation = current_organisation()
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation_id=organisation.pk, user_id=pk if str(pk).isdigit() else None)
        .first()
    )
    if membership is None:
        raise ValidationFailed(
            _("User %(id)s is not a member of %(organisation)s.")
            % {"id": pk, "organisation": organisation.legal_name},
            code="unknown_reference",
            field_errors={field: [_("Choose a member of this organisation.")]},
        )
    return membership.user


def _assign(
    obj: Any, fields: dict[str, Any], allowed: tuple[str, ...], message: StrOrPromise
) -> None:
    check_fields(fields, allowed)
    for name, value in fields.items():
        if name == "owner":
            obj.owner = member_user(value, field="owner")
            continue
        if name == "fundamental_rights":
            if not isinstance(value, list | tuple):
                raise ValidationFailed(message, field_errors={name: [_("Must be a list.")]})
            value = list(dict.fromkeys(value))
        if value is None and name not in NULLABLE:
            value = ""
        setattr(obj, name, value)


def _snapshot_qms(record: QMSRecord) -> dict[str, Any]:
    return {**model_snapshot(record), "systems": sorted(s.pk for s in record.systems.all())}


@transaction.atomic
def risk_record_create(
    *,
    actor: User,
    system: AISystem | int,
    hazard: str,
    likelihood: str,
    severity: str,
    **fields: Any,
) -> RiskRecord:
    """Record a hazard of a system (Art 9(2)) with its estimate, measures and residual risk."""
    authorise(actor, "record.write")
    message = _("The risk record could not be saved.")
    record = RiskRecord(
        system=resolve(AISystem, system, field="system"),
        hazard=hazard,
        likelihood=likelihood,
        severity=severity,
        created_by=acting_user(actor),
    )
    _assign(record, fields, RISK_FIELDS, message)
    full_clean(record, message, exclude=["created_by", "system", "owner"])
    record.save()
    audit_record(
        actor=actor, action="risk_record.created", obj=record, after=model_snapshot(record)
    )
    return record


@transaction.atomic
def risk_record_update(*, actor: User, risk_record: RiskRecord | int, **fields: Any) -> RiskRecord:
    authorise(actor, "record.write")
    record = get_for_update(RiskRecord, risk_record)
    before = model_snapshot(record)
    message = _("The risk record could not be saved.")
    _assign(record, fields, RISK_FIELDS, message)
    full_clean(record, message, exclude=["created_by", "system", "owner"])
    record.save()
    after = model_snapshot(record)
    if after != before:
        audit_record(
            actor=actor, action="risk_record.updated", obj=record, before=before, after=after
        )
    return record


@transaction.atomic
def qms_record_create(
    *,
    actor: User,
    aspect: str,
    title: str,
    document_version: str,
    systems: Iterable[Any] = (),
    **fields: Any,
) -> QMSRecord:
    """Record a QMS document for one Art 17(1) aspect, covering ``systems`` (Annex VII 3.1)."""
    authorise(actor, "record.write")
    message = _("The QMS record could not be saved.")
    covered = resolve_many(AISystem, systems, field="systems")
    record = QMSRecord(
        aspect=aspect, title=title, document_version=document_version, created_by=acting_user(actor)
    )
    _assign(record, fields, QMS_FIELDS, message)
    full_clean(record, message, exclude=["created_by", "owner", "approved_by"])
    record.save()
    record.systems.set(covered)
    audit_record(actor=actor, action="qms_record.created", obj=record, after=_snapshot_qms(record))
    return record


@transaction.atomic
def qms_record_update(
    *,
    actor: User,
    qms_record: QMSRecord | int,
    systems: Iterable[Any] | None = None,
    **fields: Any,
) -> QMSRecord:
    """Change a QMS record. A changed document is no longer the approved one: the approval is
    cleared and the record returns to draft until an admin approves it again."""
    authorise(actor, "record.write")
    record = get_for_update(QMSRecord, qms_record)
    message = _("The QMS record could not be saved.")
    covered = resolve_many(AISystem, systems, field="systems") if systems is not None else None
    before = _snapshot_qms(record)
    _assign(record, fields, QMS_FIELDS, message)
    full_clean(record, message, exclude=["created_by", "owner", "approved_by"])
    content = ("aspect", "title", "summary", "document_version")
    if record.status == QMSRecordStatus.APPROVED and any(
        before[name] != getattr(record, name) for name in content
    ):
        record.status = QMSRecordStatus.DRAFT
        record.approved_by = None
        record.approved_at = None
    record.save()
    if covered is not None:
        record.systems.set(covered)
    after = _snapshot_qms(record)
    if after != before:
        audit_record(
            actor=actor, action="qms_record.updated", obj=record, before=before, after=after
        )
    return record


@transaction.atomic
def qms_record_approve(*, actor: User, qms_record: QMSRecord | int) -> QMSRecord:
    """Approve the current version of a QMS document (admins and owners: it binds the
    organisation's management, Art 17(1)(m))."""
    authorise(actor, "qms.approve")
    record = get_for_update(QMSRecord, qms_record)
    if record.status == QMSRecordStatus.RETIRED:
        raise ValidationFailed(
            _("A retired QMS document cannot be approved."),
            code="invalid_state",
            field_errors={"status": [_("The record is retired.")]},
        )
    before = _snapshot_qms(record)
    record.status = QMSRecordStatus.APPROVED
    record.approved_by = acting_user(actor)
    record.approved_at = timezone.now()
    record.save()
    audit_record(
        actor=actor,
        action="qms_record.approved",
        obj=record,
        before=before,
        after=_snapshot_qms(record),
    )
    return record


# --- bulk actions on the records lists (issue 15 item 12) ---------------------------------------

BULK_KINDS: dict[str, type[RiskRecord] | type[QMSRecord]] = {"risk": RiskRecord, "qms": QMSRecord}
BULK_ACTIONS = ("assign_owner", "schedule_review")


def _bulk_update(
    actor: User, kind: str, records: Iterable[Any], fields: dict[str, Any]
) -> list[Any]:
    """Set ``fields`` on every named record, all or none: one unknown record (another
    organisation's ids do not exist in this schema) refuses the lot before anything is written;
    each change is audited as an update of its record."""
    model = BULK_KINDS.get(kind)
    if model is None:
        raise ValidationFailed(_("Unknown kind of record."), field_errors={"kind": [_("Unknown.")]})
    chosen = resolve_many(model, records, field="records")
    if not chosen:
        raise ValidationFailed(
            _("Select at least one record."),
            code="nothing_selected",
            field_errors={"records": [_("Select at least one record.")]},
        )
    # Locked in id order, so two bulk changes of overlapping selections cannot deadlock.
    locked = model._default_manager.select_for_update().filter(pk__in=[r.pk for r in chosen])
    rows = list(locked.order_by("pk"))
    snapshot: Callable[[Any], dict[str, Any]] = (
        _snapshot_qms if model is QMSRecord else model_snapshot
    )
    action = "qms_record.updated" if model is QMSRecord else "risk_record.updated"
    allowed = QMS_FIELDS if model is QMSRecord else RISK_FIELDS
    message = _("The records could not be changed.")
    for row in rows:
        before = snapshot(row)
        _assign(row, fields, allowed, message)
        row.save(update_fields=[*fields, "updated_at"])
        after = snapshot(row)
        if after != before:
            audit_record(actor=actor, action=action, obj=row, before=before, after=after)
    return rows


@transaction.atomic
def records_assign_owner(
    *, actor: User, kind: str, records: Iterable[Any], owner: User | int | None
) -> list[Any]:
    """Make ``owner`` (a member of this organisation; None: nobody) the owner of every selected
    risk (``kind="risk"``) or QMS record (``"qms"``), in one transaction."""
    authorise(actor, "record.write")
    if owner in (None, ""):
        raise ValidationFailed(
            _("Choose the member who owns the records."),
            code="owner_required",
            field_errors={"owner": [_("Choose a member of this organisation.")]},
        )
    member = member_user(owner, field="owner")  # refused before any record is touched
    return _bulk_update(actor, kind, records, {"owner": member})


@transaction.atomic
def records_schedule_review(
    *, actor: User, kind: str, records: Iterable[Any], next_review_on: Any
) -> list[Any]:
    """Schedule the next review of every selected record on ``next_review_on`` (today or
    later: a review cannot be scheduled in the past), in one transaction."""
    authorise(actor, "record.write")
    if not isinstance(next_review_on, date):
        raise ValidationFailed(
            _("Give the date of the next review."),
            code="review_date_required",
            field_errors={"next_review_on": [_("Enter a date.")]},
        )
    if next_review_on < timezone.localdate():
        raise ValidationFailed(
            _("A review cannot be scheduled in the past."),
            code="review_date_past",
            field_errors={"next_review_on": [_("Choose today or a later date.")]},
        )
    return _bulk_update(actor, kind, records, {"next_review_on": next_review_on})
