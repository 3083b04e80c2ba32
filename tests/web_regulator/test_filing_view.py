"""The filing view: the latest version in Annex VIII order, history, evidence, PDF downloads."""

from __future__ import annotations

import pytest

from registry.register.models import PdfJob
from registry.register.services.pdf_jobs import pdf_job_run
from tests.register.factories import evidence_file
from tests.web_public.helpers import file, registered

pytestmark = pytest.mark.django_db


def test_filing_view_shows_items_in_annex_viii_order_with_classification_and_summaries(
    host_client, cast
):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing
    response = host_client("localhost", user=cast.regulator).get(f"/regulator/filings/{filing.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="field-A{n}"') for n in range(1, 14)]
    assert positions == sorted(positions)
    assert "Recruitment and selection is an Annex III use." in html  # explanation
    assert "Art 6(2), Annex III 4(a)" in html  # its citation
    assert "Risk management summary (Art 9)" in html
    assert "Quality management summary (Art 17)" in html
    assert filing.versions.get().sha256 in html


def test_evidence_is_listed_with_hash_and_downloadable(host_client, cast, tmp_path):  # type: ignore[no-untyped-def]
    evidence = evidence_file(tmp_path, "declaration.pdf", b"%PDF-1.4 conformity")
    filing = file(cast.org_a, cast.owner_a, evidence=(evidence,)).filing
    client = host_client("localhost", user=cast.regulator)
    page = client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert evidence.sha256 in page
    response = client.get(f"/regulator/filings/{filing.pk}/evidence/{evidence.sha256}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 conformity"
    assert response["Content-Security-Policy"] == "sandbox"


def test_evidence_of_another_filing_is_not_downloadable_through_this_one(
    host_client, cast, tmp_path
):  # type: ignore[no-untyped-def]
    evidence = evidence_file(tmp_path, "secret.pdf", b"%PDF-1.4 other")
    file(cast.org_b, cast.owner_b, member_states=("NL",), evidence=(evidence,))
    mine = file(cast.org_a, cast.owner_a).filing
    response = host_client("localhost", user=cast.regulator).get(
        f"/regulator/filings/{mine.pk}/evidence/{evidence.sha256}/"
    )
    assert response.status_code == 404


def test_version_history_links_every_version_and_its_pdf(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    first = filing.versions.get(number=1)
    assert pdf_job_run(job_id=first.pdf_job.pk) == "ready"
    client = host_client("localhost", user=cast.regulator)
    html = client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert f"/regulator/filings/{filing.pk}/v/1/" in html
    assert f"/regulator/filings/{filing.pk}/v/2/" in html
    assert f"/regulator/filings/{filing.pk}/v/1/pdf/" in html
    old = client.get(f"/regulator/filings/{filing.pk}/v/1/")
    assert old.status_code == 200
    assert b"This is an earlier version" in old.content
    pdf = client.get(f"/regulator/filings/{filing.pk}/v/1/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Content-SHA256"] == PdfJob.objects.get(version=first).pdf_sha256


def test_pdf_that_is_not_ready_is_404(host_client, cast):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing
    response = host_client("localhost", user=cast.regulator).get(
        f"/regulator/filings/{filing.pk}/v/1/pdf/"
    )
    assert response.status_code == 404


def test_unknown_version_is_404(host_client, cast):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing
    response = host_client("localhost", user=cast.regulator).get(
        f"/regulator/filings/{filing.pk}/v/9/"
    )
    assert response.status_code == 404
