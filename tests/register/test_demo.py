from __future__ import annotations

from portal.demo import seed_demo
from registry.register.models import (
    Filing,
    IncidentReport,
    IncidentReportVersion,
    PublicRendition,
)
from registry.register.services.public_renditions import public_renditions_ensure


def test_demo_register_has_a_filing_in_every_state_and_kind(db, no_enqueue):
    seed_demo()
    states = {
        (f.organisation.slug, f.kind, f.status)
        for f in Filing.objects.select_related("organisation")
    }
    assert ("helios", "annex_viii_a", "registered") in states
    assert ("helios", "annex_viii_a", "changes_requested") in states
    assert ("lindenburg", "annex_viii_c", "submitted") in states
    assert ("nimbus", "gpai_art52_notification", "submitted") in states
    assert ("nimbus", "cop_signatory_declaration", "submitted") in states
    # Issue 16: Helios has an open report with information due soon and a closed one with its
    # final report (and a draft two days from its deadline); Nimbus reported to the AI Office.
    reports = {
        (r.organisation.slug, r.authority.kind, r.status, r.latest_stage)
        for r in IncidentReport.objects.select_related("organisation", "authority")
    }
    assert reports == {
        ("helios", "national_msa", "information_requested", "initial"),
        ("helios", "national_msa", "closed", "final"),
        ("nimbus", "ai_office", "submitted", "initial"),
    }
    before = Filing.objects.count(), IncidentReportVersion.objects.count()
    seed_demo()
    assert (Filing.objects.count(), IncidentReportVersion.objects.count()) == before
    # The registered demo version has its public copy (the worker renders it on `make run`).
    (copy,) = PublicRendition.objects.select_related("version__filing__organisation")
    assert copy.version.filing.organisation.slug == "helios" and copy.state == "queued"
    assert public_renditions_ensure() == []
