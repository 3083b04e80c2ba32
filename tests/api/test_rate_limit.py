"""Per-key (and per-user) rate limits answer 429 with Retry-After."""

from __future__ import annotations

from django.conf import settings
from django.test import override_settings

from tests.api.helpers import ORG_A_HOST, assert_problem


def _rates(**rates: str):  # type: ignore[no-untyped-def]
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    )


def test_exceeding_the_key_rate_is_429_with_retry_after(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a))
    with _rates(api_key="2/min", user="100/min", anon="100/min"):
        assert client.get("/api/v1/me").status_code == 200
        assert client.get("/api/v1/me").status_code == 200
        response = client.get("/api/v1/me")
    assert_problem(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_each_key_has_its_own_budget(api, make_key, org_a):
    first, second = api(ORG_A_HOST, key=make_key(org_a)), api(ORG_A_HOST, key=make_key(org_a))
    with _rates(api_key="1/min"):
        assert first.get("/api/v1/me").status_code == 200
        assert first.get("/api/v1/me").status_code == 429
        assert second.get("/api/v1/me").status_code == 200


def test_session_users_are_limited_per_user(api, alice):
    client = api(ORG_A_HOST, user=alice)
    with _rates(user="1/hour"):
        assert client.get("/api/v1/me").status_code == 200
        response = client.get("/api/v1/me")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) <= 3600


def test_every_counted_answer_says_where_the_caller_stands(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a))
    with _rates(api_key="2/min", user="100/min", anon="100/min"):
        answers = [client.get("/api/v1/me") for _ in range(3)]
    assert [a["RateLimit-Limit"] for a in answers] == ["2", "2", "2"]
    assert [a["RateLimit-Remaining"] for a in answers] == ["1", "0", "0"]
    assert all(1 <= int(a["RateLimit-Reset"]) <= 60 for a in answers)
    assert answers[2].status_code == 429 and answers[2]["Retry-After"]
