"""The benchmark runner's pieces work (bench/): no timings are asserted here, only that the
parts measure what they say."""

from __future__ import annotations

import importlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import RequestFactory
from django.urls import resolve
from django_tenants.utils import tenant_context

from bench.common import Result, format_table, p95, timing_result
from bench.loadgen import load
from registry.workspace import services


def test_percentiles_and_verdicts():
    assert p95([float(n) for n in range(1, 101)]) == 95.0
    assert p95([3.0]) == 3.0
    row = timing_result("x", "y", [0.010, 0.020, 0.030], limit=25)
    assert (row.median, row.p95, row.met) == (20.0, 30.0, False)
    assert row.ratio == 30 / 25
    table = format_table([row, Result("x", "info", "s", 1.0, 1.0, 1, note="why")])
    assert "NO" in table and "why" in table


def test_bench_settings_add_the_bare_view_to_the_tenant_urls_only():
    bench_settings = importlib.import_module("bench.settings_bench")
    assert bench_settings.ROOT_URLCONF == "bench.bare_urls"
    assert resolve("/api/bench-bare/systems/", urlconf="bench.bare_urls").func.__name__ == (
        "bare_systems"
    )
    assert resolve("/api/v1/systems/", urlconf="bench.bare_urls").url_name == "system-list"
    for production in ("portal.urls_tenant", "portal.urls_public"):
        urls = importlib.import_module(production)
        assert "bench" not in repr(urls.urlpatterns)


def test_the_bare_views_return_the_api_page_rows(cast):
    from bench.bare_urls import FIELDS, bare_systems, bare_systems_own_columns
    from portal.api.v1.systems import SYSTEM_LIST_ROWS

    with tenant_context(cast.org_a):
        for name in ("Alpha", "Beta"):
            services.ai_system_create(actor=cast.alice, trade_name=name, role="provider")
        request = RequestFactory().get("/api/bench-bare/systems/", HTTP_HOST="acme.localhost")
        same = json.loads(bare_systems(request).content)["results"]
        own = json.loads(bare_systems_own_columns(request).content)["results"]
    for rows in (same, own):  # newest first, as the API
        assert [row["trade_name"] for row in rows][:2] == ["Beta", "Alpha"]
    # The judged floor reads every column the API's page shows, the classification's included.
    assert set(same[0]) == set(SYSTEM_LIST_ROWS.columns)
    assert "latest_classification__risk_tier" in same[0]
    assert set(own[0]) == set(FIELDS)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b'{"host": "%s"}' % self.headers["Host"].encode()
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_the_load_generator_counts_statuses_over_keep_alive():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        ok = load(
            port=port, path="/ok", host="acme.localhost", connections=2, seconds=0.3, warm_up=0
        )
        missing = load(
            port=port, path="/nope", host="acme.localhost", connections=1, seconds=0.2, warm_up=0
        )
    finally:
        server.shutdown()
    assert ok.latencies and set(ok.statuses) == {200} and ok.errors == 0
    assert ok.requests_per_second > 0
    assert set(missing.statuses) == {404}
