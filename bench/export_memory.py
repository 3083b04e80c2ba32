"""Export memory: `GET /api/v1/systems/export` (CSV and JSON) of 100,000 systems, read through
Django's test client chunk by chunk; the peak growth of the process's resident memory over what
it held before the request (target: flat, well under 50 MiB, i.e. independent of the number of
rows), against holding the same rows in a list, which is what the JSON export did before it
streamed (portal/streaming.py).

    .venv/bin/python -m bench.export_memory [--rows 100000]

Fixture: one organisation provisioned through the service, one system created through the
service, then copies of it made by one `INSERT … SELECT … generate_series` (tests/bulk.py).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.common import Result, progress, standalone

BENCH = "export memory"
SLUG = "export-bench"
TARGET_MIB = 50.0
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    """Resident memory of this process now, in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def _peak_growth(consume: Callable[[Callable[[], None]], Any]) -> tuple[float, float, Any]:
    """Peak RSS growth in MiB while ``consume`` runs (it calls the sampler as it goes), and the
    seconds it took."""
    gc.collect()
    base = _rss()
    peak = base

    def sample() -> None:
        nonlocal peak
        peak = max(peak, _rss())

    started = time.perf_counter()
    out = consume(sample)
    elapsed = time.perf_counter() - started
    sample()
    return (peak - base) / 2**20, elapsed, out


def _fixture(rows: int) -> Any:
    from django_tenants.utils import tenant_context

    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision
    from registry.workspace import services
    from tests.bulk import clone_rows

    owner = User.objects.create_user(email="export@bench.test", password=None)
    organisation = organisation_provision(
        actor=owner, owner=owner, legal_name="Export Bench GmbH", slug=SLUG, country="DE",
        organisation_type="private_company",
    )  # fmt: skip
    with tenant_context(organisation):
        seed = services.ai_system_create(
            actor=owner, trade_name="HireRank", role="provider", system_reference="HR 0",
            intended_purpose="Ranks job applications for recruiters; " * 8, status="on_market",
            member_states=["DE", "FR"], provider_address="Friedrichstraße 1, 10117 Berlin",
        )  # fmt: skip
        clone_rows(
            seed,
            rows - 1,
            trade_name="'System ' || lpad(g::text, 6, '0')",
            system_reference="'R' || g",
        )
    return owner


def run(rows: int = 100_000) -> list[Result]:
    from django.conf import settings
    from django.test import Client

    progress(f"export: {rows:,} systems")
    owner = _fixture(rows)
    client = Client(HTTP_HOST=f"{SLUG}.{settings.PORTAL_DOMAIN}")
    client.force_login(owner)
    results = []
    for fmt in ("csv", "json"):
        progress(f"export: streaming {fmt}")

        def stream(sample: Callable[[], None], fmt: str = fmt) -> tuple[int, int]:
            response = client.get(f"/api/v1/systems/export?format={fmt}")
            assert response.status_code == 200 and response.streaming, response
            size = lines = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                lines += 1
                if lines % 1000 == 0:
                    sample()
            return size, lines

        growth, seconds, (size, _lines) = _peak_growth(stream)
        results.append(
            Result(BENCH, f"`systems/export?format={fmt}`, {rows:,} rows, peak RSS growth",
                   "MiB", growth, None, 1, target=f"< {TARGET_MIB:g} MiB, flat",
                   ratio=growth / TARGET_MIB, met=growth < TARGET_MIB,
                   note=f"{size / 2**20:.0f} MiB written in {seconds:.1f} s",
                   extra={"bytes": size, "seconds": seconds})
        )  # fmt: skip
    progress("export: the same rows held in a list (as the JSON export did before)")

    def held(sample: Callable[[], None]) -> int:
        from django_tenants.utils import tenant_context

        from portal.api.v1.bulk_format import export_rows
        from portal.tenancy.models import Organisation

        with tenant_context(Organisation.objects.get(slug=SLUG)):
            everything = list(export_rows())
        sample()
        return len(everything)

    growth, seconds, _count = _peak_growth(held)
    results.append(
        Result(BENCH, f"the same {rows:,} rows held in a list (before)", "MiB", growth, None, 1,
               note=f"{seconds:.1f} s; what streaming saves")
    )  # fmt: skip
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--rows", type=int, default=100_000)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
