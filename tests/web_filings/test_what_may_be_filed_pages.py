"""What may be filed, on the filing pages (issue 11): a kind the classification rules out is
refused next to the kind, with the article; the draft page of an Art 49(4) filing says which
items are left out of it and why."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.workspace.services.drafts import filing_draft_create
from tests.filing_flow.builders import restricted_section_a_system


def _draft(org_a, alice):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        system = restricted_section_a_system(alice)
        return filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)


def test_draft_page_says_what_art_49_4_leaves_out(acme, org_a, alice):
    draft = _draft(org_a, alice)
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert 'id="excluded-heading"' in body
    assert "A1–A5, A7, A10" in body and "Art 49(4)" in body
    excluded = body[body.index('id="excluded-heading"') : body.index('id="content-heading"')]
    for code in ("A6", "A8", "A9", "A11", "A12", "A13"):
        assert f">{code}<" in excluded
    # The data the law leaves out is not shown as what will be filed.
    assert "Logistic model over police case records." not in body


def test_the_reason_is_given_in_the_pages_language(host_client, org_a, alice):
    from django.conf import settings

    draft = _draft(org_a, alice)
    client = host_client("acme.localhost", user=alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    body = client.get(f"/filings/{draft.pk}/").content.decode()
    assert "Nach Art. 49 Abs. 4 ausgelassen" in body
    assert "der von diesem Abschnitt nur A1–A5, A7, A10 enthält" in body


def test_a_kind_the_classification_rules_out_is_refused_next_to_the_kind(acme, org_a, alice):
    from registry.workspace import services
    from registry.workspace.models.drafts import FilingDraft
    from tests.filing_flow.builders import complete_section_a_system

    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        services.system_classify(
            actor=alice,
            system=system,
            facts={
                "role": "provider",
                "emotion_recognition": True,
                "emotion_recognition_setting": "workplace",
            },
        )
    response = acme.post("/filings/new/", {"kind": "annex_viii_a", "system_id": system.pk})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_kind_error"' in body and "Prohibited practice (Art 5(1)(f))" in body
    with tenant_context(org_a):
        assert not FilingDraft.objects.exists()
