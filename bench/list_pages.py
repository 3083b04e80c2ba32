"""List pages at scale: an organisation's systems page with 1,000 and 10,000 systems (first page,
a search, a sort and a page 20 deep), server time through Django's test client and the HTML size
(target p95 < 100 ms, size independent of the number of systems), and the query count at 1 and
at 10,000 systems (target: the same); then every other list page (risk register, QMS records,
evidence, filings, GPAI models, API keys, the public register) at 10,000 rows, first page, with
its HTML size and its queries at 1 and 10,000 rows.

    .venv/bin/python -m bench.list_pages [--systems 10000] [--runs 30]

Fixture: one organisation provisioned through the service, one system created and classified
through the services, then copies of it made by one `INSERT … SELECT … generate_series` in the
organisation's schema (tests/bulk.py), analysed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from bench.common import Result, progress, standalone, timing_result

BENCH = "list pages"
TARGET_MS = 100.0
SLUG = "lists-bench"


def _fixture() -> tuple[Any, Any]:
    from django_tenants.utils import tenant_context

    from portal.accounts.models import User
    from portal.tenancy.services import organisation_provision
    from registry.workspace import services

    owner = User.objects.create_user(email="lists@bench.test", password=None)
    organisation = organisation_provision(
        actor=owner, owner=owner, legal_name="Lists Bench GmbH", slug=SLUG, country="DE",
        organisation_type="private_company",
    )  # fmt: skip
    with tenant_context(organisation):
        seed = services.ai_system_create(
            actor=owner, trade_name="HireRank", role="provider", system_reference="HR 0",
            intended_purpose="Ranks job applications.", status="on_market",
            member_states=["DE", "FR"],
        )  # fmt: skip
        services.system_classify(
            actor=owner, system=seed, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
        seed.refresh_from_db()
    return organisation, owner, seed


def _grow(organisation: Any, seed: Any, have: int, want: int) -> None:
    from django_tenants.utils import tenant_context

    from tests.bulk import clone_rows

    with tenant_context(organisation):
        clone_rows(
            seed,
            want - have,
            trade_name=f"'System ' || lpad((g + {have})::text, 6, '0')",
            system_reference=f"'R' || (g + {have})",
        )


def _host(public: bool) -> str:
    from django.conf import settings

    return settings.PORTAL_DOMAIN if public else f"{SLUG}.{settings.PORTAL_DOMAIN}"


def _timed(client: Any, url: str, runs: int, public: bool = False) -> tuple[list[float], int]:
    from portal.wsgi import freeze_loaded_objects

    host = _host(public)
    size = 0
    for _ in range(3):
        client.get(url, HTTP_HOST=host)
    freeze_loaded_objects()  # what a gunicorn worker does once loaded (portal/wsgi.py)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=host)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        size = len(response.content)
    return samples, size


def _deep_url(client: Any, url: str, pages: int) -> str:
    import re

    from django.conf import settings

    host = f"{SLUG}.{settings.PORTAL_DOMAIN}"
    for _ in range(pages - 1):
        body = client.get(url, HTTP_HOST=host).content.decode()
        link = re.search(r'<a href="([^"]+)" rel="next"', body)
        if not link:
            break
        url = "/systems/" + link.group(1).replace("&amp;", "&")
    return url


def _queries(client: Any, url: str, public: bool = False) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    host = _host(public)
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as context:
        client.get(url, HTTP_HOST=host)
    return sum(1 for q in context.captured_queries if not q["sql"].upper().startswith("SET "))


def run(systems: int = 10_000, runs: int = 30) -> list[Result]:
    from django.test import Client

    progress("lists: fixture")
    organisation, owner, seed = _fixture()
    client = Client()
    client.force_login(owner)
    results = []
    one = _queries(client, "/systems/")
    have = 1
    for size in sorted({1000, systems}):
        progress(f"lists: {size:,} systems")
        _grow(organisation, seed, have, size)
        have = size
        scenarios = {
            "first page": "/systems/",
            "search 'System 00042'": "/systems/?q=System+00042",
            "sorted by risk tier": "/systems/?sort=tier",
            "page 20": _deep_url(client, "/systems/?sort=-name", 20),
        }
        for name, url in scenarios.items():
            samples, html = _timed(client, url, runs)
            result = timing_result(
                BENCH, f"systems page, {size:,} systems, {name}", samples, limit=TARGET_MS
            )
            result.note = f"{html / 1024:.0f} KiB of HTML"
            result.extra = {"html_bytes": html, "url": url}
            results.append(result)
    many = _queries(client, "/systems/")
    # Fewer samples for the other lists: `make bench` stays within its 15 minutes.
    results += _other_lists(client, organisation, owner, seed, systems, max(10, runs // 2))
    results.append(
        Result(BENCH, f"systems page queries, 1 vs {systems:,} systems", "queries", many, None,
               2, target="the same", ratio=many / one, met=many == one,
               note=f"{one} at 1 system, {many} at {systems:,}")
    )  # fmt: skip
    return results


def _other_seeds(organisation: Any, owner: Any, system: Any) -> dict[str, tuple[str, Any, dict]]:
    """One row of every other list page (through the ORM, as the list reads it), with the
    columns its copies change: {name: (url, row, overrides)}."""
    import hashlib

    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from portal.accounts.models import ApiKey
    from registry.register.models import Filing
    from registry.workspace.models import (
        Evidence,
        FilingDraft,
        GPAIModel,
        GPAIModelVersion,
        QMSRecord,
        RiskRecord,
    )

    unique = "'-' || g || '-' || substr(md5(random()::text), 1, 12)"
    with tenant_context(organisation):
        risk = RiskRecord.objects.create(
            system=system, hazard="Biased ranking of applicants", likelihood="possible",
            severity="major", owner=owner, status="open",
        )  # fmt: skip
        qms = QMSRecord.objects.create(
            aspect="a", title="Regulatory compliance strategy", document_version="1", owner=owner
        )
        qms.systems.add(system)
        evidence = Evidence.objects.create(
            title="EU declaration of conformity", original_filename="declaration.pdf", file="x",
            sha256=hashlib.sha256(b"0").hexdigest(), size=48_213,
            content_type="application/pdf", uploaded_by=owner,
        )  # fmt: skip
        evidence.systems.add(system)
        draft = FilingDraft.objects.create(kind="annex_viii_a", system=system)
        model = GPAIModel.objects.create(name="Model 0")
        GPAIModelVersion.objects.create(model=model, version="1")
    key = ApiKey.objects.create(
        organisation=organisation, name="integration", prefix="aap_bench0",
        secret_hash="0" * 64, scopes=["read"], created_by=owner,
    )  # fmt: skip
    filing = Filing.objects.create(
        organisation=organisation, kind="annex_viii_a", subject_type="ai_system",
        subject_id="b0", subject_name="HireRank HR 0", registration_number="EU-B-0",
        member_states=["DE"], status="registered", registered_version_number=1,
        registered_at=timezone.now(), risk_tier="high_risk", annex_iii_area="4(a)",
    )  # fmt: skip
    return {
        "risk register (/records/)": ("/records/", risk, {}),
        "QMS records (/records/qms/)": ("/records/qms/", qms, {}),
        "evidence (/evidence/)": (
            "/evidence/",
            evidence,
            {"sha256": "md5(random()::text) || md5(random()::text)"},
        ),  # fmt: skip
        "filings (/filings/)": ("/filings/", draft, {"system_id": "NULL"}),
        "GPAI models (/models/)": ("/models/", model, {"name": f"'Model' || {unique}"}),
        "API keys (/settings/api-keys/)": (
            "/settings/api-keys/",
            key,
            {"prefix": "'aap_b' || g || substr(md5(random()::text), 1, 4)"},
        ),  # fmt: skip
        "public register (/register/)": (
            "public:/register/",
            filing,
            {
                "id": "gen_random_uuid()",
                "registration_number": f"'EU-B' || {unique}",
                "subject_id": f"'b' || {unique}",
            },
        ),  # fmt: skip
    }


def _other_lists(
    client: Any, organisation: Any, owner: Any, system: Any, rows: int, runs: int
) -> list[Result]:
    """Every other list page at ``rows`` rows: server time of its first page, its HTML size,
    and its queries at 1 row and at ``rows`` (target: the same)."""
    from django.db.models import Model
    from django.test import Client
    from django_tenants.utils import schema_context, tenant_context

    from tests.bulk import clone_rows

    public = Client()
    results = []
    for name, (url, row, overrides) in _other_seeds(organisation, owner, system).items():
        progress(f"lists: {name}")
        on_public = url.startswith("public:")
        path = url.removeprefix("public:")
        where = schema_context("public") if on_public or row._meta.app_label in (
            "accounts", "register"
        ) else tenant_context(organisation)  # fmt: skip
        one = _queries(public if on_public else client, path, public=on_public)
        assert isinstance(row, Model)
        with where:
            clone_rows(row, rows - 1, **overrides)
        samples, html = _timed(public if on_public else client, path, runs, public=on_public)
        many = _queries(public if on_public else client, path, public=on_public)
        result = timing_result(
            BENCH, f"{name}, {rows:,} rows, first page", samples, limit=TARGET_MS
        )
        result.note = f"{html / 1024:.0f} KiB of HTML; queries {one} at 1 row, {many} at {rows:,}"
        result.extra = {"html_bytes": html, "url": path, "queries": [one, many]}
        results.append(result)
    return results


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--systems", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
