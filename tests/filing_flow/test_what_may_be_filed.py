"""What may be filed follows the law (issue 11, item 5): a filing's kind must be one the subject's
current classification calls for, and the evidence it cites must be the subject's own or shared
by the organisation. Enforced by the draft services, so the web, the API and scripts agree."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django_tenants.utils import tenant_context

from portal.errors import Conflict, ValidationFailed
from registry import rules
from registry.register.models import Filing
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import Classification
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.selectors.drafts import filing_draft_checklist
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import FACTS, complete_section_a_system

EU = {"respondent_established_in_eu": True, "provider_established_in_eu": True}
PROHIBITED = {
    "role": "provider",
    "emotion_recognition": True,
    "emotion_recognition_setting": "workplace",
    **EU,
}
OUT_OF_SCOPE = {"role": "provider", "out_of_scope": "military_defence_national_security", **EU}


def _classify(actor: Any, system: Any, facts: dict[str, Any]) -> None:
    services.system_classify(actor=actor, system=system, facts=facts)
    system.refresh_from_db()


def _refused(excinfo: pytest.ExceptionInfo[Any], code: str, *citations: str) -> None:
    assert excinfo.value.code == code, excinfo.value
    for citation in citations:
        assert citation in excinfo.value.message, excinfo.value.message


def test_prohibited_system_gets_no_draft_of_any_section(alice, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice, trade_name="MoodMeter")
        _classify(alice, system, PROHIBITED)
        for kind in ("annex_viii_a", "annex_viii_b", "annex_viii_c"):
            with pytest.raises(Conflict) as excinfo:
                filing_draft_create(actor=alice, kind=kind, system_id=system.pk)
            _refused(excinfo, "filing_kind_not_allowed", "Art 5")
            assert excinfo.value.field_errors["kind"]
        assert not FilingDraft.objects.exists()


def test_draft_of_a_system_later_found_prohibited_is_never_filed(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice, trade_name="MoodMeter")
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        _classify(alice, system, PROHIBITED)
        draft = FilingDraft.objects.get(pk=draft.pk)
        checklist = filing_draft_checklist(draft)
        assert not checklist.complete
        assert any("Art 5" in item.message for item in checklist.missing)
        with pytest.raises(Conflict) as excinfo:
            filing_draft_submit(actor=alice, draft=draft)
    _refused(excinfo, "filing_kind_not_allowed", "Art 5")
    assert not Filing.objects.filter(organisation=org_a).exists()


def test_out_of_scope_system_is_not_filed(alice, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice, trade_name="Drill planner")
        _classify(alice, system, OUT_OF_SCOPE)
        with pytest.raises(Conflict) as excinfo:
            filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
    _refused(excinfo, "filing_kind_not_allowed", "Art 2")


@pytest.mark.parametrize(
    ("facts", "kind", "citation"),
    [
        # A high-risk provider's system: Section A, not B (no valid derogation) nor C.
        (FACTS, "annex_viii_b", "Art 49(2)"),
        (FACTS, "annex_viii_c", "Art 49(3)"),
        # A private deployer has no registration duty of its own (Art 49(3) is for public bodies).
        (
            {"role": "deployer", "organisation_type": "private_company", "annex_iii_area": "4(a)"},
            "annex_viii_c",
            "Art 49(3)",
        ),
        (
            {"role": "deployer", "organisation_type": "private_company", "annex_iii_area": "4(a)"},
            "annex_viii_a",
            "Art 49(1)",
        ),
        # Critical infrastructure is registered nationally (Art 49(5)), not in Section A.
        ({"role": "provider", "annex_iii_area": "2", **EU}, "annex_viii_a", "Art 49(1)"),
        # A minimal-risk system registers nothing.
        ({"role": "provider", **EU}, "annex_viii_a", "Art 49(1)"),
    ],
)
def test_section_must_be_the_one_the_classification_calls_for(alice, org_a, facts, kind, citation):
    with tenant_context(org_a):
        system = complete_section_a_system(alice, trade_name="Ranker")
        _classify(alice, system, facts)
        with pytest.raises(Conflict) as excinfo:
            filing_draft_create(actor=alice, kind=kind, system_id=system.pk)
    _refused(excinfo, "filing_kind_not_allowed", citation)


def test_art52_notification_only_for_a_model_over_the_threshold(alice, org_a):
    with tenant_context(org_a):
        model = services.gpai_model_create(actor=alice, name="Small LM")
        small = services.gpai_model_version_create(
            actor=alice, model=model, version="1.0", training_compute_flops=1e22
        )
        with pytest.raises(Conflict) as excinfo:
            filing_draft_create(
                actor=alice, kind="gpai_art52_notification", gpai_model_version_id=small.pk
            )
        _refused(excinfo, "filing_kind_not_allowed", "Art 52(1)")
        large = services.gpai_model_version_create(
            actor=alice,
            model=model,
            version="2.0",
            training_compute_flops=3e25,
            threshold_known_on=date(2026, 11, 20),
        )
        draft = filing_draft_create(
            actor=alice, kind="gpai_art52_notification", gpai_model_version_id=large.pk
        )
    assert draft.kind == "gpai_art52_notification"


def test_classification_under_older_rules_is_re_run_before_filing(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        Classification.objects.filter(pk=system.latest_classification_id).update(
            ruleset_version="2026.11.1"
        )
        draft = FilingDraft.objects.get(pk=draft.pk)
        checklist = filing_draft_checklist(draft)
        assert any(item.field == "classification" for item in checklist.missing)
        with pytest.raises(Conflict) as excinfo:
            filing_draft_submit(actor=alice, draft=draft)
        _refused(excinfo, "classification_outdated", rules.RULESET_VERSION)
        assert not Filing.objects.filter(organisation=org_a).exists()
        services.system_reclassify(actor=alice, system=system)
        version = filing_draft_submit(actor=alice, draft=draft)
    assert version.snapshot["classification"]["ruleset_version"] == rules.RULESET_VERSION


def _pdf(actor: Any, name: str, **links: Any) -> Any:
    return services.evidence_upload(
        actor=actor, file=io.BytesIO(minimal_pdf(name)), filename=f"{name}.pdf", **links
    )


def test_another_systems_declaration_of_conformity_is_not_filed(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        other = complete_section_a_system(alice, trade_name="Other")
        theirs = _pdf(alice, "Declaration of Other", systems=[other])
        system = complete_section_a_system(alice, trade_name="Mine")
        services.ai_system_update(actor=alice, system=system, declaration_of_conformity=theirs)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        checklist = filing_draft_checklist(draft)
        assert any(item.field == "declaration_of_conformity" for item in checklist.missing)
        with pytest.raises(ValidationFailed) as excinfo:
            filing_draft_submit(actor=alice, draft=draft)
    assert excinfo.value.code == "evidence_not_of_subject"
    assert "declaration_of_conformity" in excinfo.value.field_errors
    assert not Filing.objects.filter(organisation=org_a).exists()


def test_extra_evidence_must_be_the_subjects_own_or_shared(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        other = complete_section_a_system(alice, trade_name="Other")
        system = complete_section_a_system(alice, trade_name="Mine")
        foreign = _pdf(alice, "Test report of Other", systems=[other])
        manual = _pdf(alice, "QMS manual")  # linked to nothing, not shared yet
        own = _pdf(alice, "Test report of Mine", systems=[system])
        for evidence in (foreign, manual):
            with pytest.raises(ValidationFailed) as excinfo:
                filing_draft_create(
                    actor=alice,
                    kind="annex_viii_a",
                    system_id=system.pk,
                    extra_evidence_ids=[own.pk, evidence.pk],
                )
            assert excinfo.value.code == "evidence_not_of_subject"
            assert excinfo.value.field_errors["extra_evidence"]
        services.evidence_share(actor=alice, evidence=manual, shared=True)
        draft = filing_draft_create(
            actor=alice,
            kind="annex_viii_a",
            system_id=system.pk,
            extra_evidence_ids=[own.pk, manual.pk],
        )
        version = filing_draft_submit(actor=alice, draft=draft)
    names = {e["name"] for e in version.snapshot["evidence"]}
    assert {"QMS manual.pdf", "Test report of Mine.pdf"} <= names


def test_a_file_named_as_the_systems_declaration_becomes_its_evidence(alice, org_a):
    # The API walkthrough uploads the declaration before the system exists: citing a file that
    # belongs to nothing yet makes it this system's evidence.
    with tenant_context(org_a):
        loose = _pdf(alice, "Declaration uploaded first")
        system = complete_section_a_system(alice, trade_name="Later")
        services.ai_system_update(actor=alice, system=system, declaration_of_conformity=loose)
        loose.refresh_from_db()
        assert list(loose.systems.all()) == [system]
