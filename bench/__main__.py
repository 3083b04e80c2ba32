"""`make bench`: every benchmark in bench/, one table, bench/results.json.

    .venv/bin/python -m bench [NAME ...]      (default: all, in the order below)

Each benchmark runs in its own process with its own throwaway PostgreSQL and Redis (settings are
read once per process, and one benchmark's 100,000 rows must not slow another down). A module's
progress goes to stderr, its own output to a log file; a module that fails becomes a row saying
so and the others still run. The machine's load average is recorded at the start and the end:
on a shared machine, read the figures with it.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import BASE_DIR, Result, format_table, load_average

# Quick ones first; the two with the big fixtures last.
MODULES = (
    "tenancy_provision",
    "pdf_render",
    "pdf_worker",
    "page_render",
    "api_read",
    "export_memory",
    "list_pages",
    "regulator_queue",
    "tenancy_migrate",
)
TIMEOUT_S = 900
RESULTS = BASE_DIR / "bench" / "results.json"


def run_module(name: str, log_dir: Path) -> tuple[list[Result], float, str]:
    out, log = log_dir / f"{name}.json", log_dir / f"{name}.log"
    started, load_before = time.perf_counter(), load_average()
    print(f"▶ {name} (load average {load_before:.1f})", file=sys.stderr, flush=True)
    with log.open("wb") as log_file:
        # Its own process group: on a timeout the module and everything it started (gunicorn, a
        # worker, manage.py pools) get SIGTERM; the module's stack then stops its servers.
        proc = subprocess.Popen(
            [sys.executable, "-m", f"bench.{name}", "--json", str(out)],
            cwd=BASE_DIR, stdout=log_file, start_new_session=True,
        )  # fmt: skip
        try:
            proc.wait(TIMEOUT_S)
            error = "" if proc.returncode == 0 else f"exited {proc.returncode}"
        except subprocess.TimeoutExpired:
            error = f"timed out after {TIMEOUT_S} s"
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    elapsed = time.perf_counter() - started
    if error or not out.exists():
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        error = error or "wrote no results"
        print(f"  ✗ {name} {error}; log: {log}\n    " + "\n    ".join(tail), file=sys.stderr)
        return [Result(name, f"FAILED: {error}", "", met=False, note=f"log: {log}")], elapsed, error
    results = [Result(**row) for row in json.loads(out.read_text())]
    print(f"  ✓ {name} in {elapsed:.0f} s (load average {load_average():.1f})", file=sys.stderr)
    return results, elapsed, ""


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    unknown = sorted(set(names) - set(MODULES))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(MODULES)}")
        return 2
    started_at = datetime.datetime.now(datetime.UTC)
    load_before = load_average()
    wall = time.perf_counter()
    log_dir = Path(tempfile.mkdtemp(prefix="portal-bench-logs-"))
    results: list[Result] = []
    modules: dict[str, dict[str, object]] = {}
    for name in names:
        rows, seconds, error = run_module(name, log_dir)
        for row in rows:
            row.extra["module"] = name
        results += rows
        modules[name] = {"seconds": round(seconds, 1), "error": error, "load_end": load_average()}
    total = time.perf_counter() - wall
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": round(load_before, 2),
        "load_average_end": round(load_average(), 2),
    }
    print()
    print(format_table(results))
    print(
        f"\n{len(names)} benchmarks in {total / 60:.1f} min on {machine['cpus']} CPUs; "
        f"load average {machine['load_average_start']} at the start, "
        f"{machine['load_average_end']} at the end. Logs: {log_dir}"
    )
    failed = [r for r in results if r.met is False]
    if failed:
        print(
            f"{len(failed)} figure(s) miss their target: see README, Performance and reliability."
        )
    payload = {
        "started": started_at.isoformat(timespec="seconds"),
        "seconds": round(total, 1),
        "machine": machine,
        "modules": modules,
        "results": [{**r.to_json(), "module": r.extra["module"]} for r in results],
    }
    if argv:  # a partial run replaces its own modules' rows and keeps the others'
        try:
            previous = json.loads(RESULTS.read_text())
            kept = [r for r in previous.get("results", []) if r.get("module") not in names]
            payload["results"] = kept + payload["results"]
            payload["modules"] = {**previous.get("modules", {}), **modules}
        except (FileNotFoundError, ValueError):
            pass
    RESULTS.write_text(json.dumps(payload, indent=2, default=str))
    # Missed targets are reported, not failures of the run; a benchmark that crashed is.
    return 1 if any(m["error"] for m in modules.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
