"""Render benchmark: server time of each main page (tests/ui/pages.py) with the demo data, through
Django's test client (middleware, tenancy, queries, templates; no network, no browser), on the
embedded stack in a throwaway database.

    .venv/bin/python -m bench.page_render [N] [--json PATH]   (N requests per page, default 20;
                                                              target p95 < 100 ms)
"""

from __future__ import annotations

import statistics
import sys
import time

TARGET_MS = 100.0
WARM_UP = 5
ORG_SLUG = "helios"  # the demo organisation
PEOPLE = {  # the parts of tests/ui/pages.py, cast from portal/demo.py
    "member": "admin@helios.example",
    "outsider": "reviewer@bnetza.example",  # a regulator: member of no organisation
    "regulator": "reviewer@bnetza.example",
}


def measure(count: int) -> list[dict[str, object]]:
    import os

    import django

    # The failed-log-in page is posted WARM_UP + count times from one address: measure its
    # rendering, not the lock-out that django-axes answers with after LOGIN_FAILURE_LIMIT tries.
    os.environ["LOGIN_FAILURE_LIMIT"] = "1000000"
    django.setup()
    from django.conf import settings

    settings.AXES_FAILURE_LIMIT = 1_000_000  # read per attempt; the settings may predate the env
    from django.core.management import call_command
    from django.test import Client
    from django_tenants.utils import tenant_context

    from portal.accounts.models import User
    from portal.tenancy.models import Organisation
    from registry.workspace.models import AISystem, Evidence
    from tests.ui.pages import MAIN_PAGES, ORG

    call_command("portal_setup", "--demo", verbosity=0)
    rows = []
    # Paths naming a row ("/systems/{system}/") take the demo organisation's first system (file).
    with tenant_context(Organisation.objects.get(slug=ORG_SLUG)):
        ids = {
            "system": AISystem.objects.order_by("id").values_list("id", flat=True).first(),
            "evidence": Evidence.objects.order_by("id").values_list("id", flat=True).first(),
        }
    from portal.wsgi import freeze_loaded_objects

    freeze_loaded_objects()  # what a gunicorn worker does once loaded (portal/wsgi.py)
    for page in MAIN_PAGES:
        path = page.path.format(**ids)
        host = f"{ORG_SLUG}.localhost" if page.host == ORG else "localhost"
        client = Client(HTTP_HOST=host)
        if page.as_user:
            client.force_login(User.objects.get(email=PEOPLE[page.as_user]))
        timings = []
        for index in range(WARM_UP + count):
            started = time.perf_counter()
            response = client.post(path, page.post) if page.post is not None else client.get(path)
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
                "timings": [t / 1000 for t in timings],
            }
        )
    return rows


def run(count: int = 20) -> list:
    from bench.common import Result, timing_result

    results: list[Result] = []
    for row in measure(count):
        result = timing_result("page render", str(row["page"]), row["timings"], limit=TARGET_MS)
        if row["exempt"]:
            result.met, result.target, result.ratio = None, "exempt", None
            result.note = str(row["exempt"])
        results.append(result)
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("count", nargs="?", type=int, default=20, help="requests per page")


def main() -> int:
    from bench.common import standalone

    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
