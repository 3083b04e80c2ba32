"""Every paginated list, web page and API alike, runs the same queries at 1, 50 and 10,000 rows
(issue 13): a page is a keyset seek, its total one bounded count, its related rows one query
each. Rows are made by one `INSERT … SELECT … generate_series` (tests/bulk.py), so 10,000 cost
what 50 do. The systems page has its own test (test_systems_page.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context, tenant_context

from portal.accounts.models import ApiKey, Membership
from portal.audit.models import AuditEvent
from registry.register.models import Filing
from registry.webhooks.models import WebhookDelivery, WebhookEndpoint
from registry.workspace.models import (
    AISystem,
    Evidence,
    FilingDraft,
    GPAIModel,
    GPAIModelVersion,
    IncidentDraft,
    QMSRecord,
    RiskRecord,
)
from tests.bulk import clone_rows
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SIZES = (1, 50, 10_000)
ORG_HOST = "acme.localhost"
PUBLIC_HOST = "localhost"


def _system(cast: Any) -> AISystem:
    return AISystem.objects.create(trade_name="Budget", role="provider", system_reference="B")


def _gpai(cast: Any) -> GPAIModel:
    model = GPAIModel.objects.create(name="Model 0")
    GPAIModelVersion.objects.create(model=model, version="1")
    return model


def _risk(cast: Any) -> RiskRecord:
    return RiskRecord.objects.create(
        system=_system(cast), hazard="h", likelihood="possible", severity="major", owner=cast.alice
    )


def _qms(cast: Any) -> QMSRecord:
    record = QMSRecord.objects.create(
        aspect="a", title="Doc", document_version="1", owner=cast.alice
    )
    record.systems.add(_system(cast))
    return record


def _evidence(cast: Any) -> Evidence:
    item = Evidence.objects.create(
        title="e", original_filename="e.pdf", file="x", sha256=hashlib.sha256(b"0").hexdigest(),
        size=1, content_type="application/pdf", uploaded_by=cast.alice,
    )  # fmt: skip
    item.systems.add(_system(cast))
    return item


def _draft(cast: Any) -> FilingDraft:
    return FilingDraft.objects.create(kind="annex_viii_a", system=_system(cast))


def _incident(cast: Any) -> IncidentDraft:
    return IncidentDraft.objects.create(
        regime="art73", system=_system(cast), title="Budget", harms=["health"],
        aware_on=timezone.localdate(),
    )  # fmt: skip


def _api_key(cast: Any) -> ApiKey:
    return ApiKey.objects.create(
        organisation=cast.org_a, name="k", prefix="aap_budget0", secret_hash="0" * 64,
        scopes=["read"], created_by=cast.alice,
    )  # fmt: skip


def _audit(cast: Any) -> AuditEvent:
    return AuditEvent.objects.create(actor_kind="user", actor_id=cast.alice.pk, action="budget.x")


def _delivery(cast: Any) -> WebhookDelivery:
    endpoint = WebhookEndpoint.objects.create(
        organisation=cast.org_a, url="https://h.example.test/", secret="s", events=["x"]
    )
    return WebhookDelivery.objects.create(endpoint=endpoint, event="filing.submitted", payload={})


def _registered(cast: Any, kind: str = "annex_viii_a") -> Filing:
    return Filing.objects.create(
        organisation=cast.org_a, kind=kind, subject_type="ai_system", subject_id="b0",
        subject_name="Budget", registration_number="T-B-0", member_states=["DE"],
        status="registered", registered_version_number=1,
        registered_at=timezone.now() - timezone.timedelta(days=1),
    )  # fmt: skip


def _waiting(cast: Any) -> Filing:
    return Filing.objects.create(
        organisation=cast.org_a, kind="annex_viii_a", subject_type="ai_system", subject_id="w0",
        subject_name="Waiting", registration_number="T-W-0", member_states=["DE"],
        status="submitted", latest_submitted_at=timezone.now(),
    )  # fmt: skip


def _declaration(cast: Any) -> Filing:
    return _registered(cast, kind="cop_signatory_declaration")


def _grow_members(cast: Any, seed: Membership, count: int) -> None:
    """``count`` new people, each a viewer of acme (public schema: users and memberships)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH u AS (INSERT INTO accounts_user (password, is_superuser, email, full_name, "
            "is_staff, is_active, date_joined) "
            "SELECT '!', false, 'budget-' || gen_random_uuid() || '@example.test', '', false, "
            "true, now() FROM generate_series(1, %s) RETURNING id) "
            "INSERT INTO accounts_membership (user_id, organisation_id, role, created_at) "
            "SELECT id, %s, 'viewer', now() FROM u",
            [count, cast.org_a.pk],
        )
        cursor.execute("ANALYZE accounts_user; ANALYZE accounts_membership")


@dataclass
class ListCase:
    """A list: how to make its first row, the columns a copy changes (SQL in ``g``), and the
    web page and API list that show it."""

    seed: Callable[[Any], Any]
    web: str | None
    api: str | None
    overrides: dict[str, str] = field(default_factory=dict)
    public: bool = False  # the row lives in the public schema
    host: str = ORG_HOST
    grow: Callable[[Any, Any, int], None] | None = None
    regulator: bool = False  # read by the cast's DE reviewer, not by alice


UNIQUE = "'-' || g || '-' || substr(md5(random()::text), 1, 12)"
CASES = {
    "gpai-models": ListCase(
        _gpai, "/models/", "/api/v1/gpai-models/", {"name": f"'Model' || {UNIQUE}"}
    ),
    "risk-records": ListCase(_risk, "/records/", "/api/v1/risk-records/"),
    "qms-records": ListCase(_qms, "/records/qms/", "/api/v1/qms-records/"),
    "evidence": ListCase(
        _evidence,
        "/evidence/",
        "/api/v1/evidence/",
        {"sha256": "md5(random()::text) || md5(random()::text)"},
    ),  # fmt: skip
    # Copies have no subject (the one-draft-per-subject constraints are partial).
    "filings": ListCase(_draft, "/filings/", "/api/v1/filings/", {"system_id": "NULL"}),
    # Serious-incident drafts with their reports' clocks (issue 16).
    "incidents": ListCase(_incident, "/incidents/", "/api/v1/incidents/"),
    "members": ListCase(
        lambda cast: Membership.objects.get(user=cast.alice, organisation=cast.org_a),
        "/settings/members/",
        "/api/v1/members/",
        public=True,
        grow=_grow_members,
    ),  # fmt: skip
    "api-keys": ListCase(
        _api_key,
        "/settings/api-keys/",
        "/api/v1/api-keys/",
        {"prefix": "'aap_b' || g || substr(md5(random()::text), 1, 4)"},
        public=True,
    ),  # fmt: skip
    "audit-events": ListCase(_audit, "/settings/history/", "/api/v1/audit-events/"),
    "webhook-deliveries": ListCase(
        _delivery, None, "/api/v1/webhooks/{endpoint_id}/deliveries/", public=True
    ),
    "public-register": ListCase(
        _registered,
        "/register/",
        "/api/v1/register/filings/",
        {
            "id": "gen_random_uuid()",
            "registration_number": f"'T-B' || {UNIQUE}",
            "subject_id": f"'b' || {UNIQUE}",
        },
        public=True,
        host=PUBLIC_HOST,
    ),  # fmt: skip
    "regulator-queue": ListCase(
        _waiting,
        "/regulator/",
        "/api/v1/regulator/filings/",
        {
            "id": "gen_random_uuid()",
            "registration_number": f"'T-W' || {UNIQUE}",
            "subject_id": f"'w' || {UNIQUE}",
        },
        public=True,
        host=PUBLIC_HOST,
        regulator=True,
    ),  # fmt: skip
    "signatories": ListCase(
        _declaration,
        "/signatories/",
        "/api/v1/register/signatories/",
        {
            "id": "gen_random_uuid()",
            "registration_number": f"'T-D' || {UNIQUE}",
            "subject_id": f"'d' || {UNIQUE}",
        },
        public=True,
        host=PUBLIC_HOST,
    ),  # fmt: skip
}


def _queries(client: Any, path: str, *, warm: bool) -> int:
    if warm:  # caches (session, membership, content types) warm before the first count
        client.get(path)
    with count_queries() as log:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content[:500])
    return log.count


@pytest.mark.parametrize("name", CASES)
def test_list_runs_the_same_queries_at_1_50_and_10000_rows(host_client, cast, name):  # type: ignore[no-untyped-def]
    case = CASES[name]
    user = cast.regulator if case.regulator else cast.alice if case.host == ORG_HOST else None
    client = host_client(case.host, user=user)
    where = schema_context("public") if case.public else tenant_context(cast.org_a)
    with where:
        seed = case.seed(cast)
    counts: dict[int, list[int]] = {}
    have = 1
    for size in SIZES:
        if size > have:
            with where:
                if case.grow:
                    case.grow(cast, seed, size - have)
                else:
                    clone_rows(seed, size - have, **case.overrides)
            have = size
        paths = [p for p in (case.web, case.api) if p]
        paths = [p.format(endpoint_id=getattr(seed, "endpoint_id", "")) for p in paths]
        counts[size] = [_queries(client, path, warm=size == 1) for path in paths]
    assert counts[1] == counts[50] == counts[10_000], counts
