"""Sending serious-incident reports (Art 73, Art 55(1)(c)): versions, hashes, immutability, the
recipient and the clock, and every refusal leaving nothing behind."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction

from portal.errors import Conflict, Forbidden, ValidationFailed
from registry.filings.canonical import canonical_json, sha256_hex
from registry.register.models import (
    IncidentPdfJob,
    IncidentReport,
    IncidentReportVersion,
    IncidentStep,
    SnapshotImmutable,
)
from registry.register.services.incidents import incident_report_submit
from registry.workspace.services.incidents import (
    incident_draft_create,
    incident_draft_submit,
    incident_draft_update,
)

from .conftest import aware, high_risk_system


def _counts() -> tuple[int, int, int, int]:
    return (
        IncidentReport.objects.count(),
        IncidentReportVersion.objects.count(),
        IncidentStep.objects.count(),
        IncidentPdfJob.objects.count(),
    )


def test_initial_report_goes_to_the_msa_of_the_member_state_with_the_clock(
    draft_73, alice, org_a, cast, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_incident_pdf", enqueued.append)
    with django_capture_on_commit_callbacks(execute=True):
        version = incident_draft_submit(actor=alice, draft=draft_73)
    report = version.report
    assert (version.number, version.stage) == (1, "initial")
    assert report.reference.startswith("INC-") and report.status == "submitted"
    assert report.authority.slug == "de-msa" and report.member_state == "DE"
    # Art 73(2): 15 days from awareness for a (not widespread) fundamental-rights infringement.
    assert (report.due_on - report.aware_on).days == 15
    assert report.clock_citation == "Art 73(2)"
    assert report.restricted is False and report.subject_type == "ai_system"
    assert version.sha256 == sha256_hex(version.canonical.encode())
    assert canonical_json(version.snapshot) == version.canonical.encode()
    assert version.snapshot["report"]["stage"] == "initial"
    assert version.snapshot["incident"]["harms"] == ["fundamental_rights"]
    assert [s.kind for s in report.steps.all()] == ["submitted"]
    assert enqueued == [version.pdf_job.pk]
    # The organisation's admins hear of it (alice, the owner), and the authority's reviewer.
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert "alice@acme.test" in recipients and "regulator@msa.test" in recipients
    assert "bob@both.test" not in recipients  # an editor prepares, never sends
    draft_73.refresh_from_db()
    assert (draft_73.register_report_id, draft_73.last_submitted_number) == (report.pk, 1)


def test_follow_up_and_final_are_new_versions_chained_by_hash(draft_73, alice, bob):
    first = incident_draft_submit(actor=alice, draft=draft_73)
    incident_draft_update(
        actor=bob, draft=draft_73, root_cause="Age proxy in a feature", harms=["health"]
    )
    second = incident_draft_submit(actor=alice, draft=draft_73)
    incident_draft_update(actor=bob, draft=draft_73, corrective_actions="Feature removed")
    final = incident_draft_submit(actor=alice, draft=draft_73, stage="final")
    assert [(v.number, v.stage) for v in (first, second, final)] == [
        (1, "initial"),
        (2, "follow_up"),
        (3, "final"),
    ]
    assert second.previous_sha256 == first.sha256 and final.previous_sha256 == second.sha256
    assert len({first.sha256, second.sha256, final.sha256}) == 3
    report = IncidentReport.objects.get(pk=first.report_id)
    # The clock belongs to the initial report: later harms do not move it.
    assert (report.due_on, report.latest_number, report.status) == (
        first.report.due_on,
        3,
        "final_submitted",
    )
    assert final.snapshot["incident"]["corrective_actions"] == "Feature removed"
    with pytest.raises(Conflict) as closed:
        incident_draft_submit(actor=alice, draft=draft_73)
    assert closed.value.code == "incident_not_open"


def test_a_version_is_immutable_in_python_and_in_the_database(draft_73, alice):
    version = incident_draft_submit(actor=alice, draft=draft_73)
    with pytest.raises(SnapshotImmutable):
        version.save()
    with pytest.raises(SnapshotImmutable):
        version.delete()
    with pytest.raises(ProgrammingError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "update register_incidentreportversion set sha256 = 'x' where id = %s", [version.pk]
        )
    with pytest.raises(ProgrammingError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "delete from register_incidentstep where report_id = %s", [version.report_id]
        )


def test_gpai_report_goes_to_the_ai_office_with_the_code_of_practice_clock(draft_55, alice):
    version = incident_draft_submit(actor=alice, draft=draft_55)
    report = version.report
    assert report.authority.kind == "ai_office" and report.member_state == ""
    # CoP Measure 9.3: five days for a serious cybersecurity breach; intermediate every 4 weeks.
    assert (report.due_on - report.aware_on).days == 5
    assert "9.3" in report.clock_citation
    assert (report.next_due_on - version.submitted_at.date()).days == 28
    second = incident_draft_submit(actor=alice, draft=draft_55)
    assert second.stage == "intermediate"


def test_law_enforcement_system_reports_are_restricted(in_acme, alice, bob):
    system = high_risk_system(alice, "Crowdwatch", {**_le_facts(), "annex_iii_area": "6(a)"})
    draft = incident_draft_create(
        actor=bob,
        regime="art73",
        system=system.pk,
        title="Wrong suspect flagged",
        member_state="DE",
        harms=["fundamental_rights"],
        widespread=True,
        aware_on=aware(0),
    )
    version = incident_draft_submit(actor=alice, draft=draft)
    assert version.report.restricted is True and version.snapshot["report"]["restricted"] is True
    assert version.report.clock_citation == "Art 73(3)"  # widespread: two days


def _le_facts() -> dict:
    from .conftest import HIGH_RISK_FACTS

    return dict(HIGH_RISK_FACTS)


def test_deployer_must_record_informing_the_provider_first(in_acme, alice, bob):
    from registry.workspace import services

    system = services.ai_system_create(actor=alice, trade_name="ScoreIt", role="deployer")
    services.system_classify(actor=alice, system=system, facts={**_le_facts(), "role": "deployer"})
    draft = incident_draft_create(
        actor=bob,
        regime="art73",
        system=system.pk,
        title="Loan refused on a wrong score",
        member_state="DE",
        harms=["fundamental_rights"],
        aware_on=aware(1),
    )
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        incident_draft_submit(actor=alice, draft=draft)
    assert "provider_informed_on" in refused.value.field_errors
    assert _counts() == before
    incident_draft_update(
        actor=bob,
        draft=draft,
        provider_informed_on=aware(0).isoformat(),
        provider_informed_note="E-mail to the provider's incident desk",
    )
    version = incident_draft_submit(actor=alice, draft=draft)
    assert version.snapshot["deployer"]["note"] == "E-mail to the provider's incident desk"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"member_state": ""}, "member_state", "validation_failed"),
        ({"member_state": "FR"}, "member_state", "no_authority"),
        ({"aware_on": "2999-01-01"}, "aware_on", "validation_failed"),
    ],
)
def test_refusals_write_nothing(draft_73, alice, bob, change, field, code):
    incident_draft_update(actor=bob, draft=draft_73, **change)
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        incident_draft_submit(actor=alice, draft=draft_73)
    assert (refused.value.code, field in refused.value.field_errors) == (code, True)
    assert _counts() == before
    draft_73.refresh_from_db()
    assert draft_73.register_report_id is None


def test_only_admins_send_and_another_organisation_cannot(draft_73, bob, cast, org_b):
    before = _counts()
    with pytest.raises(Forbidden) as editor:
        incident_draft_submit(actor=bob, draft=draft_73)
    assert editor.value.code == "permission_denied"
    with pytest.raises(Forbidden) as outsider:
        incident_report_submit(actor=cast.owner_b, organisation=cast.org_a, draft=draft_73)
    assert outsider.value.code == "not_a_member"
    assert _counts() == before


def test_art73_needs_a_high_risk_system_and_art55_a_systemic_risk_model(in_acme, alice, bob):
    from registry.workspace import services

    system = services.ai_system_create(actor=alice, trade_name="Chatty", role="provider")
    draft = incident_draft_create(
        actor=bob,
        regime="art73",
        system=system.pk,
        title="Wrong answer",
        member_state="DE",
        harms=["health"],
        aware_on=aware(1),
    )
    with pytest.raises(ValidationFailed) as refused:
        incident_draft_submit(actor=alice, draft=draft)
    assert refused.value.code == "not_high_risk"
    with pytest.raises(ValidationFailed) as harm:
        incident_draft_create(
            actor=bob,
            regime="art73",
            system=system.pk,
            title="x",
            harms=["cybersecurity"],
            aware_on=aware(1),
        )
    assert "harms" in harm.value.field_errors
    with pytest.raises(ValidationFailed):
        incident_draft_create(actor=bob, regime="art55", gpai_model=None, title="x")


def test_references_are_unique(draft_73, draft_55, alice):
    first = incident_draft_submit(actor=alice, draft=draft_73)
    second = incident_draft_submit(actor=alice, draft=draft_55)
    assert first.report.reference != second.report.reference
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentReport.objects.filter(pk=second.report_id).update(reference=first.report.reference)


def test_art_74_8_systems_report_to_the_authority_designated_under_it(in_acme, alice, bob):
    # Art 74(8): a member state designates (its data-protection authority, say) as the
    # market-surveillance authority for Annex III point 6-8 systems; other systems keep theirs.
    from portal.accounts.models import Authority

    designated = Authority.objects.create(
        name="DE data protection (test)",
        slug="de-dpa-test",
        kind="national_msa",
        member_states=["DE"],
        designated_art_74_8=True,
    )

    def report_on(area: str, name: str) -> Authority:
        system = high_risk_system(alice, name, {**_le_facts(), "annex_iii_area": area})
        draft = incident_draft_create(
            actor=bob,
            regime="art73",
            system=system.pk,
            title=f"Incident of {name}",
            member_state="DE",
            harms=["fundamental_rights"],
            aware_on=aware(0),
        )
        return incident_draft_submit(actor=alice, draft=draft).report.authority

    assert report_on("6(a)", "Crowdwatch") == designated
    assert report_on("4(a)", "HireRank 2") != designated
