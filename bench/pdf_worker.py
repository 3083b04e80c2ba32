"""PDFs through a real Celery worker: submit-to-ready time and the worker's peak memory
(target < 400 MB, the `--max-memory-per-child` of docker-compose.yml).

    .venv/bin/python -m bench.pdf_worker [--runs 10] [--json PATH]

The worker runs as deployed (prefork, concurrency 2, queues default and pdf) on the stack's
Redis. Each filing goes through `filing_version_submit`; the clock starts when it returns (the
transaction has committed and the job is enqueued) and stops when its PdfJob reads `ready`.
Memory: the resident set of the worker's processes, sampled every 50 ms while it renders.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from bench.common import BASE_DIR, Result, progress, standalone, timing_result

BENCH = "pdf"
MEMORY_TARGET_MB = 400.0
BODY_KEYS = (
    "organisation",
    "subject",
    "registration",
    "classification",
    "risk_summary",
    "qms_summary",
)


class MemorySampler(threading.Thread):
    """Peak RSS of a process tree: of its largest process and of all of them together."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_single = self.peak_total = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        root = psutil.Process(self.pid)
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                sizes = []
                for proc in procs:
                    try:
                        sizes.append(proc.memory_info().rss)
                    except psutil.Error:
                        pass
                self.peak_single = max(self.peak_single, max(sizes, default=0))
                self.peak_total = max(self.peak_total, sum(sizes))
            except psutil.Error:
                pass
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(2)


def start_worker() -> subprocess.Popen[bytes]:
    from portal.celery import app

    name = f"bench-{os.getpid()}@localhost"
    log = open(os.path.join(os.environ["PORTAL_VAR"], "worker.log"), "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", "default,pdf",
         "--concurrency", "2", "--max-memory-per-child", "400000", "-n", name, "-l", "warning",
         "--without-gossip", "--without-mingle"],
        cwd=BASE_DIR, start_new_session=True,
        stdout=log, stderr=subprocess.STDOUT,  # and Celery's warning about root: not the table's
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[name], timeout=0.5):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the Celery worker did not start")
    return proc


def stop_worker(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)  # warm shutdown: the parent lets its children finish
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def submission(organisation: Any, subject_id: str, **sample: Any) -> Any:
    from registry.filings.samples import sample_snapshot
    from registry.register.services.submit import Submission

    snapshot = sample_snapshot(**sample)
    body = {key: snapshot[key] for key in BODY_KEYS}
    return Submission(
        organisation=organisation, kind="annex_viii_a", subject_type="ai_system",
        subject_id=subject_id, subject_name=body["subject"]["name"], body=body,
        member_states=("DE",), annex_iii_area="4(a)", risk_tier="high_risk",
    )  # fmt: skip


def submit_and_wait(
    owner: Any, organisation: Any, subject_id: str, **sample: Any
) -> tuple[float, Any]:
    from registry.register.models import PdfJob
    from registry.register.services.submit import filing_version_submit

    version = filing_version_submit(
        actor=owner, submission=submission(organisation, subject_id, **sample)
    )
    started = time.perf_counter()
    deadline = time.monotonic() + 180
    while True:
        job = PdfJob.objects.get(version=version)
        if job.state == "ready":
            return time.perf_counter() - started, job
        if job.state == "failed" or time.monotonic() > deadline:
            raise RuntimeError(f"PDF job {job.pk} ended {job.state}: {job.error}")
        time.sleep(0.01)


def run(runs: int = 10, large_runs: int = 1) -> list[Result]:
    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision

    owner = User.objects.create_user(email="pdf-owner@bench.test", password=None)
    organisation = organisation_provision(
        actor=owner, owner=owner, legal_name="PDF Bench GmbH", slug="pdf-bench", country="DE",
        organisation_type="private_company",
    )  # fmt: skip
    progress("pdf: starting a worker (prefork, concurrency 2)")
    worker = start_worker()
    sampler = MemorySampler(worker.pid)
    sampler.start()
    try:
        submit_and_wait(owner, organisation, "warm-up")  # fonts, templates, imports in the child
        progress(f"pdf: {runs} typical filings, one after another")
        typical = [submit_and_wait(owner, organisation, f"typical-{i}") for i in range(runs)]
        large = []
        for index in range(large_runs):
            progress("pdf: a fifty-page filing")
            large.append(
                submit_and_wait(
                    owner, organisation, f"large-{index}", risk_rows=620, evidence_rows=60
                )
            )
    finally:
        sampler.stop()
        stop_worker(worker)
    mib = 2**20
    results = [
        timing_result(BENCH, f"submit to ready, typical ({typical[0][1].page_count} pages)",
                      [t for t, _ in typical],
                      note="commit of filing_version_submit → PdfJob ready, real worker and Redis; no target set"),
    ]  # fmt: skip
    if large:
        results.append(
            timing_result(BENCH, f"submit to ready, {large[0][1].page_count}-page filing",
                          [t for t, _ in large], unit="s", note="no target set")
        )  # fmt: skip
    single = sampler.peak_single / mib
    results.append(
        Result(BENCH, "worker peak RSS, largest process", "MiB", single, single, 1,
               target=f"< {MEMORY_TARGET_MB:g} MiB", ratio=single / MEMORY_TARGET_MB,
               met=single < MEMORY_TARGET_MB,
               note=f"whole worker (parent + 2 children) peaked at {sampler.peak_total / mib:.0f} MiB")
    )  # fmt: skip
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--large-runs", type=int, default=1)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
