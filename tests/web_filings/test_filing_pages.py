"""The filing pages: drafts, checklist, submit, PDF progress and download, comments, diff,
withdraw."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from registry.register.models import Filing, FilingVersion, PdfJob
from registry.register.services import review
from registry.register.services.pdf_jobs import pdf_job_run
from registry.workspace import services
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import complete_section_a_system
from tests.queries import count_queries


def _draft(org, actor, *, complete: bool = True, trade_name: str = "HireRank"):
    with tenant_context(org):
        if complete:
            system = complete_section_a_system(actor, trade_name=trade_name)
        else:
            system = services.ai_system_create(actor=actor, trade_name=trade_name, role="provider")
        return filing_draft_create(actor=actor, kind="annex_viii_a", system_id=system.pk)


def _filed(org, actor, **kwargs):
    draft = _draft(org, actor, **kwargs)
    with tenant_context(org):
        version = filing_draft_submit(actor=actor, draft=draft, confirmed=True)
    return draft, version


# --- list -------------------------------------------------------------------------------------


def test_list_shows_drafts_with_their_register_status(acme, org_a, alice):
    draft, version = _filed(org_a, alice)
    response = acme.get("/filings/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "HireRank" in body and version.filing.registration_number in body
    assert f"/filings/{draft.pk}/" in body
    assert "tag tag-filing-submitted" in body  # the one status tag (partials/status_tag.html)


def test_list_runs_the_same_queries_for_one_and_for_many_filings(acme, org_a, alice):
    _filed(org_a, alice, trade_name="One")
    acme.get("/filings/")
    with count_queries() as one:
        assert acme.get("/filings/").status_code == 200
    for name in ("Two", "Three", "Four"):
        _filed(org_a, alice, trade_name=name)
    with count_queries() as many:
        assert acme.get("/filings/").status_code == 200
    assert many.count == one.count, many.statements


# --- new draft --------------------------------------------------------------------------------


def test_new_draft_form_creates_the_draft_and_opens_it(acme, org_a, alice):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
    response = acme.post("/filings/new/", {"kind": "annex_viii_a", "system_id": system.pk})
    assert response.status_code == 302
    with tenant_context(org_a):
        draft = FilingDraft.objects.get()
    assert response["Location"] == f"/filings/{draft.pk}/"


def test_new_draft_without_subject_shows_the_error_next_to_the_field(acme, org_a):
    response = acme.post("/filings/new/", {"kind": "annex_viii_a", "notes": "keep me"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_system_id_error"' in body
    assert "keep me" in body  # nothing lost
    with tenant_context(org_a):
        assert not FilingDraft.objects.exists()


def test_second_draft_for_the_same_subject_is_refused_next_to_the_kind(acme, org_a, alice):
    draft = _draft(org_a, alice)
    response = acme.post("/filings/new/", {"kind": "annex_viii_a", "system_id": draft.system_id})
    assert response.status_code == 422
    assert 'id="id_kind_error"' in response.content.decode()


def test_section_c_selects_the_providers_registered_entry_from_the_register(
    acme, org_a, org_b, alice, owner_b, lead_de
):
    # The provider (globex) is registered; acme, as deployer, finds it by trade name.
    _, version = _filed(org_b, owner_b, trade_name="TalentSort")
    review.filing_register(actor=lead_de, filing=version.filing)
    unregistered_draft, _v = _filed(org_a, alice, trade_name="NotYetRegistered")
    response = acme.get("/filings/provider-entries/", {"provider_q": "talent"})
    body = response.content.decode()
    assert version.filing.registration_number in body and "Globex Analytics BV" in body
    # Without JavaScript the search is a GET of the form page itself.
    page = acme.get("/filings/new/", {"kind": "annex_viii_c", "provider_q": "talent"})
    assert f'value="{version.filing_id}"' in page.content.decode()
    response = acme.get("/filings/provider-entries/", {"provider_q": "NotYetRegistered"})
    assert "No registered provider entry matches" in response.content.decode()

    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Our use", role="deployer")
    response = acme.post(
        "/filings/new/",
        {"kind": "annex_viii_c", "system_id": system.pk, "provider_filing_id": version.filing_id},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(org_a):
        draft = FilingDraft.objects.get(kind="annex_viii_c")
    assert draft.provider_filing_id == version.filing_id


def test_section_c_without_a_selected_entry_is_refused(acme, org_a, alice):
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Our use", role="deployer")
    response = acme.post("/filings/new/", {"kind": "annex_viii_c", "system_id": system.pk})
    assert response.status_code == 422
    assert 'id="id_provider_filing_id_error"' in response.content.decode()
    response = acme.post(
        "/filings/new/",
        {"kind": "annex_viii_c", "system_id": system.pk, "provider_filing_id": "not-a-uuid"},
    )
    assert response.status_code == 422


@pytest.fixture
def editor_client(host_client, bob):  # type: ignore[no-untyped-def]
    return host_client("acme.localhost", user=bob)


def test_viewer_cannot_create_a_draft(host_client, viewer_a, org_a, alice):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
    client = host_client("acme.localhost", user=viewer_a)
    response = client.post("/filings/new/", {"kind": "annex_viii_a", "system_id": system.pk})
    assert response.status_code == 403
    with tenant_context(org_a):
        assert not FilingDraft.objects.exists()


# --- draft page: checklist and submit ---------------------------------------------------------


def test_checklist_lists_missing_items_with_code_and_a_link_to_the_field(acme, org_a, alice):
    draft = _draft(org_a, alice, complete=False)
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert "<strong>A5</strong>" in body and "<strong>A10</strong>" in body
    assert "#id_intended_purpose" in body
    assert "Submit to the register" in body


def test_submit_of_an_incomplete_draft_is_refused_with_the_missing_items(acme, org_a, alice):
    draft = _draft(org_a, alice, complete=False)
    response = acme.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "The filing was not submitted" in body and "<strong>A5</strong>" in body
    assert not Filing.objects.exists()


def test_complete_draft_is_submitted_and_shows_the_pdf_job_polling(acme, org_a, alice):
    draft = _draft(org_a, alice)
    page = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert "Complete: every required item is given." in page
    response = acme.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"})
    assert response.status_code == 302
    version = FilingVersion.objects.get()
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert version.filing.registration_number in body
    assert "PDF queued" in body
    assert f'hx-get="/filings/{draft.pk}/versions/1/pdf/status/"' in body
    assert 'hx-trigger="every 2s"' in body


def test_editor_cannot_submit(editor_client, org_a, alice):
    draft = _draft(org_a, alice)
    response = editor_client.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"})
    assert response.status_code == 403
    assert not Filing.objects.exists()
    assert (
        "Submit to the register" not in editor_client.get(f"/filings/{draft.pk}/").content.decode()
    )


def test_pdf_status_stops_polling_when_ready_and_the_pdf_downloads(acme, org_a, alice):
    draft, version = _filed(org_a, alice)
    assert acme.get(f"/filings/{draft.pk}/versions/1/pdf/").status_code == 404  # not ready yet
    pdf_job_run(job_id=version.pdf_job.pk)
    fragment = acme.get(f"/filings/{draft.pk}/versions/1/pdf/status/").content.decode()
    assert "PDF ready" in fragment and "hx-trigger" not in fragment
    response = acme.get(f"/filings/{draft.pk}/versions/1/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")


def test_failed_pdf_job_shows_its_reason(acme, org_a, alice):
    draft, version = _filed(org_a, alice)
    PdfJob.objects.filter(pk=version.pdf_job.pk).update(state="failed", error="Font missing")
    fragment = acme.get(f"/filings/{draft.pk}/versions/1/pdf/status/").content.decode()
    assert "PDF failed" in fragment and "Font missing" in fragment and "hx-trigger" not in fragment


# --- comments next to fields, new version, diff, withdraw --------------------------------------


def test_review_comments_appear_next_to_the_fields_they_concern(acme, org_a, alice, regulator):
    draft, version = _filed(org_a, alice)
    review.filing_start_review(actor=regulator, filing=version.filing)
    review.filing_request_changes(
        actor=regulator,
        filing=version.filing,
        comments=[
            {"field": "A5", "body": "Describe the components in more detail."},
            {"field": "intended_purpose", "body": "Name the users of the ranking."},
            {"field": "general", "body": "Please also update the evidence."},
        ],
    )
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    item = body.split('id="item-A5"')[1].split("</article>")[0]
    assert "Describe the components in more detail." in item
    field = item.split('id="field-intended_purpose"')[1].split("</dd>")[0]
    assert "Name the users of the ranking." in field
    general = body.split('id="comments-heading"')[1].split("</section>")[0]
    assert "Please also update the evidence." in general
    assert "Submit a new version" in body


def test_diff_between_versions_highlights_the_changed_field(acme, org_a, alice, regulator):
    draft, version = _filed(org_a, alice)
    review.filing_start_review(actor=regulator, filing=version.filing)
    review.filing_request_changes(
        actor=regulator, filing=version.filing, comments=[{"field": "A5", "body": "More."}]
    )
    with tenant_context(org_a):
        services.ai_system_update(
            actor=alice, system=draft.system, intended_purpose="Ranks applications; humans decide."
        )
    assert acme.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"}).status_code == 302
    response = acme.get(f"/filings/{draft.pk}/diff/", {"a": 1, "b": 2})
    body = response.content.decode()
    assert response.status_code == 200
    row = body.split('<tr class="diff-changed">')[1].split("</tr>")[0]
    assert "Intended purpose" in row and "<ins>Ranks applications; humans decide.</ins>" in row
    assert "<del>Ranks job applications for recruiters.</del>" in row


# --- labels, not keys: every field name and coded value a person reads is translated ----------


@pytest.mark.parametrize(
    ("lang", "trade_name", "purpose", "on_market"),
    [
        ("en", "Trade name", "Intended purpose", "On the market"),
        ("de", "Handelsname", "Zweckbestimmung", "Auf dem Markt"),
    ],
)
def test_detail_page_shows_field_labels_and_coded_values_translated(
    lang, trade_name, purpose, on_market, acme, org_a, alice
):
    draft, _ = _filed(org_a, alice)
    acme.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    # The anchors the comments link to keep the key; the text a person reads is the label.
    assert f'<dt id="field-trade_name">{trade_name}</dt>' in body
    assert f'<dt id="field-intended_purpose">{purpose}</dt>' in body
    for key in ("provider_name", "trade_name", "intended_purpose", "status"):
        assert f">{key}<" not in body
    status = body.split('<dt id="field-status">')[1].split("</dd>")[0]
    assert on_market in status and "on_market" not in status


@pytest.mark.parametrize(
    ("lang", "purpose", "on_market"),
    [("en", "Intended purpose", "On the market"), ("de", "Zweckbestimmung", "Auf dem Markt")],
)
def test_diff_shows_field_labels_and_coded_values_translated(
    lang, purpose, on_market, acme, org_a, alice, regulator
):
    draft, version = _filed(org_a, alice)
    review.filing_start_review(actor=regulator, filing=version.filing)
    review.filing_request_changes(
        actor=regulator, filing=version.filing, comments=[{"field": "A5", "body": "More."}]
    )
    with tenant_context(org_a):
        services.ai_system_update(actor=alice, system=draft.system, intended_purpose="Changed.")
    assert acme.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"}).status_code == 302
    acme.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = acme.get(f"/filings/{draft.pk}/diff/", {"a": 1, "b": 2}).content.decode()
    row = body.split('<tr class="diff-changed">')[1].split("</tr>")[0]
    assert f'<th scope="row">{purpose}</th>' in row
    for key in ("provider_name", "intended_purpose", "status"):
        assert f">{key}<" not in body
    assert "on_market" not in body and on_market in body


def test_diff_of_a_version_with_itself_is_refused(acme, org_a, alice):
    draft, _ = _filed(org_a, alice)
    response = acme.get(f"/filings/{draft.pk}/diff/", {"a": 1, "b": 1})
    assert response.status_code == 422


def test_admin_withdraws_and_editor_cannot(acme, editor_client, org_a, alice):
    draft, version = _filed(org_a, alice)
    assert editor_client.post(f"/filings/{draft.pk}/withdraw/").status_code == 403
    response = acme.post(f"/filings/{draft.pk}/withdraw/", {"reason": "Wrong system"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "withdrawn"


# --- isolation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/filings/", "/filings/new/", "/filings/{pk}/", "/filings/{pk}/versions/1/pdf/",
     "/filings/{pk}/versions/1/pdf/status/", "/filings/{pk}/diff/"],
)  # fmt: skip
def test_outsiders_get_nothing(path, host_client, org_a, alice, carol, cast):
    draft, version = _filed(org_a, alice)
    pdf_job_run(job_id=version.pdf_job.pk)
    url = path.format(pk=draft.pk)
    assert host_client("acme.localhost", user=carol).get(url).status_code == 403
    assert host_client("acme.localhost", user=cast.owner_b).get(url).status_code == 403
    anonymous = host_client("acme.localhost").get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_another_organisations_draft_does_not_exist_here(host_client, org_a, org_b, owner_b, cast):
    draft, _ = _filed(org_b, owner_b)
    client = host_client("acme.localhost", user=cast.owner_a)
    with tenant_context(org_a):
        assert not FilingDraft.objects.filter(pk=draft.pk).exists()
    assert client.get(f"/filings/{draft.pk}/").status_code == 404
    assert client.get(f"/filings/{draft.pk}/versions/1/pdf/").status_code == 404


def test_submitting_without_the_declaration_files_nothing(acme, org_a, alice):
    draft = _draft(org_a, alice)
    page = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert 'name="confirm"' in page and "I am authorised to file this registration for" in page
    response = acme.post(f"/filings/{draft.pk}/submit/")
    assert response.status_code == 422
    assert "Confirm that you are authorised" in response.content.decode()
    assert not Filing.objects.exists()


def test_new_filing_shows_only_the_fields_of_the_chosen_kind(acme, org_a, alice):  # type: ignore[no-untyped-def]
    def shown(html: str, marker: str) -> bool:
        tag = html.split(marker)[1].split(">")[0]
        return " hidden" not in tag

    page = acme.get("/filings/new/").content.decode()
    assert shown(page, 'data-kinds="annex_viii_a annex_viii_b annex_viii_c"')
    assert not shown(
        page, 'data-kinds="gpai_art52_notification gpai_model_documentation gpai_training_summary"'
    )
    assert 'id="show-kind-fields"' in page  # without JavaScript: reload for the kind
    model = acme.get("/filings/new/", {"kind": "gpai_art52_notification"}).content.decode()
    assert 'name="kind" id="id_kind_value" value="gpai_art52_notification"' in model
    assert not shown(model, 'data-kinds="annex_viii_a annex_viii_b annex_viii_c"')
    assert shown(
        model, 'data-kinds="gpai_art52_notification gpai_model_documentation gpai_training_summary"'
    )
