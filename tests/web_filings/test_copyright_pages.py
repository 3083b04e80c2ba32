"""GPAI copyright and transparency pages (Art 53(1)(c)-(d)): the copyright policy with its
versions, the form that adopts a version, the training-content summary; who may open them, and
the Code of Practice's link to the policy and alternative means on the public signatory
register."""

from __future__ import annotations

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from registry.register.services.review import filing_register
from registry.workspace import services
from registry.workspace.models import CopyrightPolicyVersion, TrainingContentSummary
from registry.workspace.services.cop import cop_signature_set
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.queries import count_queries
from tests.workspace.test_copyright_policy import adopt, measures

POLICY_FORM = {
    "crawler_user_agents": "AcmeBot/1.0",
    "point_of_contact": "copyright@acme.test",
    "complaint_mechanism": "https://acme.test/complaints",
    "complaint_response_days": "21",
    **{
        f"{measure}_{part}": value
        for measure, line in measures().items()
        for part, value in (("status", line["status"]), ("text", line["text"]))
    },
}


def _version(org, actor):  # type: ignore[no-untyped-def]
    with tenant_context(org):
        model = services.gpai_model_create(actor=actor, name="Atlas")
        return model, services.gpai_model_version_create(
            actor=actor, model=model, version="1.0", training_compute_flops=2e24
        )


def test_admin_adopts_versions_and_the_page_shows_the_current_one_and_the_history(acme, org_a):
    assert acme.post("/copyright-policy/new/", POLICY_FORM).status_code == 302
    second = {**POLICY_FORM, "crawler_user_agents": "AcmeBot/2.0"}
    assert acme.post("/copyright-policy/new/", second).status_code == 302
    body = acme.get("/copyright-policy/").content.decode()
    assert "In force: version 2" in body and "AcmeBot/2.0" in body
    assert 'href="/copyright-policy/v/1/"' in body
    first = acme.get("/copyright-policy/v/1/").content.decode()
    assert "AcmeBot/1.0" in first and "AcmeBot/2.0" not in first
    with tenant_context(org_a):
        assert CopyrightPolicyVersion.objects.get(number=2).complaint_response_days == 21


def test_a_refused_policy_shows_the_error_next_to_the_field_and_saves_nothing(acme, org_a):
    response = acme.post("/copyright-policy/new/", {**POLICY_FORM, "lawful_access_text": ""})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_lawful_access_text_error"' in body and 'class="errorlist-box"' in body
    with tenant_context(org_a):
        assert not CopyrightPolicyVersion.objects.exists()


def test_a_summary_is_written_on_its_page_and_a_bad_one_is_refused(acme, org_a, alice):
    model, version = _version(org_a, alice)
    url = f"/models/{model.pk}/versions/{version.pk}/training-summary/"
    form = {
        "modalities": ["text"],
        "size_text": "2T tokens",
        "licensed_data_used": "on",
        "licensed_data_description": "News archives.",
        "opt_out_measures": "robots.txt honoured.",
        "illegal_content_measures": "Filtered.",
    }
    bad = acme.post(url, {**form, "top_domains": "example.org"})  # crawling not ticked
    assert bad.status_code == 422 and 'id="id_top_domains_error"' in bad.content.decode()
    with tenant_context(org_a):
        assert not TrainingContentSummary.objects.exists()
    assert acme.post(url, form).status_code == 302
    body = acme.get(url).content.decode()
    assert "News archives." in body and "Prepare the filing" in body


@pytest.mark.parametrize(
    "path",
    ["/copyright-policy/", "/copyright-policy/new/", "/copyright-policy/v/1/", "{summary}"],
)
def test_only_members_open_the_pages_and_only_admins_adopt(  # type: ignore[no-untyped-def]
    path, host_client, org_a, alice, cast, viewer_a
):
    model, version = _version(org_a, alice)
    with tenant_context(org_a):
        adopt(alice)
    path = path.format(summary=f"/models/{model.pk}/versions/{version.pk}/training-summary/")
    host = "acme.localhost"
    member = host_client(host, user=alice).get(path)
    assert member.status_code == 200
    # Another organisation's member (the owner of globex), a person in no organisation, the
    # public.
    assert host_client(host, user=cast.owner_b).get(path).status_code == 403
    assert host_client(host, user=cast.carol).get(path).status_code == 403
    anonymous = host_client(host).get(path)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    viewer = host_client(host, user=viewer_a)
    expected = 403 if path.endswith("/new/") else 200
    assert viewer.get(path).status_code == expected
    assert viewer.post(path, POLICY_FORM).status_code in (403, 405)


def test_the_versions_page_runs_the_same_queries_for_one_and_many_versions(acme, org_a, alice):
    with tenant_context(org_a):
        adopt(alice)
    acme.get("/copyright-policy/")
    with count_queries() as one:
        acme.get("/copyright-policy/")
    with tenant_context(org_a):
        for _ in range(3):
            adopt(alice)
    with count_queries() as many:
        acme.get("/copyright-policy/")
    assert many.count == one.count, many.statements


def _declare(cast, chapters):  # type: ignore[no-untyped-def]
    with tenant_context(cast.org_a):
        for chapter, fields in chapters.items():
            cop_signature_set(actor=cast.alice, chapter=chapter, **fields)
        draft = filing_draft_create(actor=cast.alice, kind="cop_signatory_declaration")
        version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    filing_register(actor=cast.ai_office_lead, filing=version.filing)
    return version


def test_signatory_register_shows_the_policy_of_a_signatory_and_the_alternative_means(  # type: ignore[no-untyped-def]
    cast, host_client
):
    with tenant_context(cast.org_a):
        adopt(cast.alice)
    signed = {
        "status": "signed",
        "status_date": date(2025, 8, 1),
        "signatory_name": "Olga Owner",
        "signatory_authority": "CEO",
    }
    declined = {
        "status": "declined",
        "status_date": date(2025, 8, 2),
        "alternative_means": "Model cards published; Annex XI kept for the AI Office.",
    }
    version = _declare(cast, {"copyright": signed, "transparency": declined})
    chapters = {i["code"]: i["fields"] for i in version.snapshot["registration"]["items"]}
    assert chapters["CoP-copyright"]["copyright_policy"]["version"] == 1
    body = host_client("localhost").get("/signatories/").content.decode()
    assert "AcmeBot/1.0" in body and "copyright@acme.test" in body
    assert "Model cards published; Annex XI kept for the AI Office." in body
    assert "Olga Owner" not in body  # the signatory is a person (decision 0008)
    rows = host_client("localhost").get("/open-data/signatories.json")
    assert rows.status_code == 200


def test_alternative_means_on_a_signed_chapter_are_refused(in_a, alice):  # type: ignore[no-untyped-def]
    from portal.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        cop_signature_set(
            actor=alice,
            chapter="copyright",
            status="signed",
            status_date=date(2025, 8, 1),
            signatory_name="Olga Owner",
            signatory_authority="CEO",
            alternative_means="We rely on the Code and something else.",
        )
    assert "alternative_means" in refused.value.field_errors


def test_a_new_policy_version_marks_the_signed_copyright_chapter_changed(cast):  # type: ignore[no-untyped-def]
    """The declaration publishes the policy's version (Measures 1.1, 1.3, 1.5): adopting a new
    one makes the Copyright chapter "changed, not yet filed" until a declaration files it."""
    from registry.workspace.selectors.drafts import cop_declaration_state

    with tenant_context(cast.org_a):
        adopt(cast.alice)
    signed = {
        "status": "signed",
        "status_date": date(2025, 8, 1),
        "signatory_name": "Olga Owner",
        "signatory_authority": "CEO",
    }
    declined = {"status": "declined", "status_date": date(2025, 8, 2), "alternative_means": "x"}
    _declare(cast, {"copyright": signed, "transparency": declined})
    with tenant_context(cast.org_a):
        assert cop_declaration_state().changed_chapters == ()
        adopt(cast.alice)  # version 2
        assert cop_declaration_state().changed_chapters == ("copyright",)
