"""The public register API (Art 71): anonymous, read-only, only registered public entries and
only their public part; exports in JSON and CSV."""

from __future__ import annotations

import pytest

from tests.api.endpoints import PUBLIC_ENDPOINTS
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, assert_problem

BASE = "/api/v1/register/filings/"


@pytest.mark.parametrize("path", PUBLIC_ENDPOINTS)
def test_anyone_may_read_and_nobody_may_write(api, targets, path):
    client = api(PUBLIC_HOST)
    url = path.format_map(targets)
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code in (403, 405)
    assert_problem(api(ORG_A_HOST).get(url), 404)  # not served on an organisation's host


def test_only_registered_filings_are_public(api, targets):
    submitted, public = targets["filing_a"], targets["public_filing_a"]
    client = api(PUBLIC_HOST)
    assert [row["id"] for row in client.get(BASE).json()["results"]] == [public]
    assert_problem(client.get(f"{BASE}{submitted}/"), 404)
    detail = client.get(f"{BASE}{public}/").json()
    snapshot = detail["public_snapshot"]
    assert "submitted_by" not in snapshot["filing"]
    assert "risk_summary" not in snapshot and "evidence" not in snapshot
    assert detail["organisation"]["slug"] == "acme"


def test_exports_have_the_same_rows_in_json_and_csv(api, targets):
    public = targets["public_filing_a"]
    client = api(PUBLIC_HOST)
    rows = b"".join(client.get(BASE + "export/?format=json").streaming_content)
    csv = b"".join(client.get(BASE + "export/?format=csv").streaming_content).decode()
    assert public in rows.decode()
    assert csv.splitlines()[0].startswith("registration_number,")
    assert len(csv.strip().splitlines()) == 2


def test_unregistered_version_pdf_is_not_public(api, targets):
    client = api(PUBLIC_HOST)
    assert_problem(client.get(f"{BASE}{targets['public_filing_a']}/versions/2/pdf/"), 404)
    assert_problem(client.get(f"{BASE}{targets['filing_a']}/versions/1/pdf/"), 404)


def test_public_pdf_is_409_with_retry_after_while_the_public_copy_renders(api, cast, lead_de):
    from tests.web_public.helpers import registered

    filing = registered(cast.org_a, cast.owner_a, lead_de)  # its public copy is still queued
    response = api(PUBLIC_HOST).get(f"{BASE}{filing.pk}/versions/2/pdf/")
    assert_problem(response, 409, "pdf_not_ready")
    assert response["Retry-After"] == "5"
    versions = api(PUBLIC_HOST).get(f"{BASE}{filing.pk}/versions/").json()["results"]
    # Only registered versions are public (v1 had changes requested).
    assert [v["pdf"] and v["pdf"]["state"] for v in versions] == ["queued"]


def test_verify_answers_no_match_for_restricted_filings_and_refuses_bad_hashes(api, cast):
    from tests.web_public.helpers import file

    secure = file(cast.org_a, cast.owner_a, restricted=True)
    client = api(PUBLIC_HOST)
    answer = client.get(f"/api/v1/register/verify?sha256={secure.sha256}").json()
    assert answer["found"] is False and answer["registration_number"] == ""
    assert_problem(client.get("/api/v1/register/verify?sha256=abc"), 400)
    assert_problem(client.get("/api/v1/register/verify"), 400)
