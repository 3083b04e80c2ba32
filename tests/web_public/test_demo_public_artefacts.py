"""Every public artefact of the demo data, read as the public reads it, holds no e-mail address,
VAT number or personal name of the organisations' staff (issue 11, Art 71(5)).

The demo is seeded, every filing still awaiting review is registered (so that every kind the
demo has reaches the public side where the law lets it), the public copies are rendered, and then
every public page, API answer, open-data file and public PDF (its text and its embedded JSON) is
fetched and searched for what must not be there."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from portal.accounts.models import Authority, AuthorityMembership, User
from portal.demo import seed_demo
from portal.errors import DomainError
from portal.tenancy.models import Organisation
from registry.register.models import Filing, FilingStatus, PublicRendition
from registry.register.services.pdf_jobs import public_rendition_run
from registry.register.services.review import filing_register, filing_start_review
from registry.workspace.models import CodeOfPracticeSignature

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _register_everything_pending() -> None:
    lead = User.objects.create_user(email="lead-everywhere@example.test", password=None)
    for authority in Authority.objects.all():
        AuthorityMembership.objects.create(
            user=lead, authority=authority, role="lead", restricted_access=True
        )
    for filing in Filing.objects.filter(status=FilingStatus.SUBMITTED):
        try:
            filing_start_review(actor=lead, filing=filing)
            filing_register(actor=lead, filing=filing)
        except DomainError:
            pass  # what the law does not let be registered stays unregistered


def _forbidden() -> dict[str, str]:
    """What must not reach the public: value -> what it is."""
    found: dict[str, str] = {}
    for user in User.objects.exclude(full_name=""):
        found[user.full_name] = "a person's name"
        found[user.email] = "a person's e-mail"
    for organisation in Organisation.objects.exclude(schema_name="public"):
        for value, what in (
            (organisation.vat_number, "a VAT number"),
            (organisation.contact_name, "a contact person"),
            (organisation.contact_email, "a contact e-mail"),
        ):
            if value:
                found[value] = what
        if organisation.schema_name.startswith("org_"):
            with tenant_context(organisation):
                for name, authority in CodeOfPracticeSignature.objects.values_list(
                    "signatory_name", "signatory_authority"
                ):
                    if name:
                        found[name] = "a Code of Practice signatory"
                    if authority:
                        found[authority] = "a signatory's authority to sign"
    return {value: what for value, what in found.items() if len(value) > 3}


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    embedded = [
        content.decode("utf-8", "replace")
        for contents in (reader.attachments or {}).values()
        for content in contents
    ]
    return text + "\n" + "\n".join(embedded)


def _body(response) -> str:  # type: ignore[no-untyped-def]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return _pdf_text(data)
    return data.decode("utf-8", "replace")


def _public_artefacts(client: Client) -> dict[str, str]:
    paths = [
        "/register/",
        "/signatories/",
        "/open-data/",
        "/open-data/register.csv",
        "/open-data/register.json",
        "/open-data/signatories.csv",
        "/open-data/signatories.json",
        "/api/v1/register/filings/",
        "/api/v1/register/signatories/",
    ]
    for row in client.get("/api/v1/register/filings/").json()["results"]:
        api = f"/api/v1/register/filings/{row['id']}/"
        paths += [f"/register/{row['id']}/", api, f"{api}versions/"]
        for version in client.get(f"{api}versions/").json()["results"]:
            number = version["number"]
            paths += [
                f"/register/{row['id']}/v/{number}/",
                f"/register/{row['id']}/v/{number}/pdf/",
                f"{api}versions/{number}/pdf/",
            ]
    artefacts = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        artefacts[path] = _body(response)
    return artefacts


def test_no_public_artefact_of_the_demo_holds_personal_data_or_a_vat_number(monkeypatch):  # type: ignore[no-untyped-def]
    for name in ("enqueue_pdf", "enqueue_public_pdf"):
        monkeypatch.setattr(f"registry.filings.tasks.{name}", lambda object_id: True)
    seed_demo()
    _register_everything_pending()
    for rendition in PublicRendition.objects.all():
        assert public_rendition_run(rendition_id=rendition.pk) == "ready"
    forbidden = _forbidden()
    assert len(forbidden) >= 10, forbidden  # the demo has people, contacts and VAT numbers
    artefacts = _public_artefacts(Client(HTTP_HOST="localhost"))
    pdfs = [path for path in artefacts if path.endswith("/pdf/")]
    assert pdfs, "the demo publishes at least one registered version"
    leaks = [
        f"{path}: {what} ({value!r})"
        for path, body in artefacts.items()
        for value, what in forbidden.items()
        if value in body
    ]
    leaks += [
        f"{path}: an e-mail address ({address!r})"
        for path, body in artefacts.items()
        for address in EMAIL.findall(body)
    ]
    assert leaks == [], "\n".join(sorted(leaks)[:40])
    # The register shows the demo's registered entries, so the search above read real content.
    assert json.loads(artefacts["/api/v1/register/filings/"])["results"]
