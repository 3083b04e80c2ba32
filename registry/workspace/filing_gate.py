"""Whether a draft may be filed at all, whatever its completeness (issue 11, item 5).

- Its kind must be one the subject's classification calls for (``registry.register.
  admissibility``, the rule the register re-checks when a lead registers the version).
- The classification must come from the rules in force: one made under an older ruleset is
  re-run first (``selectors.classification_is_current``).
- Every file it cites must be the subject's own (linked to the system, one of its risk records
  or a QMS record covering it; or to the model) or marked as shared by the organisation.
- A provider established outside the Union files a Section A/B registration or a GPAI filing only
  through an authorised representative whose mandate is in force and covers the subject
  (Art 22(1), Art 54(1); ``mandate_obstacles``).

The draft services refuse with these codes, and the checklist lists the same obstacles, so what
the draft page says is what submit enforces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.errors import Conflict, ValidationFailed
from registry import rules
from registry.register.admissibility import (
    CLASSIFICATION_OUTDATED,
    EVIDENCE_NOT_OF_SUBJECT,
    KIND_NOT_ALLOWED,
    MANDATE_REQUIRED,
    kind_refusal,
    mandate_refusal,
)
from registry.workspace.models import AISystem, Evidence, GPAIModelVersion
from registry.workspace.selectors.lists import classification_is_current

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The system's own evidence fields, by the Annex VIII item that cites them (A9, A11, A12).
SYSTEM_EVIDENCE_FIELDS = ("certificate_scan", "declaration_of_conformity", "instructions_for_use")


@dataclass(frozen=True, slots=True)
class Obstacle:
    """Something that stops a filing: ``code`` is the domain error's stable code."""

    code: str
    field: str
    message: StrOrPromise


def _classification(
    system: AISystem | None, version: GPAIModelVersion | None
) -> tuple[dict[str, Any] | None, str | None]:
    """The subject's latest classification (contract JSON) and, when older rules made it, their
    version; (None, None) for the organisation itself (Code of Practice) or a system not
    classified yet."""
    if system is not None:
        latest = system.latest_classification
        if latest is None:
            return None, None
        return latest.result, None if classification_is_current(latest) else latest.ruleset_version
    if version is not None and version.classification is not None:
        outdated = version.classification.get("ruleset_version")
        return version.classification, None if classification_is_current(version) else outdated
    return None, None


def kind_obstacles(
    kind: str,
    *,
    system: AISystem | None = None,
    gpai_model_version: GPAIModelVersion | None = None,
    require_current: bool = True,
) -> list[Obstacle]:
    """Why ``kind`` may not be filed about this subject. A system not classified yet is the
    checklist's business (it is incomplete), not an obstacle: a draft may be prepared first."""
    result, outdated = _classification(system, gpai_model_version)
    if result is None:
        return []
    obstacles = []
    if require_current and outdated is not None:
        obstacles.append(
            Obstacle(
                CLASSIFICATION_OUTDATED,
                "classification",
                _(
                    "The classification was made under rules %(outdated)s; re-run it under the "
                    "rules in force (%(current)s) before filing."
                )
                % {"outdated": outdated, "current": rules.RULESET_VERSION},
            )
        )
    refusal = kind_refusal(kind, result)
    if refusal is not None:
        obstacles.append(Obstacle(refusal.code, "kind", refusal.message))
    return obstacles


def _own(
    evidence: Sequence[Evidence], system: AISystem | None, version: GPAIModelVersion | None
) -> set[int]:
    if system is None and version is None:
        return {item.pk for item in evidence}  # the organisation's own filing: all of it is
    mine = Q(shared=True)
    if system is not None:
        mine |= Q(systems=system) | Q(risk_records__system=system) | Q(qms_records__systems=system)
    if version is not None:
        mine |= Q(gpai_models=version.model_id)
    ids = [item.pk for item in evidence]
    return set(Evidence.objects.filter(mine, pk__in=ids).values_list("pk", flat=True))


def evidence_obstacles(
    evidence: Iterable[Evidence],
    *,
    system: AISystem | None = None,
    gpai_model_version: GPAIModelVersion | None = None,
) -> list[Obstacle]:
    """One obstacle per cited file that is neither the subject's own nor shared."""
    evidence = list(evidence)
    if not evidence:
        return []
    own = _own(evidence, system, gpai_model_version)
    subject = system or gpai_model_version
    by_field: dict[Any, str] = {}
    if system is not None:
        by_field = {getattr(system, f"{name}_id"): name for name in SYSTEM_EVIDENCE_FIELDS}
    return [
        Obstacle(
            EVIDENCE_NOT_OF_SUBJECT,
            by_field.get(item.pk, "extra_evidence"),
            _(
                "“%(title)s” (%(file)s) is not evidence of %(subject)s: a filing cites only files "
                "linked to its subject or marked as shared by the organisation."
            )
            % {"title": item.title, "file": item.original_filename, "subject": subject},
        )
        for item in evidence
        if item.pk not in own
    ]


def subject_mandate(
    kind: str,
    organisation: Any,
    *,
    system: AISystem | None = None,
    gpai_model_version: GPAIModelVersion | None = None,
) -> Any:
    """The mandate in force that covers this filing's subject, or None (also None when the
    organisation needs none)."""
    from registry.register.selectors_mandates import MANDATED_KINDS, mandate_active_for

    if kind not in MANDATED_KINDS or organisation.eu_established:
        return None
    if system is not None:
        return mandate_active_for(provider=organisation, system_uid=str(system.uid))
    if gpai_model_version is not None:
        return mandate_active_for(
            provider=organisation, model_uid=str(gpai_model_version.model.uid)
        )
    return None


def mandate_obstacles(
    kind: str,
    organisation: Any,
    *,
    system: AISystem | None = None,
    gpai_model_version: GPAIModelVersion | None = None,
) -> list[Obstacle]:
    """Art 22(1), Art 54(1): a non-EU provider files only with a mandate in force covering the
    subject."""
    from registry.register.selectors_mandates import MANDATED_KINDS

    if kind not in MANDATED_KINDS or organisation.eu_established:
        return []
    if system is None and gpai_model_version is None:
        return []  # no subject yet: the checklist asks for it
    mandate = subject_mandate(
        kind, organisation, system=system, gpai_model_version=gpai_model_version
    )
    if mandate is not None:
        return []
    refusal = mandate_refusal(kind)
    return [Obstacle(refusal.code, "authorised_representative", refusal.message)]


def raise_obstacles(obstacles: Sequence[Obstacle]) -> None:
    """Refuse with the first obstacle's code (the kind before the rules version before the
    evidence), listing every obstacle by field."""
    if not obstacles:
        return
    order = {KIND_NOT_ALLOWED: 0, CLASSIFICATION_OUTDATED: 1, MANDATE_REQUIRED: 2}
    first = min(obstacles, key=lambda o: order.get(o.code, len(order)))
    errors: dict[str, list[StrOrPromise]] = {}
    for obstacle in obstacles:
        errors.setdefault(obstacle.field, []).append(obstacle.message)
    error = Conflict if first.code != EVIDENCE_NOT_OF_SUBJECT else ValidationFailed
    raise error(first.message, code=first.code, field_errors=errors)
