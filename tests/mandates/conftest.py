"""Fixtures of the mandate tests: acme as a provider established outside the Union, globex (NL)
as its representative, a complete Section A system of acme, and a helper that offers a mandate."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django_tenants.utils import tenant_context

from registry.workspace.demo_files import minimal_pdf


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def no_enqueue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sent: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_pdf", lambda job_id: sent.append(job_id))
    return sent


@pytest.fixture
def non_eu_acme(org_a: Any) -> Any:
    """Acme, moved to a third country for this test (the transaction rolls it back)."""
    org_a.eu_established = False
    org_a.country = "US"
    org_a.save(update_fields=["eu_established", "country"])
    return org_a


@pytest.fixture
def hire_rank(non_eu_acme: Any, alice: Any) -> Any:
    from tests.filing_flow.builders import complete_section_a_system

    with tenant_context(non_eu_acme):
        return complete_section_a_system(alice)


def written_mandate() -> io.BytesIO:
    return io.BytesIO(minimal_pdf("Written mandate", "Art 22(1), Art 54(1)"))


@pytest.fixture
def offer(non_eu_acme: Any, org_b: Any, alice: Any) -> Callable[..., Any]:
    """offer(**overrides) -> a mandate acme offers globex (all subjects, Art 22(3) tasks)."""
    from registry.register.services.mandates import mandate_offer

    # Annex VIII A3: the representative's address and contact details come from its profile.
    org_b.address = "Keizersgracht 1, 1015 CJ Amsterdam"
    org_b.contact_email = "mandates@globex.test"
    org_b.save(update_fields=["address", "contact_email"])

    def make(**overrides: Any) -> Any:
        arguments: dict[str, Any] = {
            "actor": alice,
            "provider": non_eu_acme,
            "representative": org_b,
            "scope": "all",
            "tasks": ["art22_3_a", "art22_3_e"],
            "submitter": "either",
            "starts_on": date(2026, 1, 1),
            "file": written_mandate(),
            "filename": "mandate.pdf",
            **overrides,
        }
        with tenant_context(non_eu_acme):
            return mandate_offer(**arguments)

    return make
