"""List pages at scale: an organisation's systems page with 1,000 and 10,000 systems (first page,
a search, a sort and a page 20 deep), server time through Django's test client and the HTML size
(target p95 < 100 ms, size independent of the number of systems), and the query count at 1 and
at 10,000 systems (target: the same).

    .venv/bin/python -m bench.list_pages [--systems 10000] [--runs 30]

Fixture: one organisation provisioned through the service, one system created and classified
through the services, then copies of it made by one `INSERT … SELECT … generate_series` in the
organisation's schema (tests/bulk.py), analysed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from bench.common import Result, progress, standalone, timing_result

BENCH = "list pages"
TARGET_MS = 100.0
SLUG = "lists-bench"


def _fixture() -> tuple[Any, Any]:
    from django_tenants.utils import tenant_context

    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision
    from registry.workspace import services

    owner = User.objects.create_user(email="lists@bench.test", password=None)
    organisation = organisation_provision(
        actor=owner, owner=owner, legal_name="Lists Bench GmbH", slug=SLUG, country="DE",
        organisation_type="private_company",
    )  # fmt: skip
    with tenant_context(organisation):
        seed = services.ai_system_create(
            actor=owner, trade_name="HireRank", role="provider", system_reference="HR 0",
            intended_purpose="Ranks job applications.", status="on_market",
            member_states=["DE", "FR"],
        )  # fmt: skip
        services.system_classify(
            actor=owner, system=seed, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
        seed.refresh_from_db()
    return organisation, owner, seed


def _grow(organisation: Any, seed: Any, have: int, want: int) -> None:
    from django_tenants.utils import tenant_context

    from tests.bulk import clone_rows

    with tenant_context(organisation):
        clone_rows(
            seed,
            want - have,
            trade_name=f"'System ' || lpad((g + {have})::text, 6, '0')",
            system_reference=f"'R' || (g + {have})",
        )


def _timed(client: Any, url: str, runs: int) -> tuple[list[float], int]:
    from django.conf import settings

    host = f"{SLUG}.{settings.PORTAL_DOMAIN}"
    size = 0
    for _ in range(3):
        client.get(url, HTTP_HOST=host)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=host)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        size = len(response.content)
    return samples, size


def _deep_url(client: Any, url: str, pages: int) -> str:
    import re

    from django.conf import settings

    host = f"{SLUG}.{settings.PORTAL_DOMAIN}"
    for _ in range(pages - 1):
        body = client.get(url, HTTP_HOST=host).content.decode()
        link = re.search(r'<a href="([^"]+)" rel="next"', body)
        if not link:
            break
        url = "/systems/" + link.group(1).replace("&amp;", "&")
    return url


def _queries(client: Any, url: str) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    host = f"{SLUG}.{settings.PORTAL_DOMAIN}"
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as context:
        client.get(url, HTTP_HOST=host)
    return sum(1 for q in context.captured_queries if not q["sql"].upper().startswith("SET "))


def run(systems: int = 10_000, runs: int = 30) -> list[Result]:
    from django.test import Client

    progress("lists: fixture")
    organisation, owner, seed = _fixture()
    client = Client()
    client.force_login(owner)
    results = []
    one = _queries(client, "/systems/")
    have = 1
    for size in sorted({1000, systems}):
        progress(f"lists: {size:,} systems")
        _grow(organisation, seed, have, size)
        have = size
        scenarios = {
            "first page": "/systems/",
            "search 'System 00042'": "/systems/?q=System+00042",
            "sorted by risk tier": "/systems/?sort=tier",
            "page 20": _deep_url(client, "/systems/?sort=-name", 20),
        }
        for name, url in scenarios.items():
            samples, html = _timed(client, url, runs)
            result = timing_result(
                BENCH, f"systems page, {size:,} systems, {name}", samples, limit=TARGET_MS
            )
            result.note = f"{html / 1024:.0f} KiB of HTML"
            result.extra = {"html_bytes": html, "url": url}
            results.append(result)
    many = _queries(client, "/systems/")
    results.append(
        Result(BENCH, f"systems page queries, 1 vs {systems:,} systems", "queries", many, None,
               2, target="the same", ratio=many / one, met=many == one,
               note=f"{one} at 1 system, {many} at {systems:,}")
    )  # fmt: skip
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--systems", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
