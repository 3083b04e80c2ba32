"""What every benchmark shares: the Result row, percentiles, and a throwaway embedded stack.

A benchmark module exposes ``run() -> list[Result]``, which expects Django to be set up against a
running stack (``bench_stack()`` does that), and a ``main()`` for ``python -m bench.<name>``, which
starts its own stack, runs, prints the rows and, with ``--json PATH``, writes them for the runner
(bench/__main__.py runs each module in its own process and stack: settings are read once per
process, and no benchmark's data can slow another one down).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    """One line of the table. ``ratio`` is the figure the target judges (value ÷ target, or the
    API read ratio itself); ``met`` is None when there is no target (informational rows)."""

    benchmark: str
    figure: str
    unit: str
    median: float | None = None
    p95: float | None = None
    n: int = 0
    target: str = ""
    ratio: float | None = None
    met: bool | None = None
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile (the value 95 % of samples do not exceed)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def timing_result(
    benchmark: str,
    figure: str,
    samples_s: Sequence[float],
    *,
    unit: str = "ms",
    limit: float | None = None,
    judge: str = "p95",
    note: str = "",
) -> Result:
    """Median and p95 of timings in seconds, shown in ``unit`` (ms or s), judged against
    ``limit`` (in ``unit``) on the ``judge`` statistic."""
    scale = 1000.0 if unit == "ms" else 1.0
    med, high = median(samples_s) * scale, p95(samples_s) * scale
    result = Result(benchmark, figure, unit, med, high, len(samples_s), note=note)
    if limit is not None:
        judged = med if judge == "median" else high
        result.target = f"{judge} < {limit:g} {unit}"
        result.ratio = judged / limit
        result.met = judged < limit
    return result


def load_average() -> float:
    return os.getloadavg()[0]


@contextmanager
def bench_stack(
    *, settings_module: str = "portal.settings", migrate: bool = True
) -> Iterator[dict[str, str]]:
    """A throwaway PostgreSQL + Redis in a temp dir; Django set up against it, public schema
    migrated. Yields the environment a subprocess (gunicorn, a worker) needs to use it."""
    from portal.devstack import stack

    with (
        tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp,
        stack(database="bench", var_dir=Path(tmp), persist=False) as env,
    ):
        extra = {
            **env,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PORTAL_ENV": "development",
            "DEBUG": "false",  # DEBUG keeps every query in memory; production does not
            "PORTAL_VAR": tmp,
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "LOG_LEVEL": "ERROR",  # 4xx pages are part of the benchmarks, not news
            # The benchmarks measure the portal, not its rate limits (600/min per key).
            "API_RATE_PER_KEY": "100000000/min",
            "API_RATE_PER_USER": "100000000/min",
            "API_RATE_ANONYMOUS": "100000000/min",
        }
        os.environ.update(extra)
        import django

        django.setup()
        if migrate:
            from django.core.management import call_command

            from portal.tenancy.services import public_tenant_ensure

            call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
            public_tenant_ensure()
        yield {**os.environ}


def format_table(results: Sequence[Result]) -> str:
    def num(value: float | None) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"

    header = ("benchmark", "figure", "median", "p95", "unit", "n", "ratio", "target", "met?")
    rows = [header]
    for r in results:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}"
        rows.append(
            (r.benchmark, r.figure, num(r.median), num(r.p95), r.unit, str(r.n), ratio,
             r.target or "-", met)
        )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {2, 3, 5, 6}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.benchmark} / {r.figure}: {r.note}" for r in results if r.note]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def standalone(
    run: Callable[..., list[Result]],
    *,
    description: str,
    needs_stack: bool = True,
    settings_module: str = "portal.settings",
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
) -> int:
    """`python -m bench.<name> [--json PATH] [module options]`: own stack, run, print, write."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="write the results here (for the runner)")
    if add_arguments:
        add_arguments(parser)
    args = vars(parser.parse_args())
    out = args.pop("json")
    # SIGTERM (the runner's timeout) unwinds like Ctrl-C, so the stack stops its servers.
    signal.signal(signal.SIGTERM, _terminate)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    if needs_stack:
        with bench_stack(settings_module=settings_module):
            results = run(**args)
    else:
        results = run(**args)
    print(format_table(results), flush=True)
    if out:
        out.write_text(json.dumps([r.to_json() for r in results], indent=2))
    return 0


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def progress(message: str) -> None:
    """Progress goes to stderr, so the runner's table on stdout stays clean."""
    print(f"  · {message}", file=sys.stderr, flush=True)
