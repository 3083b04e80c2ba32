"""What the regulator queue benchmark times: the console's queue page (`GET /regulator/` on the
public host, registry.register.web.views_regulator.queue: the page of filings, the per-status
counts and the organisation filter's choices, rendered), through Django's test client, for a few
reviewers and filters. Also its query count and the plan of its slowest query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

QUEUE_URL = "/regulator/"


@dataclass(frozen=True)
class Scenario:
    user: str  # an authority slug from regulator_queue.build_people
    query: str = ""  # the query string the console's filter form sends


SCENARIOS = {
    "DE reviewer, whole queue": Scenario("de-msa"),
    "DE reviewer, submitted, Annex III 4(a)": Scenario(
        "de-msa", "status=submitted&annex_iii_area=4(a)"
    ),
    "DE reviewer, page 40": Scenario("de-msa", "page=40"),
    "MT reviewer (small market), whole queue": Scenario("mt-msa"),
    "AI Office lead, Art 52 notifications": Scenario(
        "ai-office", "kind=gpai_art52_notification&status=submitted"
    ),
}


def _client(people: dict[str, Any], scenario: Scenario) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(people[scenario.user])
    return client


def page_runner(people: dict[str, Any], scenario: Scenario) -> Callable[[], int]:
    """A callable that fetches the page once and returns how many filings it listed."""
    client = _client(people, scenario)
    url = f"{QUEUE_URL}?{scenario.query}" if scenario.query else QUEUE_URL

    def fetch() -> int:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response.content.count(b'<a href="/regulator/filings/')

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
