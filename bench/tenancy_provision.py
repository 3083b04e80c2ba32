"""Provisioning benchmark: how long creating an organisation takes (schema, migrations, domain,
owner membership, audit event), on the embedded stack, in a throwaway database.

    .venv/bin/python -m bench.tenancy_provision [N]      (target: median < 0.5 s)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def measure(count: int) -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command

    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision, public_tenant_ensure

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    public_tenant_ensure()
    owner = User.objects.create_user(email=f"bench-{time.time_ns()}@bench.test", password=None)
    timings = []
    for index in range(count):
        started = time.perf_counter()
        organisation_provision(actor=owner, owner=owner, legal_name=f"Bench {index}",
                               slug=f"bench-{os.getpid()}-{index}", country="DE",
                               organisation_type="private_company")
        timings.append(time.perf_counter() - started)
    timings.sort()
    return {
        "count": count,
        "median_s": statistics.median(timings),
        "p95_s": timings[max(0, int(len(timings) * 0.95) - 1)],
        "max_s": timings[-1],
    }


def main() -> None:
    from portal.devstack import stack

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp, stack(
        database="bench", var_dir=Path(tmp), persist=False
    ) as env:
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        result = measure(count)
    print(f"provision organisation  n={result['count']}  median {result['median_s']*1000:.0f} ms"
          f"  p95 {result['p95_s']*1000:.0f} ms  max {result['max_s']*1000:.0f} ms"
          f"  target < 500 ms median: {'met' if result['median_s'] < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
