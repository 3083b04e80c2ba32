"""The regulator API: jurisdiction, the queue's filters, review actions by session and by an
authority's key (attributed to the key; never a binding decision)."""

from __future__ import annotations

from portal.accounts.models import Authority
from portal.audit.models import AuditEvent
from registry.register.models import Filing, ReviewDecision
from tests.api.helpers import PUBLIC_HOST, assert_problem

BASE = "/api/v1/regulator/filings/"


def test_queue_lists_the_jurisdictions_filings_with_filters(api, make_key, msa, targets):
    filing = targets["filing_a"]
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    queue = client.get(BASE).json()["results"]
    assert [row["id"] for row in queue] == [filing]
    assert client.get(BASE + "?status=submitted&member_state=DE&annex_iii_area=4(a)").json()[
        "results"
    ]
    assert client.get(BASE + "?status=registered").json()["results"] == []
    assert client.get(BASE + "?organisation=globex").json()["results"] == []
    assert_problem(client.get(BASE + "?status=nonsense"), 400)
    detail = client.get(f"{BASE}{filing}/").json()
    assert detail["latest_snapshot"]["filing"]["version"] == 1
    assert [v["number"] for v in detail["versions"]] == [1]


def test_another_authority_sees_nothing(api, make_key, targets):
    filing = targets["filing_a"]
    office = Authority.objects.get(slug="ai-office")
    client = api(PUBLIC_HOST, key=make_key(office, scopes=["read", "write"]))
    assert client.get(BASE).json()["results"] == []
    assert_problem(client.get(f"{BASE}{filing}/"), 404)
    assert_problem(client.post(f"{BASE}{filing}/start-review/"), 404)
    assert Filing.objects.get(pk=filing).status == "submitted"


def test_key_reviews_under_its_own_name_but_cannot_register(api, make_key, msa, targets):
    filing = targets["filing_a"]
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read", "write"], name="MSA robot"))
    started = client.post(f"{BASE}{filing}/start-review/")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "under_review"
    decision = ReviewDecision.objects.get(version__filing_id=filing)
    assert decision.actor_label.startswith("API key aap_") and "MSA robot" in decision.actor_label
    assert decision.actor_id is None
    event = AuditEvent.objects.filter(action="filing.start_review").latest("id")
    assert event.actor_kind == "api_key"
    assert_problem(client.post(f"{BASE}{filing}/register/", {}), 403, "lead_required")
    assert Filing.objects.get(pk=filing).status == "under_review"


def test_request_changes_with_field_comments_and_lead_registers(api, regulator, lead_de, targets):
    filing = targets["filing_a"]
    reviewer = api(PUBLIC_HOST, user=regulator)
    bad = reviewer.post(
        f"{BASE}{filing}/request-changes/", {"comments": [{"field": "nope", "body": "x"}]}
    )
    assert_problem(bad, 400)
    assert Filing.objects.get(pk=filing).status == "submitted"
    lead = api(PUBLIC_HOST, user=lead_de)
    registered = lead.post(f"{BASE}{filing}/register/", {"version": 1})
    assert registered.status_code == 200, registered.content
    assert registered.json()["status"] == "registered"
    assert_problem(lead.post(f"{BASE}{filing}/reject/", {"reason": "late"}), 409)


def test_comment_then_request_changes(api, regulator, targets):
    filing = targets["filing_a"]
    client = api(PUBLIC_HOST, user=regulator)
    comment = client.post(f"{BASE}{filing}/comments/", {"field": "general", "body": "Check A5."})
    assert comment.status_code == 201 and comment.json()["author_label"] == regulator.email
    changed = client.post(
        f"{BASE}{filing}/request-changes/",
        {"comments": [{"field": "general", "body": "Describe the purpose."}], "version": 1},
    )
    assert changed.json()["status"] == "changes_requested"
    assert len(client.get(f"{BASE}{filing}/comments/").json()["results"]) == 2


def test_restricted_filings_stay_with_staff_granted_access(api, make_key, msa, regulator, targets):
    """Art 49(4): a key (and a reviewer without the grant) never sees the secure section."""
    filing = targets["filing_a"]
    Filing.objects.filter(pk=filing).update(restricted=True)
    key_client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read", "write"]))
    assert key_client.get(BASE).json()["results"] == []
    assert_problem(key_client.get(f"{BASE}{filing}/"), 404)
    assert_problem(key_client.post(f"{BASE}{filing}/start-review/"), 404)
    assert_problem(api(PUBLIC_HOST, user=regulator).get(f"{BASE}{filing}/"), 404)
    assert Filing.objects.get(pk=filing).status == "submitted"


def test_lead_cannot_register_a_filed_prohibited_system(api, lead_de, alice, org_a):
    from registry import rules
    from registry.register.services.submit import filing_version_submit
    from tests.register.factories import submission

    prohibited = rules.classify(
        {
            "role": "provider",
            "emotion_recognition": True,
            "emotion_recognition_setting": "workplace",
        }
    ).to_dict()
    made = submission(org_a, subject_id="moodmeter", classification=prohibited)
    filing = filing_version_submit(actor=alice, submission=made).filing
    lead = api(PUBLIC_HOST, user=lead_de)
    refused = lead.post(f"{BASE}{filing.pk}/register/", {"version": 1})
    body = assert_problem(refused, 409, "filing_kind_not_allowed")
    assert "Art 5" in body["detail"]
    assert Filing.objects.get(pk=filing.pk).status == "submitted"


def test_each_review_action_asks_its_ability(api, make_key, msa, regulator, targets):
    """portal.authz.AUTHORITY_ABILITIES: a read key reads only; a reviewer (person) reviews but
    registers nothing, refused before any filing is touched."""
    filing = targets["filing_a"]
    reader = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    assert reader.get(f"{BASE}{filing}/").status_code == 200
    assert_problem(reader.post(f"{BASE}{filing}/start-review/"), 403, "scope_missing")
    comment = {"field": "general", "body": "Please check."}
    assert_problem(reader.post(f"{BASE}{filing}/comments/", comment), 403, "scope_missing")
    reviewer = api(PUBLIC_HOST, user=regulator)
    assert_problem(
        reviewer.post(f"{BASE}{filing}/reject/", {"reason": "No."}), 403, "lead_required"
    )
    assert Filing.objects.get(pk=filing).status == "submitted"
    assert not ReviewDecision.objects.filter(version__filing_id=filing).exists()
