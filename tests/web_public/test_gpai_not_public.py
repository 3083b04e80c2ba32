"""GPAI documentation never enters the public register (Art 52, 53(1)(a), 78).

An Art 52 notification and the Model Documentation Form (Annex XI) go to the AI Office and are
confidential. The public learns only what the Commission publishes, the list of general-purpose
AI models with systemic risk (Art 52(6)): of a registered notification, the model's name, the
provider and that the model has systemic risk. Every public path is checked: the register's pages,
version pages and PDFs, /verify/, the public API, the open-data files and the provider-entry search
of Section C filings."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.register import storage
from registry.register.models import Filing
from registry.register.services.pdf_jobs import pdf_job_run
from registry.register.services.review import filing_register
from tests.web_public.helpers import file, registered

pytestmark = pytest.mark.django_db

SECRET = "CONFIDENTIAL-MARKER"  # in every item of the GPAI filings below

MDF_ITEMS = [
    ("D2", "Training data", "Annex XI point 2(c)", {"data_summary": f"Licensed corpus {SECRET}"}),
    ("D3", "Compute", "Annex XI point 2(d)", {"training_flops": 3.2e25, "energy_mwh": 1234567}),
]
NOTIFICATION_ITEMS = [
    ("N2", "Model", "Art 52(1)", {"model_name": "Acme-LM 3", "model_version": f"3.0 {SECRET}"}),
    ("N3", "Threshold met", "Art 51(2)", {"training_flops": 7.7e25, "how": f"{SECRET} estimate"}),
]


def _items(rows):  # type: ignore[no-untyped-def]
    return {
        "section": None,
        "items": [
            {"code": c, "title": t, "citation": ci, "fields": f, "withheld_from_public": False}
            for c, t, ci, f in rows
        ],
    }


def _gpai(cast, kind: str, rows) -> Filing:  # type: ignore[no-untyped-def]
    """A GPAI filing of organisation A, registered by the AI Office, its PDF rendered."""
    version = file(
        cast.org_a,
        cast.owner_a,
        kind=kind,
        subject_id=f"model-{kind}",
        member_states=(),
        subject={"type": "gpai_model", "id": "m-1", "name": "Acme-LM 3"},
        registration=_items(rows),
    )
    filing_register(actor=cast.ai_office_lead, filing=version.filing)
    assert pdf_job_run(job_id=version.pdf_job.pk) == "ready"
    version.filing.refresh_from_db()
    return version.filing


@pytest.fixture
def documentation(cast) -> Filing:  # type: ignore[no-untyped-def]
    return _gpai(cast, "gpai_model_documentation", MDF_ITEMS)


@pytest.fixture
def notification(cast) -> Filing:  # type: ignore[no-untyped-def]
    return _gpai(cast, "gpai_art52_notification", NOTIFICATION_ITEMS)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _pdf_sha(filing: Filing) -> str:
    return filing.versions.get(number=1).pdf_job.pdf_sha256


def _pdf_bytes(filing: Filing) -> bytes:
    job = filing.versions.get(number=1).pdf_job
    return storage.absolute_path(job.storage_path).read_bytes()


def _every_public_text(client, cast) -> str:  # type: ignore[no-untyped-def]
    """Everything the public reads in lists: pages, API, open data."""
    paths = [
        "/register/",
        "/register/?q=Acme-LM",
        "/open-data/register.json",
        "/open-data/register.csv",
        "/api/v1/register/filings/",
        "/api/v1/register/filings/export/?format=json",
        "/api/v1/register/filings/export/?format=csv",
    ]
    return "\n".join(_text(client.get(path)) for path in paths)


# --- the Model Documentation Form ---------------------------------------------------------------


def test_model_documentation_is_in_no_public_list(host_client, cast, documentation):  # type: ignore[no-untyped-def]
    text = _every_public_text(host_client("localhost"), cast)
    assert documentation.registration_number not in text
    assert str(documentation.pk) not in text
    assert SECRET not in text and "1234567" not in text


def test_model_documentation_pages_pdfs_and_api_are_404(host_client, documentation):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    pk = documentation.pk
    for path in (
        f"/register/{pk}/",
        f"/register/{pk}/v/1/",
        f"/register/{pk}/v/1/pdf/",
        f"/api/v1/register/filings/{pk}/",
        f"/api/v1/register/filings/{pk}/versions/",
        f"/api/v1/register/filings/{pk}/versions/1/pdf/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET not in _text(response)


def test_model_documentation_is_not_found_by_the_organisation_filter(
    host_client, cast, documentation
):  # type: ignore[no-untyped-def]
    for value in (cast.org_a.slug, cast.org_a.legal_name):
        response = host_client("localhost").get("/register/", {"organisation": value})
        assert response.status_code == 200
        assert list(response.context["page"].rows) == []
        assert SECRET not in _text(response)


@pytest.mark.parametrize("kind", ["gpai_model_documentation", "gpai_art52_notification"])
def test_verify_does_not_find_gpai_filings(host_client, cast, kind):  # type: ignore[no-untyped-def]
    rows = MDF_ITEMS if kind == "gpai_model_documentation" else NOTIFICATION_ITEMS
    filing = _gpai(cast, kind, rows)
    client = host_client("localhost")
    for sha in (filing.versions.get(number=1).sha256, _pdf_sha(filing)):
        response = client.post("/verify/", {"sha256": sha})
        assert response.context["result"].found is False
        assert filing.registration_number not in response.content.decode()
        answer = client.get(f"/api/v1/register/verify?sha256={sha}").json()
        assert answer["found"] is False and answer["registration_number"] == ""
    upload = SimpleUploadedFile("filing.pdf", _pdf_bytes(filing), content_type="application/pdf")
    response = client.post("/verify/", {"pdf": upload})
    assert response.context["result"].found is False
    assert filing.registration_number not in response.content.decode()


def test_verify_still_finds_a_registered_system(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    sha = filing.versions.get(number=2).sha256
    assert host_client("localhost").post("/verify/", {"sha256": sha}).context["result"].found


# --- the Art 52 notification: only the Art 52(6) list ------------------------------------------


def test_notification_is_listed_as_a_systemic_risk_model(host_client, cast, notification):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    response = client.get("/register/?q=Acme-LM")
    assert [f.pk for f in response.context["page"].rows] == [notification.pk]
    by_tier = client.get("/register/?risk_tier=gpai_systemic_risk").context["page"]
    assert [f.pk for f in by_tier.rows] == [notification.pk]
    assert not client.get("/register/?risk_tier=gpai").context["page"].rows
    entry = client.get(f"/register/{notification.pk}/")
    assert entry.status_code == 200
    html = entry.content.decode()
    assert "Acme-LM 3" in html and cast.org_a.legal_name in html
    assert "systemic risk" in html and "Art 52(6)" in html
    assert SECRET not in html and "Threshold met" not in html
    assert f"/register/{notification.pk}/v/1/" not in html  # no version history, no PDF
    german = client.get(f"/register/{notification.pk}/", headers={"Accept-Language": "de"})
    assert "systemischem Risiko" in german.content.decode()


def test_notification_versions_and_pdfs_are_not_public(host_client, notification):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    pk = notification.pk
    for path in (
        f"/register/{pk}/v/1/",
        f"/register/{pk}/v/1/pdf/",
        f"/api/v1/register/filings/{pk}/versions/1/pdf/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET not in _text(response)
    versions = client.get(f"/api/v1/register/filings/{pk}/versions/")
    assert versions.status_code == 200 and versions.json()["results"] == []


def test_notification_in_the_api_is_the_listing_only(host_client, cast, notification):  # type: ignore[no-untyped-def]
    detail = host_client("localhost").get(f"/api/v1/register/filings/{notification.pk}/").json()
    snapshot = detail["public_snapshot"]
    assert snapshot["subject"] == {"type": "gpai_model", "name": "Acme-LM 3"}
    assert snapshot["organisation"]["legal_name"] == cast.org_a.legal_name
    assert snapshot["risk_tier"] == "gpai_systemic_risk"
    assert snapshot["registration"]["items"] == []
    assert SECRET not in json.dumps(detail)


def test_notification_in_open_data_carries_no_item(host_client, notification):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    rows = json.loads(_text(client.get("/open-data/register.json")))
    (row,) = [r for r in rows if r["registration_number"] == notification.registration_number]
    assert row["subject_name"] == "Acme-LM 3" and row["risk_tier"] == "gpai_systemic_risk"
    text = _every_public_text(client, None)
    assert SECRET not in text and "7.7e+25" not in text


def test_section_c_provider_search_lists_no_gpai_filing(host_client, cast, notification):  # type: ignore[no-untyped-def]
    _gpai(cast, "gpai_model_documentation", MDF_ITEMS)
    client = host_client("globex.localhost", user=cast.owner_b)
    for query in ("Acme-LM", cast.org_a.legal_name, notification.registration_number):
        response = client.get("/filings/provider-entries/", {"provider_q": query})
        assert response.status_code == 200
        assert response.context["provider_entries"] == []
        assert str(notification.pk) not in response.content.decode()
