"""Who sees each version (issue 11 items 1-4): visibility belongs to each version, not to the
filing's newest one.

Three histories, each read by every kind of reader on every path:

- restricted -> unrestricted: v1 filed in the Art 49(4) secure section and registered, v2 filed
  outside it and pending. Nothing of the entry reaches a reader without restricted access.
- DE -> NL: v1 names DE and is registered, v2 names NL only and is pending. The DE authority keeps
  the filing and v1; the NL authority sees v2, not v1; the public sees v1 only.
- registered v1 + pending v2 withdrawn: withdrawing v2 leaves the registered v1 public; only a
  second withdrawal takes the entry out of the public register.

A path "shows" a version when it answers anything but 404 (a PDF download is 200 here) or when the
version appears in a listing; every path is checked and all failures are reported at once.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from portal.accounts.models import Authority, AuthorityMembership, User
from registry.register import storage
from registry.register.models import Filing, FilingStatus, FilingVersion, PdfJobState
from registry.register.services.review import (
    filing_register,
    filing_start_review,
    filing_withdraw,
)
from registry.register.services.submit import filing_version_submit
from tests.register.factories import evidence_file, submission

pytestmark = pytest.mark.django_db

PUBLIC = "localhost"


def _user(email: str) -> User:
    return User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, full_name=email.split("@")[0].title()
    )


def _member(authority: Authority, email: str, *, role: str, restricted: bool) -> User:
    user = _user(email)
    AuthorityMembership.objects.create(
        user=user, authority=authority, role=role, restricted_access=restricted
    )
    return user


@dataclass
class Readers:
    de_lead: User  # DE, lead, Art 49(4) access: registers and sees everything of DE
    de_reviewer: User  # DE, no restricted access
    nl_reviewer: User  # NL, restricted access
    nl_lead: User
    office: User  # AI Office lead with restricted access
    outsider: User  # owner of another organisation
    de_key: str  # an API key of the DE authority


@pytest.fixture
def readers(cast) -> Readers:  # type: ignore[no-untyped-def]
    from portal.accounts.api_keys import api_key_create

    de = Authority.objects.get(slug="de-msa")
    nl = Authority.objects.create(
        name="Dutch MSA (test)", slug="nl-msa", kind="national_msa", member_states=["NL"]
    )
    de_lead = _member(de, "lead-r@de.test", role="lead", restricted=True)
    _key, de_key = api_key_create(
        actor=de_lead, name="DE key", scopes=["read", "write"], authority=de
    )
    return Readers(
        de_lead=de_lead,
        de_reviewer=cast.regulator,
        nl_reviewer=_member(nl, "reviewer@nl.test", role="reviewer", restricted=True),
        nl_lead=_member(nl, "lead@nl.test", role="lead", restricted=True),
        office=_user("lead@ai-office.test"),
        outsider=_user("owner@globex.test"),
        de_key=de_key,
    )


def _file(org, actor, subject_id: str, **kwargs: Any) -> FilingVersion:  # type: ignore[no-untyped-def]
    return filing_version_submit(
        actor=actor, submission=submission(org, subject_id=subject_id, **kwargs)
    )


def _pdf_ready(version: FilingVersion) -> None:
    """Stand in for the worker: the version's PDF is stored and ready (rendering is tested in
    tests/register/test_pdf_jobs.py; here only who may download it matters)."""
    data = f"%PDF-1.7 version {version.pk}".encode()
    sha, size, relative = storage.store_bytes("pdf", data, ".pdf")
    job = version.pdf_job
    job.state, job.pdf_sha256, job.pdf_size, job.storage_path = (
        PdfJobState.READY,
        sha,
        size,
        relative,
    )
    job.save()
    copy = getattr(version, "public_rendition", None)  # made when a version is registered
    if copy is not None:
        data = f"%PDF-1.7 public copy {version.pk}".encode()
        sha, size, relative = storage.store_bytes("pdf", data, ".pdf")
        copy.state, copy.pdf_sha256, copy.pdf_size, copy.storage_path = (
            PdfJobState.READY,
            sha,
            size,
            relative,
        )
        copy.save()


def _register(filing: Filing, lead: User) -> None:
    filing_start_review(actor=lead, filing=filing)
    filing_register(actor=lead, filing=filing)


# --- what each path shows ---------------------------------------------------------------------


def _client(user: User | None = None) -> Client:
    client = Client(HTTP_HOST=PUBLIC)
    if user is not None:
        client.force_login(user)
    return client


def _shows(response: Any) -> bool:
    return response.status_code == 200


# Paths that show the entry (any of its registered versions), not one version.
ENTRY_LEVEL = {"register search", "open data"}


def _public_paths(filing: Filing, version: FilingVersion, ev_sha: str) -> dict[str, bool]:
    """Public paths: what an anonymous visitor (or anyone, the public host is the same) gets."""
    client = _client()
    base = f"/register/{filing.pk}"
    api = f"/api/v1/register/filings/{filing.pk}"
    search = client.get("/register/", {"q": filing.registration_number})
    api_versions = client.get(f"{api}/versions/")
    listed_versions = (
        [row["number"] for row in _rows(api_versions.json())] if _shows(api_versions) else []
    )
    open_data = client.get("/open-data/register.csv")
    verify = client.post("/verify/", {"sha256": version.sha256})
    return {
        "register search": f"/register/{filing.pk}/" in search.content.decode(),
        "entry version page": _shows(client.get(f"{base}/v/{version.number}/")),
        "entry version PDF": _shows(client.get(f"{base}/v/{version.number}/pdf/")),
        "API version listed": version.number in listed_versions,
        "API version PDF": _shows(client.get(f"{api}/versions/{version.number}/pdf/")),
        "open data": filing.registration_number in _csv_text(open_data),
        "verify": _verified(verify),
    }


def _rows(payload: Any) -> list[dict[str, Any]]:
    return payload["results"]


def _csv_text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(",".join(row) for row in csv.reader(io.StringIO(body.decode())))


def _verified(response: Any) -> bool:
    text = response.content.decode()
    return response.status_code == 200 and "verify-ok" in text


def _console_paths(
    user: User, filing: Filing, version: FilingVersion, ev_sha: str
) -> dict[str, bool]:
    client = _client(user)
    base = f"/regulator/filings/{filing.pk}"
    api = f"/api/v1/regulator/filings/{filing.pk}"
    api_versions = client.get(f"{api}/versions/")
    listed = [row["number"] for row in _rows(api_versions.json())] if _shows(api_versions) else []
    filing_page = client.get(f"{base}/")
    return {
        "console version page": _shows(client.get(f"{base}/v/{version.number}/")),
        "console version PDF": _shows(client.get(f"{base}/v/{version.number}/pdf/")),
        "console evidence": _shows(client.get(f"{base}/evidence/{ev_sha}/")),
        "console filing page lists the version": _shows(filing_page)
        and f"{base}/v/{version.number}/" in filing_page.content.decode(),
        "API version listed": version.number in listed,
        "API version PDF": _shows(client.get(f"{api}/versions/{version.number}/pdf/")),
    }


def _key_paths(key: str, filing: Filing, version: FilingVersion) -> dict[str, bool]:
    client = Client(HTTP_HOST=PUBLIC, HTTP_AUTHORIZATION=f"Bearer {key}")
    api = f"/api/v1/regulator/filings/{filing.pk}"
    api_versions = client.get(f"{api}/versions/")
    listed = [row["number"] for row in _rows(api_versions.json())] if _shows(api_versions) else []
    return {
        "API version listed": version.number in listed,
        "API version PDF": _shows(client.get(f"{api}/versions/{version.number}/pdf/")),
    }


def _provider_entry_search(org_user: User, org, filing: Filing) -> bool:  # type: ignore[no-untyped-def]
    client = Client(HTTP_HOST=f"{org.slug}.localhost")
    client.force_login(org_user)
    response = client.get("/filings/provider-entries/", {"provider_q": filing.subject_name})
    return filing.registration_number in response.content.decode()


def _check(expect: dict[str, dict[str, bool]], seen: dict[str, dict[str, bool]]) -> None:
    wrong = [
        f"{who}: {path} {'shown' if seen[who][path] else 'hidden'}, expected "
        f"{'shown' if wanted else 'hidden'}"
        for who, paths in expect.items()
        for path, wanted in paths.items()
        if seen[who][path] != wanted
    ]
    assert wrong == [], "\n".join(wrong)


def _all(paths: dict[str, bool], value: bool) -> dict[str, bool]:
    return {path: value for path in paths}


def _readings(
    readers: Readers, filing: Filing, version: FilingVersion, ev_sha: str, org_user: User, org_b
) -> dict[str, dict[str, bool]]:  # type: ignore[no-untyped-def]
    public = _public_paths(filing, version, ev_sha)
    return {
        "anonymous": public,
        "other organisation's member (provider-entry search)": {
            "provider-entry search": _provider_entry_search(org_user, org_b, filing)
        },
        "other organisation's member (console)": _console_paths(
            readers.outsider, filing, version, ev_sha
        ),
        "DE reviewer without restricted access": _console_paths(
            readers.de_reviewer, filing, version, ev_sha
        ),
        "DE lead with restricted access": _console_paths(readers.de_lead, filing, version, ev_sha),
        "NL reviewer": _console_paths(readers.nl_reviewer, filing, version, ev_sha),
        "DE authority key": _key_paths(readers.de_key, filing, version),
        "AI Office": _console_paths(readers.office, filing, version, ev_sha),
    }


# --- the three histories ------------------------------------------------------------------------


def test_a_restricted_version_stays_restricted_after_an_unrestricted_one(
    readers, org_a, org_b, alice, tmp_path
):  # type: ignore[no-untyped-def]
    subject = uuid.uuid4().hex
    evidence = (evidence_file(tmp_path, "a6.pdf", b"%PDF-1.4 restricted instructions"),)
    v1 = _file(org_a, alice, subject, restricted=True, evidence=evidence)
    _register(v1.filing, readers.de_lead)
    v2 = _file(org_a, alice, subject, restricted=False, evidence=evidence)
    for version in (v1, v2):
        _pdf_ready(version)
    filing = Filing.objects.get(pk=v1.filing_id)
    assert filing.restricted, "a filing that was ever restricted stays restricted"
    ev_sha = evidence[0].sha256
    owner_b = _user("owner@globex.test")
    for version in (v1, v2):
        seen = _readings(readers, filing, version, ev_sha, owner_b, org_b)
        _check(
            {
                "anonymous": _all(seen["anonymous"], False),
                "other organisation's member (provider-entry search)": {
                    "provider-entry search": False
                },
                "other organisation's member (console)": _all(
                    seen["other organisation's member (console)"], False
                ),
                "DE reviewer without restricted access": _all(
                    seen["DE reviewer without restricted access"], False
                ),
                "DE lead with restricted access": _all(
                    seen["DE lead with restricted access"], True
                ),
                "NL reviewer": _all(seen["NL reviewer"], False),
                "DE authority key": _all(seen["DE authority key"], False),
                "AI Office": _all(seen["AI Office"], False),
            },
            seen,
        )


def test_an_authority_keeps_the_versions_filed_in_its_member_state(
    readers, org_a, org_b, alice, tmp_path
):  # type: ignore[no-untyped-def]
    subject = uuid.uuid4().hex
    de_evidence = (evidence_file(tmp_path, "de.pdf", b"%PDF-1.4 DE only"),)
    nl_evidence = (evidence_file(tmp_path, "nl.pdf", b"%PDF-1.4 NL only"),)
    v1 = _file(org_a, alice, subject, member_states=("DE",), evidence=de_evidence)
    _register(v1.filing, readers.de_lead)
    v2 = _file(org_a, alice, subject, member_states=("NL",), evidence=nl_evidence)
    for version in (v1, v2):
        _pdf_ready(version)
    filing = Filing.objects.get(pk=v1.filing_id)
    assert sorted(filing.member_states) == ["DE", "NL"]
    owner_b = _user("owner@globex.test")
    v1_seen = _readings(readers, filing, v1, de_evidence[0].sha256, owner_b, org_b)
    v2_seen = _readings(readers, filing, v2, nl_evidence[0].sha256, owner_b, org_b)
    _check(
        {
            # The public sees the registered v1, and v2 only once it is registered (item 4).
            "anonymous": _all(v1_seen["anonymous"], True),
            "other organisation's member (provider-entry search)": {"provider-entry search": True},
            "other organisation's member (console)": _all(
                v1_seen["other organisation's member (console)"], False
            ),
            "DE reviewer without restricted access": _all(
                v1_seen["DE reviewer without restricted access"], True
            ),
            "DE lead with restricted access": _all(v1_seen["DE lead with restricted access"], True),
            "NL reviewer": _all(v1_seen["NL reviewer"], False),
            "DE authority key": _all(v1_seen["DE authority key"], True),
            "AI Office": _all(v1_seen["AI Office"], False),
        },
        v1_seen,
    )
    _check(
        {
            # The entry itself stays listed (its registered v1); v2 is not published.
            "anonymous": {
                **_all(v2_seen["anonymous"], False),
                **{path: True for path in ENTRY_LEVEL},
            },
            "DE reviewer without restricted access": _all(
                v2_seen["DE reviewer without restricted access"], False
            ),
            "DE lead with restricted access": _all(
                v2_seen["DE lead with restricted access"], False
            ),
            "NL reviewer": _all(v2_seen["NL reviewer"], True),
            "DE authority key": _all(v2_seen["DE authority key"], False),
            "AI Office": _all(v2_seen["AI Office"], False),
        },
        v2_seen,
    )
    # Only an authority that may read v2 decides on it.
    from portal.errors import NotFound

    with pytest.raises(NotFound) as refused:
        filing_start_review(actor=readers.de_lead, filing=filing)
    assert refused.value.code == "version_not_found"
    filing_start_review(actor=readers.nl_lead, filing=filing)
    filing_register(actor=readers.nl_lead, filing=filing)
    v2.refresh_from_db()
    assert v2.status == FilingStatus.REGISTERED


def test_withdrawing_a_pending_version_leaves_the_registered_entry_public(readers, org_a, alice):  # type: ignore[no-untyped-def]
    subject = uuid.uuid4().hex
    v1 = _file(org_a, alice, subject)
    _register(v1.filing, readers.de_lead)
    v2 = _file(org_a, alice, subject)
    _pdf_ready(v1)
    filing = Filing.objects.get(pk=v1.filing_id)
    filing_withdraw(actor=alice, filing=filing, reason="sent too early")
    filing.refresh_from_db()
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (filing.status, v1.status, v2.status) == (
        FilingStatus.REGISTERED,
        FilingStatus.REGISTERED,
        FilingStatus.WITHDRAWN,
    )
    seen = _public_paths(filing, v1, "")
    assert seen == _all(seen, True), seen
    v2_public = _public_paths(filing, v2, "")
    assert not any(v for path, v in v2_public.items() if path not in ENTRY_LEVEL), v2_public
    # Withdrawing again withdraws the registered entry itself: it leaves the public register.
    filing_withdraw(actor=alice, filing=filing, reason="off the market")
    filing.refresh_from_db()
    v1.refresh_from_db()
    assert (filing.status, v1.status) == (FilingStatus.WITHDRAWN, FilingStatus.WITHDRAWN)
    assert not any(_public_paths(filing, v1, "").values())


def test_a_registered_entry_can_be_withdrawn_after_a_later_version_was_rejected(
    readers, org_a, alice
):  # type: ignore[no-untyped-def]
    from registry.register.services.review import filing_reject, withdrawal_effect

    subject = uuid.uuid4().hex
    v1 = _file(org_a, alice, subject)
    _register(v1.filing, readers.de_lead)
    _file(org_a, alice, subject)
    filing = Filing.objects.get(pk=v1.filing_id)
    filing_start_review(actor=readers.de_lead, filing=filing)
    filing_reject(actor=readers.de_lead, filing=filing, reason="Not this change.")
    filing.refresh_from_db()
    # v1 is still registered and public; the page and the service agree that it can go.
    assert withdrawal_effect(filing) == "entry"
    filing_withdraw(actor=alice, filing=filing, reason="off the market")
    filing.refresh_from_db()
    v1.refresh_from_db()
    assert (filing.status, v1.status) == (FilingStatus.WITHDRAWN, FilingStatus.WITHDRAWN)
    assert withdrawal_effect(filing) == ""
