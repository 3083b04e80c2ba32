"""One list shape everywhere (issue 18 item 2): a filing's versions (organisation, regulator,
public register) and the regulator's comments are the same cursor-paginated object as every
other list, `{next, previous, results}`, as the OpenAPI documents declare."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST
from tests.web_public.helpers import registered_twice

PAGE_KEYS = {"next", "previous", "results"}
LISTS = [
    (ORG_A_HOST, "/api/v1/filings/{draft_a}/versions/"),
    (PUBLIC_HOST, "/api/v1/regulator/filings/{filing_a}/versions/"),
    (PUBLIC_HOST, "/api/v1/regulator/filings/{filing_a}/comments/"),
    (PUBLIC_HOST, "/api/v1/register/filings/{public_filing_a}/versions/"),
]


def _client(api: Any, make_key: Any, host: str, cast: Any, msa: Any) -> Any:
    owner = cast.org_a if host == ORG_A_HOST else msa
    return api(host, key=make_key(owner, scopes=["read", "write"]))


@pytest.mark.parametrize(("host", "path"), LISTS)
def test_list_answers_a_page_object(api, make_key, cast, msa, targets, host, path):
    url = path.format_map(targets)
    if url.endswith("comments/"):
        _client(api, make_key, host, cast, msa).post(url, {"field": "general", "body": "A5?"})
    response = _client(api, make_key, host, cast, msa).get(url)
    assert response.status_code == 200, response.content
    page = response.json()
    assert isinstance(page, dict) and set(page) == PAGE_KEYS
    assert page["next"] is None and page["previous"] is None
    assert len(page["results"]) == 1


def _numbers(client: Any, url: str) -> list[list[int]]:
    """The version numbers of each page, following `next` one version at a time."""
    pages = []
    while url:
        page = client.get(url).json()
        pages.append([row["number"] for row in page["results"]])
        url = page["next"]
    return pages


@pytest.mark.parametrize("path", ["/api/v1/regulator/filings/", "/api/v1/register/filings/"])
def test_versions_page_through_in_filing_order(api, make_key, cast, msa, lead_de, path):
    filing = registered_twice(cast.org_a, cast.owner_a, lead_de)
    client = _client(api, make_key, PUBLIC_HOST, cast, msa)
    assert _numbers(client, f"{path}{filing.pk}/versions/?page_size=1") == [[1], [2]]
    assert _numbers(client, f"{path}{filing.pk}/versions/") == [[1, 2]]


def _reviewed_rounds(cast: Any, lead: Any, rounds: int) -> Any:
    """A filing with `rounds` versions, each sent back with one field comment."""
    from registry.register.services.review import filing_request_changes, filing_start_review
    from tests.web_public.helpers import file

    filing = None
    for _ in range(rounds):
        subject = {"subject_id": filing.subject_id} if filing is not None else {}
        filing = file(cast.org_a, cast.owner_a, **subject).filing
        filing_start_review(actor=lead, filing=filing)
        filing_request_changes(
            actor=lead, filing=filing, comments=[{"field": "A4", "body": "Give the version."}]
        )
    return filing


def test_version_pages_cost_the_same_queries_at_one_and_at_three_versions(
    api, make_key, cast, msa, lead_de
):
    from tests.queries import count_queries

    client = _client(api, make_key, PUBLIC_HOST, cast, msa)
    client.get("/api/v1/me")  # the key's first use records it: not part of the budget
    counts: dict[str, list[int]] = {"versions": [], "comments": []}
    for rounds in (1, 3):
        filing = _reviewed_rounds(cast, lead_de, rounds)
        for path, queries in counts.items():
            with count_queries() as log:
                page = client.get(f"/api/v1/regulator/filings/{filing.pk}/{path}/").json()
            assert len(page["results"]) == rounds
            queries.append(log.count)
    assert all(one == many for one, many in counts.values()), counts


def test_public_version_pages_cost_the_same_queries_at_one_and_at_two_versions(api, cast, lead_de):
    from tests.queries import count_queries
    from tests.web_public.helpers import registered

    client = api(PUBLIC_HOST)
    counts = []
    for filing, expected in (
        (registered(cast.org_a, cast.owner_a, lead_de), 1),
        (registered_twice(cast.org_a, cast.owner_a, lead_de), 2),
    ):
        with count_queries() as log:
            page = client.get(f"/api/v1/register/filings/{filing.pk}/versions/").json()
        assert len(page["results"]) == expected
        counts.append(log.count)
    assert counts[0] == counts[1], counts
