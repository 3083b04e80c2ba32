"""/verify/ says what is wrong with input it cannot verify at all (no SHA-256, no PDF, a PDF this
portal did not make): a field error with the error summary and status 422, never "No match"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web_public.helpers import registered

pytestmark = pytest.mark.django_db


def _refused(response, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    assert response.status_code == 422
    assert response.context["result"] is None
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in html and f'id="id_{field}_error"' in html
    assert "No match" not in html


def _pdf_upload(data: bytes, name: str = "filing.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.mark.parametrize("value", ["not-a-hash", "abc123", "g" * 64, "a" * 63, "a" * 65])
def test_a_value_that_is_not_a_sha256_is_a_field_error(host_client, value):  # type: ignore[no-untyped-def]
    response = host_client("localhost").post("/verify/", {"sha256": value})
    _refused(response, "sha256", "A SHA-256 is 64 hexadecimal characters.")


def test_a_file_that_is_not_a_pdf_is_a_field_error(host_client):  # type: ignore[no-untyped-def]
    upload = _pdf_upload(b"Dear customer, attached is our registration.", "letter.pdf")
    response = host_client("localhost").post("/verify/", {"pdf": upload})
    _refused(response, "pdf", "This file is not a PDF.")


def test_an_unreadable_pdf_is_not_a_pdf(host_client):  # type: ignore[no-untyped-def]
    upload = _pdf_upload(b"%PDF-1.7\nthis is not really a pdf")
    response = host_client("localhost").post("/verify/", {"pdf": upload})
    _refused(response, "pdf", "This file is not a PDF.")


def test_a_pdf_without_the_embedded_filing_json_was_not_made_by_the_portal(host_client):  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    plain = HTML(string="<p>EU-AI-2026-000042</p>").write_pdf(pdf_variant="pdf/a-3b")
    response = host_client("localhost").post("/verify/", {"pdf": _pdf_upload(plain)})
    _refused(
        response, "pdf", "This PDF was not made by this portal (it has no embedded filing.json)."
    )


def test_the_refusal_is_in_the_readers_language(host_client):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    client.cookies["django_language"] = "de"
    response = client.post("/verify/", {"sha256": "not-a-hash"})
    assert response.status_code == 422
    assert "Ein SHA-256 besteht aus 64 hexadezimalen Zeichen." in response.content.decode()


def test_a_wellformed_hash_still_matches_or_is_no_match(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    client = host_client("localhost")
    # Pasted as printed, in capitals and with spaces around it.
    sha = filing.versions.get(number=2).sha256
    match = client.post("/verify/", {"sha256": f"  {sha.upper()} "})
    assert match.status_code == 200
    assert match.context["result"].found is True
    assert "This matches a filed version" in match.content.decode()
    unknown = client.post("/verify/", {"sha256": "0" * 64})
    assert unknown.status_code == 200
    assert unknown.context["result"].found is False
    assert "No match" in unknown.content.decode()
