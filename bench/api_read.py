"""API read: `GET /api/v1/systems/` (first page of 50, 10,000 systems in the organisation, API key)
against a bare Django view returning the same 50 rows and columns from `.values()` (and, shown
but not judged, one returning the system's own columns only; bench/bare_urls.py), on one gunicorn server
with 2 sync workers. Targets: API/bare request-rate ratio ≥ 0.7, API p95 < 50 ms, and a web
worker's RSS after the run < 200 MB.

    .venv/bin/python -m bench.api_read [--systems 10000] [--seconds 15] [--connections 4]

Fixture: one organisation provisioned through the service; one system created and classified
through the services (so its classification is a real rules-engine answer), then 9,999 copies of
it and of its classification bulk-created inside the organisation's schema. Gunicorn runs with
bench/settings_bench.py (the portal's settings plus the bare view's URL); production URLconfs
have no benchmark view. Load: bench/loadgen.py, 4 connections (2 per worker, so the p95 includes
some queueing), 3 s warm-up each, then 15 s each measured in 5 alternating slices (other
processes on the machine weigh on both alike), `Host: <slug>.localhost`. Gunicorn runs without `--max-requests`, so the memory figure is that of
a worker that has served every request of the run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import Any

from bench.common import BASE_DIR, Result, p95, progress, standalone
from bench.loadgen import LoadResult, load

BENCH = "API read"
SLUG = "api-bench"
RATIO_TARGET = 0.7  # issue 13
P95_TARGET_MS = 50.0
RSS_TARGET_MB = 200.0
SETTINGS = "bench.settings_bench"
ROUNDS = 5
WARM_UP_S = 3.0
FACTS = {
    "role": "provider",
    "annex_iii_area": "4(a)",
    "respondent_established_in_eu": True,
    "provider_established_in_eu": True,
    "organisation_type": "private_company",
}


def build_fixture(systems: int) -> tuple[Any, str]:
    from django.db import connection, transaction
    from django_tenants.utils import tenant_context

    from portal.accounts.api_keys import api_key_create
    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision
    from registry.workspace import services
    from registry.workspace.models import AISystem, Classification

    owner = User.objects.create_user(email="api-owner@bench.test", password=None)
    organisation = organisation_provision(
        actor=owner, owner=owner, legal_name="API Bench GmbH", slug=SLUG, country="DE",
        organisation_type="private_company",
    )  # fmt: skip
    _, plaintext = api_key_create(
        actor=owner, name="bench", scopes=["read"], organisation=organisation
    )
    with tenant_context(organisation):
        seed = services.ai_system_create(
            actor=owner, trade_name="HireRank", role="provider", system_reference="HR 0",
            provider_address="Friedrichstraße 1, 10117 Berlin",
            provider_contact_details="compliance@api-bench.test; +49 30 1234567",
            intended_purpose="Ranks job applications so that recruiters see the most relevant first.",
            components_and_functions="CV parser, matcher, ranking with reasons.",
            data_and_logic_description="Gradient-boosted ranking over anonymised hiring data.",
            status="on_market", member_states=["DE", "FR", "NL"],
            conformity_assessment_route="annex_vi_internal_control",
        )  # fmt: skip
        services.system_classify(actor=owner, system=seed, facts=FACTS)
        seed.refresh_from_db()
        classification = seed.latest_classification
        skip = {"id", "uid", "latest_classification", "created_at", "updated_at"}
        values = {
            f.attname: getattr(seed, f.attname)
            for f in AISystem._meta.concrete_fields
            if f.name not in skip
        }
        with transaction.atomic():
            copies = AISystem.objects.bulk_create(
                (AISystem(**{**values, "system_reference": f"HR {index}"})
                 for index in range(1, systems)),
                batch_size=2000,
            )  # fmt: skip
            copied = {
                f.attname: getattr(classification, f.attname)
                for f in Classification._meta.concrete_fields
                if f.name
                not in {"id", "uid", "system", "classified_at", "created_at", "updated_at"}
            }
            Classification.objects.bulk_create(
                (Classification(**copied, system=row) for row in copies), batch_size=2000
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    "update workspace_aisystem s set latest_classification_id = c.id "
                    "from workspace_classification c "
                    "where c.system_id = s.id and s.latest_classification_id is null"
                )
        with connection.cursor() as cursor:
            cursor.execute("analyze workspace_aisystem, workspace_classification")
    return organisation, plaintext


def start_gunicorn(port: int, log_path: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning",
         "--error-logfile", log_path],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return proc
        except OSError as exc:
            if getattr(exc, "code", None):
                return proc
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log_path}") from exc
            time.sleep(0.2)


def stop_gunicorn(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def worker_rss_mib(proc: subprocess.Popen[bytes]) -> list[float]:
    import psutil

    return [child.memory_info().rss / 2**20 for child in psutil.Process(proc.pid).children()]


def _check(port: int, path: str, host: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        import json

        return len(json.loads(response.read())["results"])


def run(systems: int = 10_000, seconds: float = 15.0, connections: int = 4) -> list[Result]:
    from portal.devstack import free_port

    progress(f"API: {systems:,} systems in one organisation")
    _, key = build_fixture(systems)
    port, host = free_port(), f"{SLUG}.localhost"
    log_path = os.path.join(os.environ["PORTAL_VAR"], "gunicorn.log")
    auth = {"Authorization": f"Bearer {key}"}
    server = start_gunicorn(port, log_path)
    try:
        targets = {
            "api": {"path": "/api/v1/systems/", "host": host, "headers": auth},
            "bare": {"path": "/api/bench-bare/systems/", "host": host},
            "own": {"path": "/api/bench-bare/systems-own-columns/", "host": host},
        }
        counts = [_check(port, t["path"], host, t.get("headers", {})) for t in targets.values()]
        assert counts == [50, 50, 50], counts
        for target in targets.values():  # imports, caches, connections
            load(port=port, connections=connections, seconds=0, warm_up=WARM_UP_S, **target)
        progress(
            f"API: the API and the two bare views, {seconds:g} s each in {ROUNDS} alternating "
            f"slices, {connections} connections"
        )
        outcomes = {name: LoadResult(0) for name in targets}
        for _ in range(ROUNDS):  # alternating, so all see the same load from other processes
            for name, target in targets.items():
                outcomes[name].add(
                    load(
                        port=port,
                        connections=connections,
                        seconds=seconds / ROUNDS,
                        warm_up=0.2,
                        **target,
                    )
                )
        api, bare, own = outcomes["api"], outcomes["bare"], outcomes["own"]
        rss = worker_rss_mib(server)
    finally:
        stop_gunicorn(server)
    results = []
    for name, outcome in (
        ("GET /api/v1/systems/", api),
        ("bare .values() view, same columns", bare),
        ("bare .values() view, system columns only", own),
    ):
        bad = sum(n for status, n in outcome.statuses.items() if status != 200) + outcome.errors
        lat = outcome.latencies
        row = Result(BENCH, f"{name}: latency", "ms", sorted(lat)[len(lat) // 2] * 1000,
                     p95(lat) * 1000, len(lat),
                     note=f"{outcome.requests_per_second:.0f} requests/s; {bad} not 200")  # fmt: skip
        if name.startswith("GET"):
            row.target, row.ratio = f"p95 < {P95_TARGET_MS:g} ms", row.p95 / P95_TARGET_MS
            row.met = row.p95 < P95_TARGET_MS and bad == 0
        results.append(row)
    ratio = api.requests_per_second / bare.requests_per_second if bare.requests_per_second else 0
    results.append(
        Result(BENCH, "requests/s, API ÷ bare view", "req/s", api.requests_per_second,
               None, len(api.latencies), target=f"ratio ≥ {RATIO_TARGET}", ratio=ratio,
               met=ratio >= RATIO_TARGET,
               note=f"API {api.requests_per_second:.0f} req/s, bare {bare.requests_per_second:.0f} req/s; "
                    f"{connections} connections, gunicorn 2 sync workers")
    )  # fmt: skip
    own_ratio = api.requests_per_second / own.requests_per_second if own.requests_per_second else 0
    results.append(
        Result(BENCH, "requests/s, API ÷ bare view of the system columns only", "req/s",
               api.requests_per_second, None, len(api.latencies), ratio=own_ratio,
               note=f"bare {own.requests_per_second:.0f} req/s, without the classification join "
                    "the API's page has: issue 13's first floor, shown, not judged")
    )  # fmt: skip
    largest = max(rss)
    results.append(
        Result(BENCH, "web worker RSS after the run", "MiB", largest, largest, len(rss),
               target=f"< {RSS_TARGET_MB:g} MiB", ratio=largest / RSS_TARGET_MB,
               met=largest < RSS_TARGET_MB,
               note="largest of the 2 gunicorn workers: " + ", ".join(f"{r:.0f}" for r in rss))
    )  # fmt: skip
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--systems", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--connections", type=int, default=4)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
