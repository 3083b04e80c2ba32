from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from registry.workspace import selectors, services
from tests.queries import count_queries
from tests.workspace.helpers import make_system, pdf, upload


def _queries(read: Callable[[], Any]) -> int:
    with count_queries() as log:
        rows = list(read())
        for row in rows:
            str(row)
            for name in ("latest_classification", "owner", "system", "uploaded_by", "model"):
                getattr(row, name, None)
            if hasattr(row, "systems"):
                list(row.systems.all())
            if hasattr(row, "models_covered"):
                list(row.models_covered.all())
            if hasattr(row, "versions"):
                list(row.versions.all())
    return log.count


def _rows(actor, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
    """Rows of every kind, numbered start..stop-1."""
    for i in range(start, stop):
        system = make_system(actor, f"System {i}")
        services.system_classify(actor=actor, system=system, facts={"role": "provider"})
        services.risk_record_create(
            actor=actor, system=system, hazard="h", likelihood="rare", severity="minor", owner=actor
        )
        services.qms_record_create(
            actor=actor, aspect="a", title=f"Doc {i}", document_version="1", systems=[system]
        )
        upload(actor, pdf(f"evidence {i}"), systems=[system])
        model = services.gpai_model_create(actor=actor, name=f"Model {i}")
        services.gpai_model_version_create(actor=actor, model=model, version="1")


READS: dict[str, Callable[[], Any]] = {
    "systems": selectors.ai_system_list,
    "risk_records": selectors.risk_record_list,
    "qms_records": selectors.qms_record_list,
    "evidence": selectors.evidence_list,
    "gpai_models": selectors.gpai_model_list,
    "gpai_versions": selectors.gpai_model_version_list,
    "cop_history": selectors.cop_signature_history,
    "cop_signatures": selectors.cop_signature_list,
}


def _cop(actor, chapters: list[str]) -> None:  # type: ignore[no-untyped-def]
    for chapter in chapters:
        services.cop_signature_set(
            actor=actor, chapter=chapter, status="declined", status_date=date(2025, 7, 31)
        )


@pytest.mark.parametrize("name", sorted(READS))
def test_list_selectors_run_the_same_queries_at_1_and_20_rows(in_a, alice, name):
    _rows(alice, 0, 1)
    _cop(alice, ["transparency"])
    at_one = _queries(READS[name])
    _rows(alice, 1, 20)
    _cop(alice, ["copyright", "safety_security"])
    assert _queries(READS[name]) == at_one
