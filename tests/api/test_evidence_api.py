"""Evidence over the API: multipart upload through evidence_upload (same refusals), download,
links."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import Evidence
from tests.api.helpers import ORG_A_HOST, assert_problem


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


def test_upload_download_and_link(api, alice, org_a, targets):
    client = api(ORG_A_HOST, user=alice)
    system = targets["system_a"]
    pdf = minimal_pdf("Declaration")
    response = client.request(
        "POST",
        "/api/v1/evidence/",
        {"file": _upload("declaration.pdf", pdf), "title": "Declaration", "systems": [system]},
        content_type="multipart",
    )
    assert response.status_code == 201, response.content
    evidence = response.json()
    assert evidence["content_type"] == "application/pdf" and evidence["systems"] == [system]

    download = client.get(f"/api/v1/evidence/{evidence['id']}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf
    assert download["Content-Security-Policy"] == "sandbox"
    assert 'filename="declaration.pdf"' in download["Content-Disposition"]

    unlinked = client.post(f"/api/v1/evidence/{evidence['id']}/unlink/", {"systems": [system]})
    assert unlinked.json()["systems"] == []
    listed = client.get(f"/api/v1/evidence/?system={system}").json()["results"]
    assert listed == []


def test_refused_upload_is_a_problem_and_stores_nothing(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    response = client.request(
        "POST",
        "/api/v1/evidence/",
        {"file": _upload("report.pdf", b"MZ\x90\x00 not a pdf at all")},
        content_type="multipart",
    )
    body = assert_problem(response, 400)
    assert body["errors"]
    with tenant_context(org_a):
        assert not Evidence.objects.exists()


def test_link_to_another_organisations_row_is_refused(api, alice, org_a, targets):
    client = api(ORG_A_HOST, user=alice)
    evidence = targets["evidence_a"]
    body = assert_problem(
        client.post(f"/api/v1/evidence/{evidence}/link/", {"systems": [987654]}), 400
    )
    assert "systems" in body["errors"]


def test_evidence_is_marked_shared_on_upload_or_afterwards(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    manual = client.request(
        "POST",
        "/api/v1/evidence/",
        {"file": _upload("manual.pdf", minimal_pdf("QMS manual")), "shared": "true"},
        content_type="multipart",
    ).json()
    assert manual["shared"] is True
    report = client.request(
        "POST",
        "/api/v1/evidence/",
        {"file": _upload("report.pdf", minimal_pdf("Report"))},
        content_type="multipart",
    ).json()
    assert report["shared"] is False
    shared = client.post(f"/api/v1/evidence/{report['id']}/link/", {"shared": True})
    assert shared.status_code == 200 and shared.json()["shared"] is True
    with tenant_context(org_a):
        assert Evidence.objects.filter(shared=True).count() == 2
