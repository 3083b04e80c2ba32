"""A draft that was never filed can be discarded (issue 15 item 13); a filed one cannot (its
versions stay in the register: it is withdrawn instead)."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent
from portal.errors import Conflict
from registry.workspace.models import AISystem
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.services.drafts import filing_draft_discard
from tests.web_filings.test_filing_pages import _draft, _filed

pytestmark = pytest.mark.django_db


def test_a_draft_never_filed_is_discarded_after_a_confirmation(acme, org_a, alice):  # type: ignore[no-untyped-def]
    draft = _draft(org_a, alice)
    page = acme.get(f"/filings/{draft.pk}/").content.decode()
    assert f'href="/filings/{draft.pk}/discard/"' in page
    confirm = acme.get(f"/filings/{draft.pk}/discard/")
    assert confirm.status_code == 200
    assert "Yes, discard the draft" in confirm.content.decode()
    with tenant_context(org_a):
        assert FilingDraft.objects.filter(pk=draft.pk).exists()  # a GET deletes nothing
    response = acme.post(f"/filings/{draft.pk}/discard/")
    assert response.status_code == 302 and response["Location"] == "/filings/"
    with tenant_context(org_a):
        assert not FilingDraft.objects.filter(pk=draft.pk).exists()
        assert AISystem.objects.filter(pk=draft.system_id).exists()
        assert AuditEvent.objects.filter(
            action="filing_draft.discarded", object_id=str(draft.pk)
        ).exists()


def test_a_filed_draft_cannot_be_discarded(acme, org_a, alice):  # type: ignore[no-untyped-def]
    draft, _version = _filed(org_a, alice)
    assert f"/filings/{draft.pk}/discard/" not in acme.get(f"/filings/{draft.pk}/").content.decode()
    with tenant_context(org_a), pytest.raises(Conflict) as refused:
        filing_draft_discard(actor=alice, draft=draft)
    assert refused.value.code == "draft_filed"
    response = acme.post(f"/filings/{draft.pk}/discard/", follow=True)
    assert "Withdraw the filing instead." in response.content.decode()
    with tenant_context(org_a):
        assert FilingDraft.objects.filter(pk=draft.pk).exists()


def test_a_viewer_cannot_discard(host_client, viewer_a, org_a, alice):  # type: ignore[no-untyped-def]
    draft = _draft(org_a, alice)
    viewer = host_client("acme.localhost", user=viewer_a)
    assert viewer.post(f"/filings/{draft.pk}/discard/").status_code == 403
    with tenant_context(org_a):
        assert FilingDraft.objects.filter(pk=draft.pk).exists()
