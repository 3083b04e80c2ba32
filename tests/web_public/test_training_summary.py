"""Art 53(1)(d): the public summary of a GPAI model's training content is filed like any filing
(immutable, hashed, a PDF), and once the AI Office registers it the public register shows it
whole, under the model, on the page, in the public API and as a public PDF; nothing else the
provider filed, and nothing for a model without a registered summary."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf
import pytest
from django_tenants.utils import tenant_context

from portal.tenancy.models import Organisation
from registry.register import storage
from registry.register.models import Filing, FilingVersion, PublicRendition, SnapshotImmutable
from registry.register.selectors import public_snapshot
from registry.register.selectors_public import public_model_entries
from registry.register.services.pdf_jobs import public_rendition_run
from registry.register.services.review import filing_register
from registry.workspace import services
from registry.workspace.services.copyright import training_summary_save
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.api.helpers import PUBLIC_HOST, ApiClient
from tests.workspace.test_copyright_policy import summary_content

pytestmark = pytest.mark.django_db

VAT_NUMBER = "DE811569869"
CONTACT = "hanna.vogel@acme.test"
NOTES = "Reviewer: the licensed corpus list follows."
DOMAIN = "example.org"
CRAWLER = "AcmeBot/1.0"


@dataclass
class Filed:
    version: FilingVersion
    other_model_version_uid: str


def _file_summary(cast, *, register: bool = True) -> Filed:  # type: ignore[no-untyped-def]
    Organisation.objects.filter(pk=cast.org_a.pk).update(
        vat_number=VAT_NUMBER, contact_email=CONTACT, contact_name="Hanna Vogel"
    )
    organisation = Organisation.objects.get(pk=cast.org_a.pk)
    with tenant_context(organisation):
        model = services.gpai_model_create(actor=cast.alice, name="Atlas")
        version = services.gpai_model_version_create(
            actor=cast.alice, model=model, version="1.0", training_compute_flops=2e24
        )
        other = services.gpai_model_create(actor=cast.alice, name="Boreas")
        other_version = services.gpai_model_version_create(
            actor=cast.alice, model=other, version="1.0", training_compute_flops=2e24
        )
        training_summary_save(actor=cast.alice, model_version=version, content=summary_content())
        draft = filing_draft_create(
            actor=cast.alice,
            kind="gpai_training_summary",
            gpai_model_version_id=version.pk,
            notes=NOTES,
        )
        filed = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    if register:
        filing_register(actor=cast.ai_office_lead, filing=filed.filing)
        filed.refresh_from_db()
    return Filed(version=filed, other_model_version_uid=str(other_version.uid))


def test_the_filed_summary_is_immutable_and_its_public_part_is_the_whole_summary(cast):  # type: ignore[no-untyped-def]
    filed = _file_summary(cast).version
    items = filed.snapshot["registration"]["items"]
    assert [i["code"] for i in items] == ["T1", "T2", "T3"]
    fields = {k: v for i in items for k, v in i["fields"].items()}
    assert fields["top_domains"] == [DOMAIN, "wikipedia.org"]
    assert fields["crawlers"] == [CRAWLER] and fields["crawled_data_used"] == "used"
    assert fields["model_name"] == "Atlas" and fields["provider_name"] == "Acme AI SE"
    with pytest.raises(SnapshotImmutable):
        filed.save()
    public = public_snapshot(filed.snapshot)
    assert public["registration"]["items"] == items  # Art 53(1)(d): published whole
    text = str(public)
    for private in (VAT_NUMBER, CONTACT, NOTES, "Alice Admin", "alice@acme.test"):
        assert private not in text, private
    assert filed.filing.kind == "gpai_training_summary" and filed.filing.status == "registered"


def test_the_public_page_api_and_pdf_show_the_summary_under_the_model(cast, host_client):  # type: ignore[no-untyped-def]
    filed = _file_summary(cast)
    filing = filed.version.filing
    web = host_client("localhost")
    listed = web.get("/register/?q=Atlas").context["page"].rows
    assert [f.pk for f in listed] == [filing.pk]
    page = web.get(f"/register/{filing.pk}/").content.decode()
    for shown in (DOMAIN, CRAWLER, "Public summary of GPAI training content", "List of data sources"):  # fmt: skip
        assert shown in page, shown
    assert VAT_NUMBER not in page and NOTES not in page and CONTACT not in page
    api = ApiClient(PUBLIC_HOST).get(f"/api/v1/register/filings/{filing.pk}/")
    assert api.status_code == 200
    assert DOMAIN in api.content.decode() and VAT_NUMBER not in api.content.decode()
    # The public copy, rendered in process and read back with pypdf.
    copy = PublicRendition.objects.get(version=filed.version)
    assert public_rendition_run(rendition_id=copy.pk) == "ready"
    copy.refresh_from_db()
    data = storage.absolute_path(copy.storage_path).read_bytes()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert DOMAIN in text and CRAWLER in text and VAT_NUMBER not in text
    response = web.get(f"/register/{filing.pk}/v/1/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data


def test_nothing_is_public_before_registration_nor_for_a_model_without_a_summary(  # type: ignore[no-untyped-def]
    cast, host_client
):
    filed = _file_summary(cast, register=False)
    filing = filed.version.filing
    web = host_client("localhost")
    assert web.get(f"/register/{filing.pk}/").status_code == 404
    assert ApiClient(PUBLIC_HOST).get(f"/api/v1/register/filings/{filing.pk}/").status_code == 404
    assert not web.get("/register/?q=Atlas").context["page"].rows
    # The other model has no summary: nothing in the register names it.
    assert not Filing.objects.filter(subject_id=filed.other_model_version_uid).exists()
    assert not web.get("/register/?q=Boreas").context["page"].rows
    fake = Filing(subject_type="gpai_model", subject_id=filed.other_model_version_uid)
    fake.organisation_id = cast.org_a.pk
    assert public_model_entries(fake) == []
