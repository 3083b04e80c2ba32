"""Where an evidence file is cited: by the workspace's systems, models and records (its links
and the Annex VIII fields that point at it), by filing drafts, and by the versions this
organisation filed (the register's copy of the file, matched by its SHA-256)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from registry.register.models import FilingEvidence
from registry.workspace.models import AISystem, Evidence, FilingDraft
from registry.workspace.permissions import current_organisation

# The Annex VIII fields of a system that name one file (A9, A11, A12).
SYSTEM_FILE_FIELDS = ("certificate_scan", "declaration_of_conformity", "instructions_for_use")


@dataclass
class Citations:
    systems: list[dict[str, Any]] = field(default_factory=list)  # {"system", "fields"}
    gpai_models: list[Any] = field(default_factory=list)
    risk_records: list[Any] = field(default_factory=list)
    qms_records: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    filed: list[Any] = field(default_factory=list)  # FilingEvidence rows, with version__filing

    @property
    def in_workspace(self) -> bool:
        return any(
            (self.systems, self.gpai_models, self.risk_records, self.qms_records, self.drafts)
        )

    @property
    def cited(self) -> bool:
        return self.in_workspace or bool(self.filed)


def evidence_citations(evidence: Evidence) -> Citations:
    """Everything that cites ``evidence``, each list one query (seven in all)."""
    by_field = Q()
    for name in SYSTEM_FILE_FIELDS:
        by_field |= Q(**{name: evidence})
    systems: dict[int, dict[str, Any]] = {}
    linked = AISystem.objects.filter(Q(evidence=evidence) | by_field).distinct()
    for system in linked.only("id", "trade_name", "system_reference", *SYSTEM_FILE_FIELDS):
        fields = [n for n in SYSTEM_FILE_FIELDS if getattr(system, f"{n}_id") == evidence.pk]
        systems[system.pk] = {"system": system, "fields": fields}
    # The register's rows of this organisation's filings only: another organisation may have
    # filed the same bytes, which tells this one nothing it may read.
    filed = (
        FilingEvidence.objects.filter(
            blob_id=evidence.sha256, version__filing__organisation=current_organisation()
        )
        .select_related("version__filing")
        .order_by("version__filing_id", "version__number")
    )
    return Citations(
        systems=sorted(systems.values(), key=lambda s: (s["system"].trade_name, s["system"].pk)),
        gpai_models=list(evidence.gpai_models.only("id", "name").order_by("name")),
        risk_records=list(
            evidence.risk_records.select_related("system").only(
                "id", "hazard", "system__id", "system__trade_name"
            )
        ),
        qms_records=list(evidence.qms_records.only("id", "title", "aspect").order_by("title")),
        drafts=list(
            FilingDraft.objects.filter(extra_evidence=evidence)
            .select_related("system", "gpai_model_version__model")
            .order_by("id")
        ),
        filed=list(filed),
    )
