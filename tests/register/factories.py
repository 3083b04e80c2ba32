"""Submissions for register tests, built without the workspace (the register's own contract)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from registry import rules
from registry.filings.samples import sample_snapshot
from registry.register.services.submit import EvidenceFile, Submission

GPAI_FACTS: dict[str, dict[str, Any]] = {
    # Art 51(2): over 10^25 FLOP, so an Art 52(1) notification is owed.
    "gpai_art52_notification": {
        "role": "provider",
        "is_gpai_model": True,
        "training_flops": 3.2e25,
    },
    "gpai_model_documentation": {"role": "provider", "is_gpai_model": True, "training_flops": 1e24},
    "gpai_training_summary": {"role": "provider", "is_gpai_model": True, "training_flops": 1e24},
}

BODY_KEYS = (
    "organisation",
    "subject",
    "registration",
    "classification",
    "risk_summary",
    "qms_summary",
)


def submission(
    organisation,
    *,
    kind: str = "annex_viii_a",
    subject_id: str = "sys-1",
    member_states: tuple[str, ...] = ("DE",),
    restricted: bool = False,
    evidence: tuple[EvidenceFile, ...] = (),
    **body_overrides: Any,
) -> Submission:
    snapshot = sample_snapshot(kind=kind, restricted=restricted, risk_rows=2, evidence_rows=0)
    body = {key: snapshot[key] for key in BODY_KEYS}
    if kind in GPAI_FACTS:
        # A model filing records the model's classification, as the workspace files it: the
        # register registers only what that classification calls for.
        body["classification"] = rules.classify(GPAI_FACTS[kind]).to_dict()
    body.update(body_overrides)
    return Submission(
        organisation=organisation,
        kind=kind,
        subject_type=body["subject"]["type"],
        subject_id=subject_id,
        subject_name=body["subject"]["name"],
        body=body,
        evidence=evidence,
        restricted=restricted,
        member_states=member_states,
        annex_iii_area="4(a)" if kind.startswith("annex_viii") else "",
        risk_tier="high_risk" if kind == "annex_viii_a" else "",
    )


def evidence_file(
    tmp_path: Path, name: str = "conformity.pdf", content: bytes = b"%PDF-1.4 declaration"
) -> EvidenceFile:
    path = tmp_path / name
    path.write_bytes(content)
    return EvidenceFile(
        name=name,
        path=path,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content_type="application/pdf",
    )
