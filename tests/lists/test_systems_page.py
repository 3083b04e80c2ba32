"""The systems page pages on the server: the same queries and about the same HTML at 1, 50 and
10,000 systems; next/previous walk every row once in each sort; filters, sort and page size stay
in the links; a cursor that is not ours shows the first page."""

from __future__ import annotations

import re

import pytest

from registry.workspace import services
from registry.workspace.models import AISystem
from tests.bulk import clone_rows
from tests.queries import count_queries

NEXT = re.compile(r'<a href="([^"]+)" rel="next"')
PREV = re.compile(r'<a href="([^"]+)" rel="prev"')
ROW = re.compile(r"<tr>\s*<td><a href=\"/systems/(\d+)/")


def _seed(alice, total: int) -> None:  # type: ignore[no-untyped-def]
    seed = services.ai_system_create(
        actor=alice, trade_name="System 0", role="provider", system_reference="R0"
    )
    services.system_classify(actor=alice, system=seed, facts={"role": "provider"})
    seed.refresh_from_db()
    if total > 1:
        # Names repeat every 7 rows so the sort's tie-break (id) is exercised.
        clone_rows(
            seed,
            total - 1,
            trade_name="'System ' || mod(g, 7)",
            system_reference="'R' || g",
            risk_tier="CASE WHEN mod(g, 3) = 0 THEN 'high_risk' ELSE risk_tier END",
        )


def _get(client, url: str):  # type: ignore[no-untyped-def]
    with count_queries() as log:
        response = client.get(url)
    assert response.status_code == 200
    return response, log.count


def test_queries_and_size_do_not_grow_with_the_list(as_alice, in_acme, alice):  # type: ignore[no-untyped-def]
    seen = {}
    have = 0
    for total in (1, 50, 10_000):
        with in_acme():
            _seed(alice, total) if have == 0 else clone_rows(
                AISystem.objects.order_by("id").first(),
                total - have,
                system_reference=f"'S{total}-' || g",
            )
        have = total
        _get(as_alice, "/systems/")  # warm caches (session, membership) alike for every size
        response, queries = _get(as_alice, "/systems/")
        seen[total] = (queries, len(response.content))
    assert seen[1][0] == seen[50][0] == seen[10_000][0], seen
    # A page of 50 rows: the page at 10,000 is no bigger than at 50 (same rows, longer labels).
    assert seen[10_000][1] < seen[50][1] * 1.1, seen
    body = response.content.decode()
    assert "About" in body and "results (estimated)" in body
    assert len(ROW.findall(body)) == 50


@pytest.mark.parametrize("sort", ["name", "-name", "updated", "tier"])
def test_next_and_previous_walk_every_row_once(as_alice, in_acme, alice, sort):  # type: ignore[no-untyped-def]
    with in_acme():
        _seed(alice, 23)
        expected = list(AISystem.objects.order_by(*_ordering(sort)).values_list("id", flat=True))
    url = f"/systems/?sort={sort}&page_size=5"
    pages, seen = [], []
    while url:
        body = as_alice.get(url).content.decode()
        ids = [int(i) for i in ROW.findall(body)]
        pages.append((url, ids))
        seen.extend(ids)
        match = NEXT.search(body)
        url = "/systems/" + match.group(1).replace("&amp;", "&") if match else ""
        assert len(pages) < 10
    assert seen == expected
    assert [len(ids) for _, ids in pages] == [5, 5, 5, 5, 3]
    # Walk back from the last page: each previous page is the page before it.
    body = as_alice.get(pages[-1][0]).content.decode()
    for _, ids in reversed(pages[:-1]):
        url = "/systems/" + PREV.search(body).group(1).replace("&amp;", "&")
        body = as_alice.get(url).content.decode()
        assert [int(i) for i in ROW.findall(body)] == ids
    assert not PREV.search(body)


def _ordering(sort: str) -> list[str]:
    from registry.workspace.selectors import SYSTEM_SORTS

    return list(next(s for s in SYSTEM_SORTS if s.key == sort).fields)


def test_filter_search_sort_and_size_stay_in_the_links(as_alice, in_acme, alice):  # type: ignore[no-untyped-def]
    with in_acme():
        _seed(alice, 40)
    body = as_alice.get(
        "/systems/?risk_tier=high_risk&q=system&sort=-name&page_size=5"
    ).content.decode()
    next_link = NEXT.search(body).group(1).replace("&amp;", "&")
    for part in ("risk_tier=high_risk", "q=system", "sort=-name", "page_size=5", "cursor="):
        assert part in next_link
    assert "Results: 13<" in body  # every third of 40, exactly counted
    second = as_alice.get("/systems/" + next_link).content.decode()
    with in_acme():
        high = set(AISystem.objects.filter(risk_tier="high_risk").values_list("id", flat=True))
    assert {int(i) for i in ROW.findall(second)} <= high


def test_search_finds_a_substring_of_the_reference(as_alice, in_acme, alice):  # type: ignore[no-untyped-def]
    with in_acme():
        _seed(alice, 30)
    body = as_alice.get("/systems/?q=r17").content.decode()
    assert len(ROW.findall(body)) == 1
    assert "Results: 1<" in body


def test_a_cursor_that_is_not_ours_shows_the_first_page(as_alice, in_acme, alice):  # type: ignore[no-untyped-def]
    with in_acme():
        _seed(alice, 3)
    for cursor in ("garbage", "eyJrIjpbMV0sImIiOjAsInMiOiJuYW1lIn0", "e30"):
        response = as_alice.get(f"/systems/?cursor={cursor}")
        assert response.status_code == 200
        body = response.content.decode()
        assert "no longer valid" in body
        assert len(ROW.findall(body)) == 3
    assert as_alice.get("/systems/?page_size=100000").status_code == 200
