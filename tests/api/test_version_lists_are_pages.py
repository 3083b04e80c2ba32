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
