"""Filing PDF render time and memory: `python -m bench.pdf_render [--runs N] [--large-runs N]`.

(`run()` gives the same figures as rows for `make bench`; bench/pdf_worker.py times the same
render through a real worker.)

Renders the sample filing of the tests (registry.filings.samples) after one warm-up render:
a typical Section A filing (13 items, 10 explanation steps, 10 risks, 13 QMS aspects, 10
evidence files; target: under 0.5 s) and a filing of about fifty pages (620 risk rows). Prints
median and p95 wall time, page counts and the process's peak RSS. Needs no Django settings.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time

from registry.filings.canonical import canonical_json
from registry.filings.pdf import RenderedPdf, render_filing_pdf
from registry.filings.samples import sample_snapshot

TYPICAL_TARGET_SECONDS = 0.5
LARGE_RISK_ROWS = 620
LARGE_EVIDENCE_ROWS = 60


def measure(canonical: bytes, runs: int) -> tuple[list[float], list[float], RenderedPdf]:
    """Wall-clock and CPU seconds of ``runs`` renders after one warm-up render."""
    rendered = render_filing_pdf(canonical)  # warm-up: imports, fonts, template compilation
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        rendered = render_filing_pdf(canonical)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu, rendered


def p95(timings: list[float]) -> float:
    if len(timings) < 2:
        return timings[0]
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


def peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def report(name: str, wall: list[float], cpu: list[float], rendered: RenderedPdf) -> None:
    # CPU time next to wall time: on a shared machine the difference is other processes.
    print(
        f"{name:<10} pages={rendered.page_count:<3} runs={len(wall):<3} "
        f"median={statistics.median(wall):.3f}s p95={p95(wall):.3f}s max={max(wall):.3f}s "
        f"cpu_median={statistics.median(cpu):.3f}s size={len(rendered.content) / 1024:.0f} KiB "
        f"peak_rss={peak_rss_mib():.0f} MiB"
    )


def run(runs: int = 10, large_runs: int = 2) -> list:
    from bench.common import Result, timing_result

    wall, cpu, rendered = measure(canonical_json(sample_snapshot()), runs)
    typical = timing_result(
        "pdf", f"render a typical filing ({rendered.page_count} pages)", wall,
        limit=TYPICAL_TARGET_SECONDS * 1000, judge="median",
        note=f"CPU median {statistics.median(cpu) * 1000:.0f} ms (wall minus CPU = other processes)",
    )  # fmt: skip
    results: list[Result] = [typical]
    if large_runs > 0:
        large = canonical_json(
            sample_snapshot(risk_rows=LARGE_RISK_ROWS, evidence_rows=LARGE_EVIDENCE_ROWS)
        )
        wall, cpu, rendered = measure(large, large_runs)
        results.append(
            timing_result("pdf", f"render a {rendered.page_count}-page filing", wall, unit="s",
                          note=f"CPU median {statistics.median(cpu):.2f} s")
        )  # fmt: skip
    results.append(
        Result("pdf", "peak RSS of the rendering process", "MiB", peak_rss_mib(), peak_rss_mib(),
               1, note="in-process renders; the worker's own figure is in pdf_worker")
    )  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="typical-filing renders")
    parser.add_argument("--large-runs", type=int, default=2, help="fifty-page renders")
    parser.add_argument("--json", help="write the rows of run() here (for bench/__main__.py)")
    args = parser.parse_args(argv)
    if args.json:
        import json
        from pathlib import Path

        from bench.common import format_table

        results = run(args.runs, args.large_runs)
        print(format_table(results))
        Path(args.json).write_text(json.dumps([r.to_json() for r in results], indent=2))
        return 0

    wall, cpu, rendered = measure(canonical_json(sample_snapshot()), args.runs)
    report("typical", wall, cpu, rendered)
    typical_median = statistics.median(wall)

    if args.large_runs > 0:
        large = canonical_json(
            sample_snapshot(risk_rows=LARGE_RISK_ROWS, evidence_rows=LARGE_EVIDENCE_ROWS)
        )
        wall, cpu, rendered = measure(large, args.large_runs)
        report("50-page", wall, cpu, rendered)

    verdict = "within" if typical_median < TYPICAL_TARGET_SECONDS else "OVER"
    load = os.getloadavg()[0]
    print(f"typical median {verdict} the {TYPICAL_TARGET_SECONDS} s target (load {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
