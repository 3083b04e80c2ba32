"""The organisation's audit trail as people read it (issue 15 item 11): what happened, in words;
which object; and each changed field as before → after, with translated labels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.audit.filters import OBJECT_TYPES
from portal.audit.models import AuditEvent
from registry import labels
from registry.workspace.web.diff import field_display, field_label

ACTIONS = {
    "system.created": _("AI system added"),
    "system.updated": _("AI system changed"),
    "system.deleted": _("AI system deleted"),
    "system.classified": _("AI system classified"),
    "risk_record.created": _("Risk recorded"),
    "risk_record.updated": _("Risk record changed"),
    "qms_record.created": _("QMS record added"),
    "qms_record.updated": _("QMS record changed"),
    "qms_record.approved": _("QMS document approved"),
    "evidence.uploaded": _("Evidence uploaded"),
    "evidence.linked": _("Evidence linked"),
    "evidence.unlinked": _("Evidence unlinked"),
    "evidence.shared": _("Evidence shared"),
    "gpai_model.created": _("GPAI model added"),
    "gpai_model.updated": _("GPAI model changed"),
    "gpai_model_version.created": _("GPAI model version added"),
    "gpai_model_version.updated": _("GPAI model version changed"),
    "cop_signature.changed": _("Code of Practice status changed"),
    "filing_draft.created": _("Filing prepared"),
    "filing_draft.updated": _("Filing changed"),
    "filing_draft.submitted": _("Filing submitted"),
    "filing_draft.discarded": _("Draft discarded"),
    "membership.added": _("Member added"),
    "membership.invited": _("Person invited"),
    "membership.invitation_resent": _("Invitation sent again"),
    "membership.removed": _("Member removed"),
    "membership.role_changed": _("Member's role changed"),
    "api_key.created": _("API key created"),
    "api_key.revoked": _("API key revoked"),
    "webhook.created": _("Webhook added"),
    "webhook.updated": _("Webhook changed"),
    "webhook.deleted": _("Webhook deleted"),
    "organisation.provisioned": _("Organisation set up"),
}

# Bookkeeping the trail keeps but a reader does not need to compare.
_SKIPPED = {
    "id",
    "uid",
    "created_at",
    "updated_at",
    "created_by",
    "created_by_id",
    "latest_classification",
    "latest_classification_id",
    "search_vector",
}
# What the registration forms do not name: the system's derived classification fields.
_KEY_LABELS = {
    "risk_tier": _("Risk tier"),
    "role": _("Role"),
    "annex_iii_area": _("Annex III area"),
    "registration_section": _("Registration section"),
    "registration_visibility": _("Registration visibility"),
    "compliance_deadline": _("Obligations apply from"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def _label(name: str) -> tuple[str, bool]:
    """(label, translated): a key the portal has no words for keeps an English reading, marked
    as such in the page."""
    base = name.removesuffix("_id")
    if name in _KEY_LABELS:
        return str(_KEY_LABELS[name]), True
    if base in labels.FIELD:
        return str(labels.FIELD[base]), True
    return field_label(base), False


def _value(name: str, value: Any) -> str:
    # Codes as their labels (registry.labels.FIELD_VALUE), dates in the language's format.
    return field_display(name, value)


def changes(before: Any, after: Any) -> list[dict[str, Any]]:
    """Each field whose value differs, as (label, before, after) in words."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    rows = []
    for name in dict.fromkeys([*old, *new]):
        if name in _SKIPPED or old.get(name) == new.get(name):
            continue
        label, translated = _label(name)
        rows.append(
            {
                "label": label,
                "translated": translated,
                "before": _value(name, old.get(name)),
                "after": _value(name, new.get(name)),
            }
        )
    return rows


def rows(events: Iterable[AuditEvent]) -> Iterator[dict[str, Any]]:
    for event in events:
        yield {
            "event": event,
            "action": action_label(event.action),
            "kind": str(OBJECT_TYPES.get(event.object_type, "")),
            "changes": changes(event.before, event.after),
        }


def object_history(obj: Any, limit: int = 20) -> list[dict[str, Any]]:
    """The newest events about ``obj`` (for its page's History section)."""
    events = AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-occurred_at", "-id")[:limit]
    return list(rows(events))
