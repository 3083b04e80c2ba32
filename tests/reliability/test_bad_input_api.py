"""Bad input on the API: every endpoint that takes a body (tests/api/endpoints.py) × every bad
body (bad_bodies.py) gets a clear 4xx problem+json and changes nothing (rows and files)."""

from __future__ import annotations

import re

import pytest

from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from tests.api.endpoints import ENDPOINTS, Endpoint
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, ApiClient
from tests.reliability.bad_bodies import BAD_BODIES, BadBody
from tests.reliability.state import assert_unchanged, snapshot

pytestmark = pytest.mark.timeout(60)

WITH_BODY = [e for e in ENDPOINTS if e.method in ("POST", "PUT", "PATCH") and e.body is not None]


def _path(endpoint: Endpoint, targets: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(targets[m.group(1)]), endpoint.path)


def _refusal_problem(client: ApiClient, endpoint: Endpoint, path: str, case: BadBody) -> str:
    """What is wrong with the answer to one bad body ("" when it is a clean refusal)."""
    before = snapshot()
    response = client.client.generic(
        endpoint.method,
        path,
        data=case.make(endpoint.body),
        content_type=case.content_type,
        headers={**client.headers, **endpoint.headers, **case.headers},
    )
    status = response.status_code
    if status not in case.statuses:
        return f"{status} (want {sorted(case.statuses)}): {response.content[:300]!r}"
    if response["Content-Type"] != PROBLEM_CONTENT_TYPE:
        return f"{status} as {response['Content-Type']}, not problem+json"
    try:
        assert_unchanged(before)
    except AssertionError as exc:
        return f"{status} but {exc}"
    return ""


# One test per endpoint, every bad body in it: the whole matrix stays within seconds (the
# fixtures that build an endpoint's objects run once per endpoint, not once per body).
@pytest.mark.parametrize("endpoint", WITH_BODY, ids=[e.id for e in WITH_BODY])
def test_every_bad_body_gets_a_4xx_problem_and_changes_nothing(
    endpoint: Endpoint, cast, make_key, msa, targets, settings, tmp_path, lead_de
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if endpoint.host == "organisation":
        client = ApiClient(ORG_A_HOST, key=make_key(cast.org_a))
    elif endpoint.insider == "lead":
        # No key may register or reject (portal.authz: review.decide_final): a lead's session.
        client = ApiClient(PUBLIC_HOST, user=lead_de)
    else:
        client = ApiClient(PUBLIC_HOST, key=make_key(msa))
    path = _path(endpoint, targets)
    cases = [case for case in BAD_BODIES if case.applies(endpoint.body)]
    problems = {case.id: _refusal_problem(client, endpoint, path, case) for case in cases}
    assert not {k: v for k, v in problems.items() if v}
