"""What the regulator queue benchmark times: the console's queue page (`GET /regulator/` on the
public host, registry.register.web.views_regulator.queue: the page of filings, the per-status
counts and the organisation filter's choices, rendered), through Django's test client, for a few
reviewers, filters, searches and a page 40 links deep; and the public register's search
(`GET /register/?q=…`, anonymous). Also the query count and the plan of the slowest query."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from typing import Any

QUEUE_URL = "/regulator/"


@dataclass(frozen=True)
class Scenario:
    user: str  # an authority slug from regulator_queue.build_people; "" for a visitor
    query: str = ""  # the query string the page's filter form sends
    depth: int = 0  # follow the "next page" link this many times first (a deep page, by cursor)
    url: str = QUEUE_URL
    row_link: bytes = b'<a href="/regulator/filings/'


REGISTER = {"user": "", "url": "/register/", "row_link": b'<td><a href="/register/'}
SCENARIOS = {
    "DE reviewer, whole queue": Scenario("de-msa"),
    "DE reviewer, submitted, Annex III 4(a)": Scenario(
        "de-msa", "status=submitted&annex_iii_area=4(a)"
    ),
    "DE reviewer, page 40 (cursor)": Scenario("de-msa", depth=39),
    "DE reviewer, search by name": Scenario("de-msa", "q=system+147"),
    "DE reviewer, search by registration number": Scenario("de-msa", "q=EU-BENCH-00012"),
    "MT reviewer (small market), whole queue": Scenario("mt-msa"),
    "AI Office lead, Art 52 notifications": Scenario(
        "ai-office", "kind=gpai_art52_notification&status=submitted"
    ),
    "public register, search by name": Scenario(query="q=system+147", **REGISTER),  # type: ignore[arg-type]
    "public register, search by organisation": Scenario(query="q=bench+0042", **REGISTER),  # type: ignore[arg-type]
    "public register, search matching most entries": Scenario(query="q=bench", **REGISTER),  # type: ignore[arg-type]
}


def _client(people: dict[str, Any], scenario: Scenario) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    if scenario.user:
        client.force_login(people[scenario.user])
    return client


def _url(client: Any, scenario: Scenario) -> str:
    """The scenario's URL; for a deep page, the one `depth` "next page" links away (or the last
    page, when there are fewer: the query count at 2,000 filings)."""
    url = f"{scenario.url}?{scenario.query}" if scenario.query else scenario.url
    for _ in range(scenario.depth):
        html = client.get(url).content.decode()
        found = re.search(r'<a href="([^"]*)" rel="next">', html)
        if found is None:
            break
        link = unescape(found.group(1))
        url = link if link.startswith("/") else f"{scenario.url}{link}"
    return url


def page_runner(people: dict[str, Any], scenario: Scenario) -> Callable[[], int]:
    """A callable that fetches the page once and returns how many filings it listed."""
    client = _client(people, scenario)
    url = _url(client, scenario)

    def fetch() -> int:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response.content.count(scenario.row_link)

    return fetch


def _captured(people: dict[str, Any], scenario: Scenario) -> list[dict[str, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch = page_runner(people, scenario)
    fetch()  # session and caches warm, as for the timed requests
    with CaptureQueriesContext(connection) as context:
        fetch()
    return [
        q for q in context.captured_queries if not q["sql"].upper().startswith("SET SEARCH_PATH")
    ]


def query_count(people: dict[str, Any], scenario: Scenario) -> int:
    return len(_captured(people, scenario))


def explain(people: dict[str, Any], scenario: Scenario) -> str:
    """EXPLAIN ANALYZE of the page's slowest query, with its share of the page's query time."""
    from django.db import connection

    queries = _captured(people, scenario)
    slowest = max(queries, key=lambda q: float(q["time"]))
    total = sum(float(q["time"]) for q in queries)
    with connection.cursor() as cursor:
        cursor.execute(f"explain (analyze, costs off, timing off) {slowest['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return (
        f"slowest of {len(queries)} queries: {float(slowest['time']) * 1000:.0f} of "
        f"{total * 1000:.0f} ms\n{slowest['sql'][:600]}\n{plan}"
    )
