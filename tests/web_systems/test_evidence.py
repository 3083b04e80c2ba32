"""Evidence list, upload (refusals next to the file field) and download."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import Evidence
from tests.web_systems.conftest import HOST


def _pdf(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or minimal_pdf("Report"), "application/pdf")


def test_upload_stores_and_links_the_file(as_bob, hirerank, org_a):  # type: ignore[no-untyped-def]
    response = as_bob.post(
        "/evidence/upload/",
        {"file": _pdf(), "title": "Bias audit", "systems": [str(hirerank.pk)]},
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        evidence = Evidence.objects.get(title="Bias audit")
        assert list(evidence.systems.all()) == [hirerank]
    assert "Bias audit" in as_bob.get("/evidence/").content.decode()


def test_htmx_upload_answers_with_a_client_redirect(as_bob):  # type: ignore[no-untyped-def]
    response = as_bob.post("/evidence/upload/", {"file": _pdf()}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/evidence/"


def test_executable_is_refused_next_to_the_file_field(as_bob, org_a):  # type: ignore[no-untyped-def]
    exe = SimpleUploadedFile("tool.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = as_bob.post("/evidence/upload/", {"file": exe, "title": "kept title"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "kept title" in html
    with tenant_context(org_a):
        assert not Evidence.objects.exists()


def test_active_pdf_and_type_mismatch_are_refused(as_bob, org_a):  # type: ignore[no-untyped-def]
    active = minimal_pdf("x", extra_catalog="/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    for upload in (
        _pdf(content=active),
        SimpleUploadedFile("notes.png", b"plain text", "image/png"),
    ):
        response = as_bob.post("/evidence/upload/", {"file": upload})
        assert response.status_code == 422
        assert 'id="id_file_error"' in response.content.decode()
    with tenant_context(org_a):
        assert not Evidence.objects.exists()


def test_too_big_is_refused(as_bob, org_a, settings):  # type: ignore[no-untyped-def]
    settings.EVIDENCE_MAX_BYTES = 1000
    response = as_bob.post("/evidence/upload/", {"file": _pdf(content=minimal_pdf("x" * 2000))})
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.content.decode()


def test_download_is_an_attachment_with_its_type(as_bob, org_a, bob):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        evidence = services.evidence_upload(
            actor=bob, file=io.BytesIO(minimal_pdf("Hi")), filename="hi.pdf", title="Hi"
        )
    response = as_bob.get(f"/evidence/{evidence.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="hi.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    # Issue 14 item 8: sandboxed like the console's download, should a browser render it.
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_download_refused_to_outsiders_and_other_organisations(host_client, org_a, bob, cast):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        evidence = services.evidence_upload(
            actor=bob, file=io.BytesIO(minimal_pdf("Hi")), filename="hi.pdf"
        )
    path = f"/evidence/{evidence.pk}/download/"
    assert host_client(HOST).get(path).status_code == 302  # to the login page
    assert host_client(HOST, user=cast.carol).get(path).status_code == 403
    assert host_client(HOST, user=cast.owner_b).get(path).status_code == 403
    # On globex's host the id names nothing of acme's.
    assert host_client("globex.localhost", user=bob).get(path).status_code == 404


def test_the_same_file_again_says_it_is_stored_already_and_keeps_its_title(as_bob, hirerank, org_a):  # type: ignore[no-untyped-def]
    as_bob.post("/evidence/upload/", {"file": _pdf(), "title": "Bias audit"}, follow=True)
    response = as_bob.post(
        "/evidence/upload/",
        {"file": _pdf(), "title": "Another title", "systems": [str(hirerank.pk)]},
        follow=True,
    )
    page = response.content.decode()
    assert "already stored as “Bias audit”" in page
    assert "The file was uploaded." not in page
    with tenant_context(org_a):
        (evidence,) = Evidence.objects.filter(title__in=["Bias audit", "Another title"])
        assert evidence.title == "Bias audit"
        assert list(evidence.systems.all()) == [hirerank]  # the new link was added
