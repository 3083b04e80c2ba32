"""The files a public registration cites can be downloaded from its public page, and nothing else
can (issue 15 item 10; Art 71(4), Annex VIII A11 and A12): the EU declaration of conformity and
the instructions for use of a registered, non-restricted version; the A13 address is a link."""

from __future__ import annotations

import copy
import hashlib

import pytest

from registry.filings.samples import sample_snapshot
from tests.register.factories import evidence_file
from tests.web_public.helpers import file, lead_for, registered

pytestmark = pytest.mark.django_db

DOC = b"%PDF-1.4 EU declaration of conformity HR-DoC-2026-03"
IFU = b"%PDF-1.4 instructions for use, version 4.2"
RISK = b"%PDF-1.4 internal risk assessment"


def _ref(evidence) -> dict:  # type: ignore[no-untyped-def]
    return {
        "filename": evidence.name,
        "sha256": evidence.sha256,
        "size": evidence.size,
        "content_type": evidence.content_type,
    }


def _citing(tmp_path, **kwargs) -> dict:  # type: ignore[no-untyped-def]
    """Submission keywords of an Annex VIII A filing whose A11 and A12 cite stored files, plus a
    risk-management file the filing carries but no public item cites."""
    doc = evidence_file(tmp_path, "declaration.pdf", DOC)
    ifu = evidence_file(tmp_path, "instructions.pdf", IFU)
    risk = evidence_file(tmp_path, "risk.pdf", RISK)
    registration = copy.deepcopy(sample_snapshot(kind="annex_viii_a")["registration"])
    for item in registration["items"]:
        fields = item.get("fields") or {}
        if "declaration_of_conformity" in fields:
            fields["declaration_of_conformity"] = _ref(doc)
        if "instructions_for_use" in fields:
            fields["instructions_for_use"] = _ref(ifu)
    return {"registration": registration, "evidence": (doc, ifu, risk), **kwargs}


def _url(filing, number: int, content: bytes) -> str:  # type: ignore[no-untyped-def]
    return f"/register/{filing.pk}/v/{number}/files/{hashlib.sha256(content).hexdigest()}/"


def test_public_entry_links_its_cited_files_and_serves_them(host_client, cast, lead, tmp_path):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead, **_citing(tmp_path))
    client = host_client("localhost")
    page = client.get(f"/register/{filing.pk}/").content.decode()
    number = filing.registered_version_number
    for content, name in ((DOC, "declaration.pdf"), (IFU, "instructions.pdf")):
        url = _url(filing, number, content)
        assert f'href="{url}"' in page
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
        assert response["X-Content-SHA256"] == hashlib.sha256(content).hexdigest()
        assert response["Content-Security-Policy"] == "sandbox"
        assert name in response["Content-Disposition"]
    # A13: the address is a link a reader follows, not text to copy.
    assert 'href="https://acme.example/hirerank/ai-act"' in page
    # Filed with the version but cited by no public item: not the public's.
    assert client.get(_url(filing, number, RISK)).status_code == 404
    assert _url(filing, number, RISK) not in page


def test_files_of_versions_the_public_may_not_read_are_not_served(host_client, cast, tmp_path):  # type: ignore[no-untyped-def]
    from portal.accounts.models import AuthorityMembership

    lead = lead_for()
    AuthorityMembership.objects.filter(user=lead).update(restricted_access=True)
    client = host_client("localhost")
    # Art 49(4): a restricted registration's files stay in the secure section.
    secure = registered(cast.org_a, cast.owner_a, lead, restricted=True, **_citing(tmp_path))
    assert client.get(_url(secure, 2, DOC)).status_code == 404
    # A version awaiting review (v2 of a registered entry): its files are not public yet.
    public = registered(cast.org_a, cast.owner_a, lead, **_citing(tmp_path))
    pending = file(cast.org_a, cast.owner_a, subject_id=public.subject_id, **_citing(tmp_path))
    assert client.get(_url(public, pending.number, DOC)).status_code == 404
    # The registered version's file stays downloadable; a made-up hash is not found.
    assert client.get(_url(public, public.registered_version_number, DOC)).status_code == 200
    assert client.get(_url(public, public.registered_version_number, b"other")).status_code == 404
