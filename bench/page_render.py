"""Render benchmark: server time of each main page (tests/ui/pages.py) with the demo data, through
Django's test client (middleware, tenancy, queries, templates; no network, no browser), on the
embedded stack in a throwaway database.

    .venv/bin/python -m bench.page_render [N]        (N requests per page, default 50; target < 100 ms)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0
WARM_UP = 5
ORG_SLUG = "helios"  # the demo organisation
PEOPLE = {  # the parts of tests/ui/pages.py, cast from portal/demo.py
    "member": "admin@helios.example",
    "outsider": "reviewer@bnetza.example",  # a regulator: member of no organisation
    "regulator": "reviewer@bnetza.example",
}


def measure(count: int) -> list[dict[str, object]]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from portal.accounts.models import User
    from tests.ui.pages import MAIN_PAGES, ORG

    call_command("portal_setup", "--demo", verbosity=0)
    rows = []
    for page in MAIN_PAGES:
        host = f"{ORG_SLUG}.localhost" if page.host == ORG else "localhost"
        client = Client(HTTP_HOST=host)
        if page.as_user:
            client.force_login(User.objects.get(email=PEOPLE[page.as_user]))
        timings = []
        for index in range(WARM_UP + count):
            started = time.perf_counter()
            if page.post is not None:
                response = client.post(page.path, page.post)
            else:
                response = client.get(page.path)
            elapsed = time.perf_counter() - started
            if response.status_code != page.status:
                raise SystemExit(f"{page.name}: status {response.status_code}, not {page.status}")
            if index >= WARM_UP:
                timings.append(elapsed * 1000)
        timings.sort()
        rows.append(
            {
                "page": page.name,
                "n": count,
                "median": statistics.median(timings),
                "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
                "max": timings[-1],
                "exempt": page.bench_exempt,
            }
        )
    return rows


def main() -> None:
    from portal.devstack import stack

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with (
        tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp,
        stack(database="bench", var_dir=Path(tmp), persist=False) as env,
    ):
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        os.environ["DEBUG"] = "false"  # DEBUG keeps every query in memory; production does not
        os.environ["PORTAL_VAR"] = tmp
        rows = measure(count)
    print(
        f"{'page':<24} {'n':>4} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  target p95 < 100 ms"
    )
    for row in rows:
        verdict = "met" if row["p95"] < TARGET_MS else "NOT met"
        if row["exempt"]:
            verdict = f"exempt: {row['exempt']}"
        print(
            f"{row['page']:<24} {row['n']:>4} {row['median']:>10.1f} {row['p95']:>8.1f}"
            f" {row['max']:>8.1f}  {verdict}"
        )


if __name__ == "__main__":
    main()
