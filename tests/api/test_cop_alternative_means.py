"""/api/v1/cop-signatures/: a chapter not signed records its alternative adequate means
(Art 53(4), 55(2)) with evidence of the organisation's own; another organisation's evidence, or
alternative means on a signed chapter, are refused as problem+json and write nothing."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.workspace.models import CodeOfPracticeSignature
from tests.workspace.helpers import pdf, upload

URL = "/api/v1/cop-signatures/"
DECLINED = {
    "chapter": "copyright",
    "status": "declined",
    "status_date": "2025-08-01",
    "alternative_means": "Licensed corpora only; no crawling.",
}


def test_a_declined_chapter_records_its_alternative_means_and_evidence(  # type: ignore[no-untyped-def]
    api, make_key, cast, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    with tenant_context(cast.org_a):
        own = upload(cast.alice, pdf("licences"), title="Licence register")
    client = api("acme.localhost", key=make_key(cast.org_a, scopes=["admin", "read"]))
    response = client.post(URL, {**DECLINED, "alternative_evidence": [own.pk]})
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["alternative_means"] == DECLINED["alternative_means"]
    assert body["alternative_evidence"] == [own.pk]


def test_foreign_evidence_and_means_on_a_signed_chapter_are_refused(  # type: ignore[no-untyped-def]
    api, make_key, cast, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    with tenant_context(cast.org_b):
        foreign = upload(cast.owner_b, pdf("globex"), title="Globex file")
    client = api("acme.localhost", key=make_key(cast.org_a, scopes=["admin", "read"]))
    response = client.post(URL, {**DECLINED, "alternative_evidence": [foreign.pk + 10_000]})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "unknown_reference"
    signed = {
        "chapter": "copyright",
        "status": "signed",
        "status_date": "2025-08-01",
        "signatory_name": "Olga Owner",
        "signatory_authority": "CEO",
        "alternative_means": "Both.",
    }
    refused = client.post(URL, signed)
    assert refused.status_code == 400 and "alternative_means" in str(refused.json())
    with tenant_context(cast.org_a):
        assert not CodeOfPracticeSignature.objects.exists()
    # Another organisation's key is refused on this host.
    other = api("acme.localhost", key=make_key(cast.org_b, scopes=["admin", "read"]))
    assert other.post(URL, DECLINED).status_code in (401, 403)
