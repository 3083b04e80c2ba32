"""The provider's incident pages: record from the system's page, the form's explained harms and its
errors, the clock on the list, the dashboard and the system page, sending and the follow-up."""

from __future__ import annotations

from registry.register.models import IncidentReport
from registry.workspace.models import IncidentDraft

from .conftest import aware

HOST = "acme.localhost"


def _form(**extra):  # type: ignore[no-untyped-def]
    return {
        "title": "Applicants over 50 ranked last",
        "aware_on": aware(1).isoformat(),
        "harms": ["fundamental_rights"],
        "member_state": "DE",
        **extra,
    }


def test_provider_records_sends_and_follows_up(host_client, hr_system, alice, bob):
    editor = host_client(HOST, user=bob)
    page = editor.get(f"/systems/{hr_system.pk}/")
    assert f"/incidents/new/?system={hr_system.pk}" in page.content.decode()
    form = editor.get(f"/incidents/new/?system={hr_system.pk}").content.decode()
    # Each harm of Art 3(49) is explained with its clock; Art 73 knows no cybersecurity harm.
    assert "Art 73(4)" in form and "Art 3(49)(b)" in form and "cybersecurity" not in form

    refused = editor.post(f"/incidents/new/?system={hr_system.pk}", _form(harms=[]))
    assert refused.status_code == 422 and b"errorlist-box" in refused.content
    assert not IncidentDraft.objects.exists()

    created = editor.post(f"/incidents/new/?system={hr_system.pk}", _form())
    assert created.status_code == 302
    draft = IncidentDraft.objects.get()
    listing = editor.get("/incidents/").content.decode()
    assert "Applicants over 50 ranked last" in listing and "Art 73(2)" in listing
    assert "Serious incidents: reporting clocks" in editor.get("/").content.decode()

    # An editor prepares; only an administrator sends (Art 73: it speaks for the organisation).
    assert editor.post(f"/incidents/{draft.pk}/send/").status_code == 403
    admin = host_client(HOST, user=alice)
    assert admin.post(f"/incidents/{draft.pk}/send/").status_code == 302
    report = IncidentReport.objects.get()
    detail = admin.get(f"/incidents/{draft.pk}/").content.decode()
    assert report.reference in detail and "German MSA (test)" in detail
    assert "Send follow-up / final report" in detail

    saved = editor.post(f"/incidents/{draft.pk}/edit/", _form(corrective_actions="Age removed"))
    assert saved.status_code == 302
    assert admin.post(f"/incidents/{draft.pk}/send/", {"stage": "final"}).status_code == 302
    report.refresh_from_db()
    assert (report.latest_number, report.status) == (2, "final_submitted")
    bad_date = editor.post(f"/incidents/{draft.pk}/edit/", _form(aware_on="yesterday"))
    assert bad_date.status_code == 422


def test_another_organisations_member_sees_nothing(host_client, draft_73, cast):
    outsider = host_client(HOST, user=cast.owner_b)
    assert outsider.get("/incidents/").status_code in (302, 403)
    assert outsider.get(f"/incidents/{draft_73.pk}/").status_code in (302, 403)


def test_a_systemic_risk_model_reports_to_the_ai_office_with_the_cybersecurity_harm(
    host_client, sr_model, bob
):
    editor = host_client(HOST, user=bob)
    assert f"/incidents/new/?model={sr_model.pk}" in editor.get(f"/models/{sr_model.pk}/").text
    form = editor.get(f"/incidents/new/?model={sr_model.pk}").text
    assert "cybersecurity" in form and "CoP Measure 9.3" in form and "Art 55(1)(c)" in form
    assert editor.get("/incidents/new/?model=999999").status_code == 404
