"""Reads of workspace data. Every list runs a fixed number of queries whatever its length."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from portal.pagination import Sort
from registry import rules
from registry.workspace.models import (
    AISystem,
    Classification,
    CodeOfPracticeSignature,
    CodeOfPracticeSignatureChange,
    Evidence,
    GPAIModel,
    GPAIModelVersion,
    QMSRecord,
    RiskRecord,
)
from registry.workspace.references import lookup_for as _lookup


def _by_ref(queryset: QuerySet[Any], value: Any) -> Any:
    lookup = _lookup(value)
    return queryset.filter(**lookup).first() if lookup else None


def ai_system_list(
    *,
    risk_tier: str | None = None,
    role: str | None = None,
    status: str | None = None,
    search: str | None = None,
) -> QuerySet[AISystem]:
    queryset = AISystem.objects.select_related("latest_classification")
    if risk_tier:
        queryset = queryset.filter(risk_tier=risk_tier)
    if role:
        queryset = queryset.filter(role=role)
    if status:
        queryset = queryset.filter(status=status)
    if search:
        # Substring match on the name and reference: trigram GIN indexes on UPPER(...) serve it
        # (workspace/0003), so it stays an index scan at 10,000 systems.
        queryset = queryset.filter(
            Q(trade_name__icontains=search) | Q(system_reference__icontains=search)
        )
    return queryset


# The columns a page of systems shows; the list never loads the classification's JSON.
SYSTEM_ROW_FIELDS = (
    "id",
    "uid",
    "trade_name",
    "system_reference",
    "role",
    "status",
    "risk_tier",
    "compliance_deadline",
    "updated_at",
)

SYSTEM_SORTS = (
    Sort("name", _("Name (A–Z)"), ("trade_name", "id")),
    Sort("-name", _("Name (Z–A)"), ("-trade_name", "-id")),
    Sort("updated", _("Recently changed"), ("-updated_at", "-id")),
    Sort("tier", _("Risk tier"), ("risk_tier", "trade_name", "id")),
)


def ai_system_rows(**filters: Any) -> QuerySet[AISystem]:
    """The systems list's rows: only what the page shows (SYSTEM_ROW_FIELDS), no joins. Page it
    with ``portal.pagination`` and one of ``SYSTEM_SORTS`` (each backed by an index)."""
    return ai_system_list(**filters).select_related(None).only(*SYSTEM_ROW_FIELDS)


def ai_system_get(*, system: Any) -> AISystem | None:
    """A system by id, uid or instance, with its latest classification and cited files."""
    queryset = AISystem.objects.select_related(
        "latest_classification",
        "certificate_scan",
        "declaration_of_conformity",
        "instructions_for_use",
    )
    return _by_ref(queryset, system)


def system_classification_history(*, system: AISystem) -> QuerySet[Classification]:
    """Every classification of the system, newest first (the first is its latest)."""
    return Classification.objects.filter(system=system).select_related("classified_by")


def system_latest_classification(*, system: AISystem) -> Classification | None:
    return system.latest_classification


def classification_is_current(
    subject: AISystem | Classification | GPAIModelVersion | None,
) -> bool:
    """Whether a system's latest classification (or this classification, or a model version's
    derived one) came from the rules in force (``registry.rules.RULESET_VERSION``). An older
    result must be re-run before it is relied on (``registry.workspace.filing_gate`` asks this);
    a system never classified is not current either. A model version is re-classified whenever
    it is saved."""
    if isinstance(subject, GPAIModelVersion):
        return (subject.classification or {}).get("ruleset_version") == rules.RULESET_VERSION
    classification = subject.latest_classification if isinstance(subject, AISystem) else subject
    if classification is None:
        return False
    return classification.ruleset_version == rules.RULESET_VERSION


def gpai_model_list(*, systemic_risk: bool | None = None) -> QuerySet[GPAIModel]:
    queryset = GPAIModel.objects.prefetch_related(
        Prefetch("versions", queryset=GPAIModelVersion.objects.order_by("-release_date", "-id"))
    )
    if systemic_risk is not None:
        queryset = queryset.filter(systemic_risk=systemic_risk)
    return queryset


GPAI_MODEL_SORTS = (
    Sort("name", _("Name (A–Z)"), ("name",)),  # unique: its own index
    Sort("-name", _("Name (Z–A)"), ("-name",)),
)


def gpai_model_rows() -> QuerySet[GPAIModel]:
    """The models list's rows: the shown columns, the number of versions and the latest one's
    label, each a column of the one query (no version rows loaded). Page with GPAI_MODEL_SORTS."""
    latest = GPAIModelVersion.objects.filter(model=OuterRef("pk")).order_by("-release_date", "-id")
    return GPAIModel.objects.only("id", "name", "model_family", "systemic_risk").annotate(
        version_count=Count("versions"), latest_version=Subquery(latest.values("version")[:1])
    )


def gpai_model_get(*, model: Any) -> GPAIModel | None:
    return _by_ref(GPAIModel.objects.all(), model)


def gpai_model_version_list(*, model: GPAIModel | None = None) -> QuerySet[GPAIModelVersion]:
    queryset = GPAIModelVersion.objects.select_related("model")
    return queryset.filter(model=model) if model is not None else queryset


def risk_record_list(
    *,
    system: AISystem | None = None,
    system_search: str | None = None,
    status: str | None = None,
    review_due_by: date | None = None,
) -> QuerySet[RiskRecord]:
    queryset = RiskRecord.objects.select_related("system", "owner")
    if system is not None:
        queryset = queryset.filter(system=system)
    if system_search:
        # The systems' trigram indexes (workspace/0003) serve the substring match.
        systems = AISystem.objects.filter(
            Q(trade_name__icontains=system_search) | Q(system_reference__icontains=system_search)
        )
        queryset = queryset.filter(system__in=systems.values("id"))
    if status:
        queryset = queryset.filter(status=status)
    if review_due_by is not None:
        queryset = queryset.filter(next_review_on__lte=review_due_by)
    return queryset


# Sorts of the records and evidence lists; each is backed by an index (workspace/0006).
RISK_SORTS = (
    Sort("updated", _("Recently changed"), ("-updated_at", "-id")),
    Sort("oldest", _("Oldest first"), ("id",)),
)
QMS_SORTS = (
    Sort("aspect", _("Aspect"), ("aspect", "title", "id")),
    Sort("updated", _("Recently changed"), ("-updated_at", "-id")),
)
EVIDENCE_SORTS = (
    Sort("newest", _("Newest first"), ("-uploaded_at", "-id")),
    Sort("title", _("Title (A–Z)"), ("title", "id")),
)


def risk_record_rows(**filters: Any) -> QuerySet[RiskRecord]:
    """The risk register's rows: the shown columns and the system's name, no owner."""
    return (
        risk_record_list(**filters)
        .select_related(None)
        .select_related("system")
        .only(
            "id",
            "system_id",
            "hazard",
            "likelihood",
            "severity",
            "residual_risk",
            "status",
            "next_review_on",
            "updated_at",
            "system__id",
            "system__trade_name",
            "system__system_reference",
        )  # fmt: skip
    )


def qms_record_rows(**filters: Any) -> QuerySet[QMSRecord]:
    """The QMS list's rows: the shown columns, the approver's address, the systems' names."""
    return (
        qms_record_list(**filters)
        .select_related(None)
        .select_related("approved_by")
        .only(
            "id",
            "aspect",
            "title",
            "document_version",
            "status",
            "next_review_on",
            "updated_at",
            "approved_by__id",
            "approved_by__email",
        )  # fmt: skip
    )


def evidence_rows(*, search: str | None = None) -> QuerySet[Evidence]:
    """The evidence list's rows: what the page shows of each file (its hash, not its type or
    path); ``search`` finds a part of the title or file name, or the start of the SHA-256."""
    queryset = evidence_list()
    if search:
        term = search.strip()
        match = Q(title__icontains=term) | Q(original_filename__icontains=term)
        if len(term) >= 6 and all(c in "0123456789abcdefABCDEF" for c in term):
            match |= Q(sha256__startswith=term.lower())
        queryset = queryset.filter(match)
    return (
        queryset.select_related(None)
        .select_related("uploaded_by")
        .only(
            "id",
            "title",
            "original_filename",
            "size",
            "sha256",
            "shared",
            "uploaded_at",
            "uploaded_by__id",
            "uploaded_by__email",
        )  # fmt: skip
    )


def qms_record_list(
    *, aspect: str | None = None, system: AISystem | None = None
) -> QuerySet[QMSRecord]:
    queryset = QMSRecord.objects.select_related("owner", "approved_by").prefetch_related(
        Prefetch("systems", queryset=AISystem.objects.only("id", "uid", "trade_name"))
    )
    if aspect:
        queryset = queryset.filter(aspect=aspect)
    if system is not None:
        queryset = queryset.filter(systems=system)
    return queryset


def evidence_list(
    *,
    system: AISystem | None = None,
    gpai_model: GPAIModel | None = None,
    risk_record: RiskRecord | None = None,
    qms_record: QMSRecord | None = None,
) -> QuerySet[Evidence]:
    queryset = Evidence.objects.select_related("uploaded_by").prefetch_related(
        Prefetch("systems", queryset=AISystem.objects.only("id", "uid", "trade_name")),
        Prefetch("gpai_models", queryset=GPAIModel.objects.only("id", "uid", "name")),
        Prefetch("risk_records", queryset=RiskRecord.objects.only("id", "uid", "hazard")),
        Prefetch("qms_records", queryset=QMSRecord.objects.only("id", "uid", "aspect", "title")),
    )
    for name, value in (
        ("systems", system),
        ("gpai_models", gpai_model),
        ("risk_records", risk_record),
        ("qms_records", qms_record),
    ):
        if value is not None:
            queryset = queryset.filter(**{name: value})
    return queryset


def evidence_get(*, evidence: Any) -> Evidence | None:
    return _by_ref(Evidence.objects.select_related("uploaded_by"), evidence)


def evidence_path(evidence: Evidence) -> Path:
    """Where the evidence's bytes are (MEDIA_ROOT/evidence/<schema>/<sha[:2]>/<sha>)."""
    return Path(settings.MEDIA_ROOT) / evidence.file.name


def cop_signature_list() -> QuerySet[CodeOfPracticeSignature]:
    return CodeOfPracticeSignature.objects.select_related("updated_by").prefetch_related(
        Prefetch("models_covered", queryset=GPAIModel.objects.only("id", "uid", "name")),
        Prefetch("alternative_evidence", queryset=Evidence.objects.only("id", "uid", "title")),
    )


def cop_signature_history(*, chapter: str | None = None) -> QuerySet[CodeOfPracticeSignatureChange]:
    """Every change of the organisation's signatures, newest first."""
    queryset = CodeOfPracticeSignatureChange.objects.select_related("changed_by")
    return queryset.filter(chapter=chapter) if chapter else queryset
