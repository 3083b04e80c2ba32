"""Provisioning benchmark: how long creating an organisation takes (schema, migrations, domain,
owner membership, audit event), on the embedded stack, in a throwaway database.

    .venv/bin/python -m bench.tenancy_provision [--count N] [--json PATH]   (target: median < 0.5 s)
"""

from __future__ import annotations

import itertools
import os
import sys
import time

from bench.common import Result, standalone, timing_result

_serial = itertools.count()


def provision_timings(count: int) -> list[float]:
    """Seconds per `organisation_provision` call, after one untimed warm-up."""
    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision

    owner = User.objects.create_user(email=f"bench-{time.time_ns()}@bench.test", password=None)
    timings = []
    for index in range(count + 1):
        started = time.perf_counter()
        organisation_provision(
            actor=owner, owner=owner, legal_name=f"Bench {index}",
            slug=f"prov-{os.getpid()}-{next(_serial)}", country="DE",
            organisation_type="private_company",
        )  # fmt: skip
        if index:  # the first one pays for imports and cold caches
            timings.append(time.perf_counter() - started)
    return timings


def run(count: int = 10) -> list[Result]:
    return [
        timing_result("tenancy", "provision an organisation", provision_timings(count),
                      limit=500, judge="median")
    ]  # fmt: skip


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--count", type=int, default=10)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
