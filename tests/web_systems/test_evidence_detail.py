"""The evidence list's search and hash column, the detail page (where a file is cited: systems,
records, drafts and filed versions) and the deletion of files nothing cites (issue 15 item 12)."""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent
from portal.errors import Conflict, Forbidden
from registry.workspace import selectors, services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import Evidence
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.web_systems.conftest import HOST


def _upload(actor, title: str = "Loose notes", **links):  # type: ignore[no-untyped-def]
    return services.evidence_upload(
        actor=actor,
        file=io.BytesIO(minimal_pdf(title)),
        filename=f"{title.lower().replace(' ', '-')}.pdf",
        title=title,
        **links,
    )


@pytest.fixture
def filed(hirerank, org_a, alice):  # type: ignore[no-untyped-def]
    """HireRank filed once: its declaration of conformity is cited by version 1."""
    with tenant_context(org_a):
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=hirerank.pk)
        version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
        return hirerank.declaration_of_conformity, version


def test_detail_says_which_system_field_and_filed_version_cite_the_file(as_viewer, filed):  # type: ignore[no-untyped-def]
    evidence, version = filed
    html = as_viewer.get(f"/evidence/{evidence.pk}/").content.decode()
    assert "HireRank" in html and "EU declaration of conformity (Art 47)" in html
    assert version.filing.registration_number in html
    assert evidence.sha256 in html
    assert f"/evidence/{evidence.pk}/delete/" not in html  # a viewer has no delete button


def test_a_filed_file_is_not_deleted_and_the_page_says_why(as_bob, filed, in_acme, media_root):  # type: ignore[no-untyped-def]
    evidence, _version = filed
    path = selectors.evidence_path(evidence)
    response = as_bob.post(f"/evidence/{evidence.pk}/delete/", follow=True)
    assert "kept as filed" in response.content.decode()
    with in_acme():
        assert Evidence.objects.filter(pk=evidence.pk).exists()
        assert not AuditEvent.objects.filter(action="evidence.deleted").exists()
    assert path.is_file()


def test_a_file_a_record_cites_is_refused_with_nothing_written(bob, in_acme, hirerank):  # type: ignore[no-untyped-def]
    with in_acme():
        risk = hirerank.risk_records.first()
        evidence = _upload(bob, risk_records=[risk])
        with pytest.raises(Conflict) as refused:
            services.evidence_delete(actor=bob, evidence=evidence)
        assert refused.value.code == "evidence_cited"
        assert Evidence.objects.filter(pk=evidence.pk).exists()
        assert selectors.evidence_path(evidence).is_file()


def test_an_unused_file_is_deleted_audited_and_its_bytes_removed(
    as_bob, bob, in_acme, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with in_acme():
        evidence = _upload(bob)
    path = selectors.evidence_path(evidence)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_bob.post(f"/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/evidence/"
    with in_acme():
        assert not Evidence.objects.filter(pk=evidence.pk).exists()
        event = AuditEvent.objects.get(action="evidence.deleted")
    assert event.actor_id == bob.pk and event.before["sha256"] == evidence.sha256
    assert not path.exists()


def test_delete_access_matrix(host_client, cast, viewer_a, bob, in_acme):  # type: ignore[no-untyped-def]
    with in_acme():
        evidence = _upload(bob)
        with pytest.raises(Forbidden):
            services.evidence_delete(actor=viewer_a, evidence=evidence)
    url = f"/evidence/{evidence.pk}/"
    assert host_client(HOST, user=viewer_a).post(f"{url}delete/").status_code == 403
    for user in (cast.carol, cast.owner_b, cast.regulator):  # outsider, other org, reviewer
        client = host_client(HOST, user=user)
        for response in (client.get(url), client.post(f"{url}delete/")):
            assert response.status_code == 403
            assert "Loose notes" not in response.content.decode()
    anonymous = host_client(HOST).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    # Bob is a viewer of globex: acme's file is not there under its id.
    assert host_client("globex.localhost", user=bob).get(url).status_code == 404
    with in_acme():
        assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_list_searches_titles_and_hashes_and_shows_a_short_hash(as_viewer, bob, in_acme):  # type: ignore[no-untyped-def]
    with in_acme():
        notes, other = _upload(bob, "Loose notes"), _upload(bob, "Test report")
    html = as_viewer.get("/evidence/?q=report").content.decode()
    assert "Test report" in html and "Loose notes" not in html
    html = as_viewer.get(f"/evidence/?q={notes.sha256[:10]}").content.decode()
    assert "Loose notes" in html and "Test report" not in html
    assert f"<code>{notes.sha256[:12]}…</code>" in html and f'value="{notes.sha256}"' in html
    assert other.sha256 not in html
