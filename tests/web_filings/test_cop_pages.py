"""Code of Practice pages: a card per chapter, the change form (admins) and the history."""

from __future__ import annotations

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from registry.workspace.models import CodeOfPracticeSignature, CodeOfPracticeSignatureChange
from registry.workspace.services.cop import cop_signature_set


def test_one_card_per_chapter_with_its_status(acme, org_a, alice):
    with tenant_context(org_a):
        cop_signature_set(
            actor=alice,
            chapter="safety_security",
            status="signed",
            status_date=date(2025, 8, 1),
            signatory_name="Olga Owner",
            signatory_authority="CEO",
        )
    body = acme.get("/code-of-practice/").content.decode()
    assert body.count('class="cop-card"') == 3
    card = body.split('id="cop-safety_security"')[1].split("</article>")[0]
    assert "Signed" in card and "Olga Owner" in card and "All models" in card
    transparency = body.split('id="cop-transparency"')[1].split("</article>")[0]
    assert "Not signed" in transparency


def test_admin_signs_a_chapter_and_the_history_shows_before_and_after(acme, org_a):
    url = "/code-of-practice/copyright/"
    response = acme.post(
        url,
        {
            "status": "signed",
            "status_date": "2025-08-01",
            "signatory_name": "Olga Owner",
            "signatory_authority": "Managing director",
        },
    )
    assert response.status_code == 302
    acme.post(url, {"status": "withdrawn", "status_date": "2025-09-01"})
    body = acme.get(url).content.decode()
    history = body.split("</h2>")[-1]
    assert history.count("<li>") == 2
    assert "<del>Signed</del>" in history and "<ins>Withdrawn</ins>" in history


def test_signing_without_a_signatory_is_refused_next_to_the_field(acme, org_a):
    response = acme.post(
        "/code-of-practice/transparency/", {"status": "signed", "status_date": "2025-08-01"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_signatory_name_error"' in body and 'value="2025-08-01"' in body
    with tenant_context(org_a):
        assert not CodeOfPracticeSignature.objects.exists()
        assert not CodeOfPracticeSignatureChange.objects.exists()


def test_editor_sees_the_history_but_cannot_change(host_client, bob, org_a):
    client = host_client("acme.localhost", user=bob)
    page = client.get("/code-of-practice/transparency/")
    assert page.status_code == 200 and "Change the status" not in page.content.decode()
    response = client.post("/code-of-practice/transparency/", {"status": "declined"})
    assert response.status_code == 403
    with tenant_context(org_a):
        assert not CodeOfPracticeSignature.objects.exists()


def test_unknown_chapter_is_not_found(acme):
    assert acme.get("/code-of-practice/marketing/").status_code == 404


@pytest.mark.parametrize("path", ["/code-of-practice/", "/code-of-practice/copyright/"])
def test_outsiders_get_nothing(path, host_client, carol, cast):
    assert host_client("acme.localhost", user=carol).get(path).status_code == 403
    assert host_client("acme.localhost", user=cast.owner_b).get(path).status_code == 403
    assert host_client("acme.localhost").get(path).status_code == 302


def _sign(acme, chapter: str, status: str = "signed", day: str = "2025-08-01"):  # type: ignore[no-untyped-def]
    return acme.post(
        f"/code-of-practice/{chapter}/",
        {
            "status": status,
            "status_date": day,
            "signatory_name": "Olga Owner",
            "signatory_authority": "Managing director",
        },
    )


def test_a_signed_chapter_is_not_public_until_a_declaration_is_filed(acme, org_a):  # type: ignore[no-untyped-def]
    from registry.workspace.models import FilingDraft

    _sign(acme, "copyright")
    body = acme.get("/code-of-practice/").content.decode()
    assert "Not filed" in body and "Prepare the declaration filing" in body
    response = acme.post("/code-of-practice/declaration/")
    assert response.status_code == 302
    with tenant_context(org_a):
        draft = FilingDraft.objects.get(kind="cop_signatory_declaration")
    assert response["Location"] == f"/filings/{draft.pk}/"
    # Asking again opens the same draft.
    assert acme.post("/code-of-practice/declaration/")["Location"] == f"/filings/{draft.pk}/"
    assert "Open the declaration filing" in acme.get("/code-of-practice/").content.decode()


def test_a_chapter_changed_after_the_declaration_says_changed_not_yet_filed(  # type: ignore[no-untyped-def]
    acme, org_a, alice, host_client
):
    from registry.register.models import Filing
    from registry.register.services.review import filing_register, filing_start_review
    from registry.workspace.models import FilingDraft
    from registry.workspace.services.drafts import filing_draft_submit
    from tests.workspace.test_copyright_policy import adopt

    with tenant_context(org_a):
        adopt(alice)  # a signatory of the Copyright chapter declares its policy (Measure 1.1)
    _sign(acme, "copyright")
    acme.post("/code-of-practice/declaration/")
    with tenant_context(org_a):
        draft = FilingDraft.objects.get(kind="cop_signatory_declaration")
        filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    filing = Filing.objects.get(organisation=org_a, kind="cop_signatory_declaration")
    office_lead = _office_lead()
    filing_start_review(actor=office_lead, filing=filing)
    filing_register(actor=office_lead, filing=filing)
    body = acme.get("/code-of-practice/").content.decode()
    assert "Filed: declaration version 1" in body and "changed, not yet filed" not in body
    _sign(acme, "copyright", status="withdrawn", day="2025-09-01")
    body = acme.get("/code-of-practice/").content.decode()
    assert "Changed, not yet filed." in body
    card = body.split('id="cop-copyright"')[1].split("</article>")[0]
    assert "changed, not yet filed" in card
    # The public register still shows what the AI Office registered.
    public = host_client("localhost").get("/signatories/").content.decode()
    assert "Acme AI SE" in public


def _office_lead():  # type: ignore[no-untyped-def]
    from portal.accounts.models import User

    return User.objects.get(email="lead@ai-office.test")


def test_nothing_recorded_offers_no_declaration(acme):  # type: ignore[no-untyped-def]
    body = acme.get("/code-of-practice/").content.decode()
    assert "No chapter&#x27;s status is recorded yet" in body or "No chapter's status" in body
    assert "Prepare the declaration filing" not in body
