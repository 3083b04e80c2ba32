"""The review loop and discarding drafts through the API: the same services as the web
(registry.register.services.comments, workspace drafts), the same refusals."""

from __future__ import annotations

from registry.register.models import ReviewComment
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, assert_problem

REGULATOR = "/api/v1/regulator/filings/"


def test_organisation_answers_and_the_reviewer_confirms(
    api, make_key, org_a, regulator, cast, targets
):  # type: ignore[no-untyped-def]
    filing, draft = targets["filing_a"], targets["draft_a"]
    reviewer = api(PUBLIC_HOST, user=regulator)
    made = reviewer.post(
        f"{REGULATOR}{filing}/comments/", {"field": "general", "body": "Check A5."}
    )
    comment = made.json()["id"]
    assert made.json()["state"] == "open"
    assert_problem(reviewer.post(f"{REGULATOR}{filing}/comments/{comment}/confirm/"), 409)
    org = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    url = f"/api/v1/filings/{draft}/comments/{comment}/resolve/"
    assert_problem(org.post(url, {"resolution": ""}), 400)
    assert ReviewComment.objects.get(pk=comment).resolved_at is None
    answered = org.post(url, {"resolution": "A5 now names the components."})
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "resolved"
    # Another authority does not see the filing; the writing authority confirms.
    office = api(PUBLIC_HOST, user=cast.ai_office_lead)
    assert_problem(office.post(f"{REGULATOR}{filing}/comments/{comment}/confirm/"), 404)
    confirmed = reviewer.post(f"{REGULATOR}{filing}/comments/{comment}/confirm/")
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"
    assert_problem(org.post(url, {"resolution": "Again."}), 409)
    reopened = reviewer.post(f"{REGULATOR}{filing}/comments/{comment}/reopen/")
    assert reopened.json()["state"] == "open"
    assert_problem(
        org.post(f"/api/v1/filings/{draft}/comments/999999/resolve/", {"resolution": "x"}), 404
    )


def test_a_draft_never_filed_is_deleted_and_a_filed_one_is_not(api, make_key, org_a, targets):  # type: ignore[no-untyped-def]
    org = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    filed = org.delete(f"/api/v1/filings/{targets['draft_a']}/")
    assert_problem(filed, 409)
    assert filed.json()["code"] == "draft_filed"
    never = targets["draft_ready_a"]
    assert org.delete(f"/api/v1/filings/{never}/").status_code == 204
    assert_problem(org.get(f"/api/v1/filings/{never}/"), 404)
    reader = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"]))
    assert_problem(reader.delete(f"/api/v1/filings/{targets['draft_a']}/"), 403)
