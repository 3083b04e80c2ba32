"""The signatory register, verification and the open-data downloads."""

from __future__ import annotations

import csv
import io
import json

import pytest

from registry.register.services.pdf_jobs import pdf_job_run
from registry.register.services.review import filing_register
from tests.web_public.helpers import file, registered, registered_twice
from tests.web_regulator.test_dashboard import _cop_snapshot_items

pytestmark = pytest.mark.django_db


def _declare(cast, organisation, owner, chapters, *, register=True):  # type: ignore[no-untyped-def]
    version = file(
        organisation,
        owner,
        subject_id=organisation.slug,
        kind="cop_signatory_declaration",
        registration=_cop_snapshot_items(chapters),
    )
    if register:
        filing_register(actor=cast.ai_office_lead, filing=version.filing)
    return version.filing


def test_signatory_register_shows_registered_declarations_per_chapter_with_history(
    host_client, cast
):  # type: ignore[no-untyped-def]
    _declare(cast, cast.org_a, cast.owner_a, {"transparency": "signed"})
    _declare(cast, cast.org_a, cast.owner_a, {"transparency": "withdrawn", "copyright": "signed"})
    response = host_client("localhost").get("/signatories/")
    assert response.status_code == 200
    (acme,) = response.context["organisations"]
    current = {(r["state"].chapter, r["state"].status) for r in acme["current"]}
    history = {(r["state"].chapter, r["state"].status) for r in acme["history"]}
    assert current == {("transparency", "withdrawn"), ("copyright", "signed")}
    assert history == {("transparency", "signed")}


def test_pending_declarations_are_not_in_the_signatory_register(host_client, cast):  # type: ignore[no-untyped-def]
    _declare(cast, cast.org_b, cast.owner_b, {"transparency": "signed"}, register=False)
    response = host_client("localhost").get("/signatories/")
    assert response.context["organisations"] == []
    assert cast.org_b.legal_name not in response.content.decode()


def test_signatory_register_filters_by_chapter(host_client, cast):  # type: ignore[no-untyped-def]
    _declare(cast, cast.org_a, cast.owner_a, {"transparency": "signed", "copyright": "signed"})
    response = host_client("localhost").get("/signatories/?chapter=copyright")
    (acme,) = response.context["organisations"]
    assert [r["state"].chapter for r in acme["current"]] == ["copyright"]


def test_verify_by_hash_finds_the_version_and_says_a_newer_one_exists(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered_twice(cast.org_a, cast.owner_a, lead)
    first = filing.versions.get(number=1)
    response = host_client("localhost").post("/verify/", {"sha256": first.sha256})
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.found, result.version, result.newer_version_exists) == (True, 1, True)
    html = response.content.decode()
    assert "This matches a filed version" in html
    assert f"/register/{filing.pk}/v/1/" in html


def test_verify_does_not_confirm_a_version_that_was_never_registered(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)  # v1 had changes requested
    first = filing.versions.get(number=1)
    response = host_client("localhost").post("/verify/", {"sha256": first.sha256})
    assert response.context["result"].found is False


def test_verify_by_pdf_upload(host_client, cast, lead):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.register import storage

    filing = registered(cast.org_a, cast.owner_a, lead)
    version = filing.versions.get(number=2)
    pdf_job_run(job_id=version.pdf_job.pk)
    version.pdf_job.refresh_from_db()
    data = storage.absolute_path(version.pdf_job.storage_path).read_bytes()
    upload = SimpleUploadedFile("filing.pdf", data, content_type="application/pdf")
    response = host_client("localhost").post("/verify/", {"pdf": upload})
    result = response.context["result"]
    assert (result.found, result.version, result.newer_version_exists) == (True, 2, False)


def test_verify_never_reveals_a_restricted_filing(host_client, cast):  # type: ignore[no-untyped-def]
    secure = file(cast.org_a, cast.owner_a, restricted=True)
    response = host_client("localhost").post("/verify/", {"sha256": secure.sha256})
    assert response.context["result"].found is False
    assert secure.filing.registration_number not in response.content.decode()


def test_verify_without_input_is_an_error(host_client):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    empty = client.post("/verify/", {})
    assert empty.status_code == 422
    assert "Choose a PDF or paste a SHA-256." in empty.content.decode()
    # A bad hash or upload: tests/web_public/test_verify_refusals.py.


def test_verify_refuses_files_over_20_mb(host_client, settings):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = SimpleUploadedFile("big.pdf", b"0" * (20 * 1024 * 1024 + 1), "application/pdf")
    response = host_client("localhost").post("/verify/", {"pdf": big})
    assert response.status_code == 422
    assert 'id="id_pdf_error"' in response.content.decode()


def test_open_data_register_as_json_and_csv(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    file(cast.org_a, cast.owner_a)  # pending: not open data
    client = host_client("localhost")
    rows = json.loads(b"".join(client.get("/open-data/register.json").streaming_content))
    assert [row["registration_number"] for row in rows] == [filing.registration_number]
    assert rows[0]["registered_version"] == 2 and rows[0]["member_states"] == ["DE"]
    response = client.get("/open-data/register.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["registration_number"] for row in table] == [filing.registration_number]
    assert "risk_summary" not in table[0]


def test_open_data_signatories(host_client, cast):  # type: ignore[no-untyped-def]
    _declare(cast, cast.org_a, cast.owner_a, {"transparency": "signed"})
    client = host_client("localhost")
    rows = json.loads(b"".join(client.get("/open-data/signatories.json").streaming_content))
    assert [(r["chapter"], r["status"], r["current"]) for r in rows] == [
        ("transparency", "signed", True)
    ]
    text = b"".join(client.get("/open-data/signatories.csv").streaming_content).decode()
    assert text.splitlines()[0].startswith("organisation,organisation_country")


def test_open_data_page_documents_the_columns(host_client):  # type: ignore[no-untyped-def]
    html = host_client("localhost").get("/open-data/").content.decode()
    for column in ("registration_number", "member_states", "chapter", "public_statement_url"):
        assert column in html


def test_csv_cells_cannot_become_formulas():  # type: ignore[no-untyped-def]
    from portal.streaming import csv_cell as _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell(["DE", "FR"]) == "DE;FR"
