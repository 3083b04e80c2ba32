from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import tenant_context

from portal.demo import seed_demo
from portal.demo_totp import demo_totp_code
from portal.tenancy.models import Organisation
from registry import rules
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
from tests.workspace.helpers import counts

SYSTEM_TIERS = {"prohibited", "high_risk", "limited_risk_transparency", "minimal_risk"}


def test_seed_demo_fills_the_workspaces_and_is_idempotent(db, media_root):
    seed_demo()
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
    with tenant_context(helios):
        assert counts() == helios_counts
    with tenant_context(nimbus):
        assert counts() == nimbus_counts
