from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import tenant_context

from portal.demo import seed_demo
from portal.demo_totp import demo_totp_code
from portal.tenancy.models import Organisation
from registry import rules
from registry.register.models import (
    Filing,
    IncidentReport,
    IncidentReportVersion,
    Mandate,
    PublicRendition,
    RightsRequest,
)
from registry.register.services.public_renditions import public_renditions_ensure
from registry.workspace import selectors
from registry.workspace.models import (
    AISystem,
    CodeOfPracticeSignature,
    CodeOfPracticeSignatureChange,
    CopyrightPolicyVersion,
    Evidence,
    GPAIModelVersion,
    QMSRecord,
    RiskRecord,
    TrainingContentSummary,
)
from tests.register.conftest import no_enqueue  # noqa: F401 - fixture of this test
from tests.workspace.helpers import counts

SYSTEM_TIERS = {"prohibited", "high_risk", "limited_risk_transparency", "minimal_risk"}


# One test seeds the demo (about 4 s on the 2-core machine): the workspaces and the register it
# fills are checked after the same seeding, and its idempotency after the same second run
# (tests/register/test_demo.py did both again; decision 0015).
@pytest.mark.usefixtures("no_enqueue")
def test_seed_demo_fills_the_workspaces_and_the_register_and_is_idempotent(db, media_root):
    seed_demo()
    # The register: a filing in every state and kind.
    states = {
        (f.organisation.slug, f.kind, f.status)
        for f in Filing.objects.select_related("organisation")
    }
    assert ("helios", "annex_viii_a", "registered") in states
    assert ("helios", "annex_viii_a", "changes_requested") in states
    assert ("lindenburg", "annex_viii_c", "submitted") in states
    assert ("nimbus", "gpai_art52_notification", "submitted") in states
    assert ("nimbus", "cop_signatory_declaration", "registered") in states
    assert ("nimbus", "gpai_training_summary", "registered") in states
    assert ("helios", "cop_signatory_declaration", "registered") in states
    # Issue 17 item 7: a rights holder's request waits in Nimbus's inbox, another was answered.
    nimbus_requests = RightsRequest.objects.filter(organisation__slug="nimbus")
    assert sorted(nimbus_requests.values_list("status", flat=True)) == ["answered", "received"]
    # Nimbus (US) files through EuroRep (NL), its authorised representative (Art 54).
    (mandate,) = Mandate.objects.select_related("provider", "representative")
    assert (mandate.provider.slug, mandate.representative.slug, mandate.status) == (
        "nimbus",
        "eurorep",
        "active",
    )
    notification = Filing.objects.get(kind="gpai_art52_notification")
    snapshot = notification.versions.get().snapshot
    assert snapshot["authorised_representative"]["name"] == "EuroRep Compliance B.V."
    assert snapshot["authorised_representative"]["verification"]["verified_by"]
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
    filings_before = Filing.objects.count(), IncidentReportVersion.objects.count()
    # make run's people who need a second factor log in with the printed key (portal/demo_totp.py)
    demo_owner = TOTPDevice.objects.get(user__email="owner@helios.example")
    assert demo_owner.verify_token(demo_totp_code())
    assert not TOTPDevice.objects.filter(user__email="editor@helios.example").exists()
    helios, lindenburg, nimbus = (
        Organisation.objects.get(slug=slug) for slug in ("helios", "lindenburg", "nimbus")
    )
    with tenant_context(helios):
        assert set(AISystem.objects.values_list("risk_tier", flat=True)) == SYSTEM_TIERS
        assert AISystem.objects.filter(registration_section="B").exists()  # Art 6(3)
        assert AISystem.objects.filter(annex_iii_area="", risk_tier="high_risk").exists()
        assert RiskRecord.objects.filter(evidence__isnull=False).exists()
        assert QMSRecord.objects.filter(evidence__isnull=False, status="approved").exists()
        triage = AISystem.objects.get(trade_name="TriageAssist ED")
        assert selectors.system_completeness(triage).is_complete
        helios_counts = counts()
    with tenant_context(lindenburg):
        deployer = AISystem.objects.get()
        assert (deployer.role, deployer.registration_section) == ("deployer", "C")
        assert deployer.fria_summary and deployer.dpia_summary
        assert selectors.system_completeness(deployer).is_complete
        assert Evidence.objects.exists()
    with tenant_context(nimbus):
        tiers = set(GPAIModelVersion.objects.values_list("risk_tier", flat=True))
        assert tiers == {rules.RiskTier.GPAI, rules.RiskTier.GPAI_SYSTEMIC_RISK}
        systemic = GPAIModelVersion.objects.get(systemic_risk=True)
        assert systemic.art52_notification_due is not None
        statuses = dict(CodeOfPracticeSignature.objects.values_list("chapter", "status"))
        assert statuses == {
            "safety_security": "signed",
            "transparency": "declined",
            "copyright": "signed",
        }
        # Declined, withdrawn, declined again, then signed once the copyright policy was adopted.
        assert CodeOfPracticeSignatureChange.objects.filter(chapter="copyright").count() == 4
        assert CopyrightPolicyVersion.objects.count() == 1
        assert TrainingContentSummary.objects.filter(model_version=systemic).exists()
        nimbus_counts = counts()

    assert seed_demo() == []
    assert (Filing.objects.count(), IncidentReportVersion.objects.count()) == filings_before
    # The registered demo version has its public copy (the worker renders it on `make run`).
    copies = PublicRendition.objects.select_related("version__filing__organisation")
    assert {(c.version.filing.organisation.slug, c.version.filing.kind) for c in copies} == {
        ("helios", "annex_viii_a"),
        ("helios", "cop_signatory_declaration"),
        ("nimbus", "cop_signatory_declaration"),
        ("nimbus", "gpai_training_summary"),
    }
    assert {c.state for c in copies} == {"queued"}
    assert public_renditions_ensure() == []
    with tenant_context(helios):
        assert counts() == helios_counts
    with tenant_context(nimbus):
        assert counts() == nimbus_counts
