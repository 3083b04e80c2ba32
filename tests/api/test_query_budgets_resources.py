"""Every list endpoint of the resource API runs the same number of queries at 1 row and at 50
rows (test_query_budgets.py covers the account endpoints). Rows are made with bulk_create: what
is measured is the endpoint, not the services that would make them."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.register.models import Filing, FilingVersion
from registry.webhooks.models import WebhookDelivery, WebhookEndpoint
from registry.workspace.models import (
    AISystem,
    Classification,
    CodeOfPracticeSignature,
    CodeOfPracticeSignatureChange,
    Evidence,
    FilingDraft,
    GPAIModel,
    GPAIModelVersion,
    QMSRecord,
    RiskRecord,
)
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST
from tests.queries import count_queries


def _tag(n: int) -> str:
    return f"{n}-{uuid.uuid4().hex[:6]}"


def _systems(n: int, alice: Any) -> list[AISystem]:
    tag = _tag(n)
    systems = AISystem.objects.bulk_create(
        AISystem(trade_name=f"S{tag}-{i}", role="provider") for i in range(n)
    )
    classifications = Classification.objects.bulk_create(
        Classification(
            system=s,
            facts={},
            result={},
            risk_tier="minimal_risk",
            calendar="original",
            ruleset_version="1",
            classified_by=alice,
        )
        for s in systems
    )
    for system, classification in zip(systems, classifications, strict=True):
        system.latest_classification = classification
    AISystem.objects.bulk_update(systems, ["latest_classification"])
    return systems


def systems(ctx: Any, n: int) -> str:
    _systems(n, ctx.alice)
    return "/api/v1/systems/?page_size=200"


def classifications(ctx: Any, n: int) -> str:
    system = _systems(1, ctx.alice)[0]
    Classification.objects.bulk_create(
        Classification(
            system=system,
            facts={},
            result={},
            risk_tier="minimal_risk",
            calendar="original",
            ruleset_version="1",
            classified_by=ctx.alice,
        )
        for _ in range(n - 1)
    )
    return f"/api/v1/systems/{system.pk}/classifications/?page_size=200"


def gpai_models(ctx: Any, n: int) -> str:
    models = GPAIModel.objects.bulk_create(GPAIModel(name=f"M{_tag(n)}-{i}") for i in range(n))
    GPAIModelVersion.objects.bulk_create(
        GPAIModelVersion(model=m, version=v) for m in models for v in ("1", "2")
    )
    return "/api/v1/gpai-models/?page_size=200"


def gpai_model_versions(ctx: Any, n: int) -> str:
    model = GPAIModel.objects.create(name=f"V{_tag(n)}")
    GPAIModelVersion.objects.bulk_create(
        GPAIModelVersion(model=model, version=str(i)) for i in range(n)
    )
    return f"/api/v1/gpai-model-versions/?model={model.pk}&page_size=200"


def risk_records(ctx: Any, n: int) -> str:
    system = _systems(1, ctx.alice)[0]
    RiskRecord.objects.bulk_create(
        RiskRecord(
            system=system, hazard="h", likelihood="possible", severity="major", owner=ctx.alice
        )
        for _ in range(n)
    )
    return f"/api/v1/risk-records/?system={system.pk}&page_size=200"


def qms_records(ctx: Any, n: int) -> str:
    system = _systems(1, ctx.alice)[0]
    records = QMSRecord.objects.bulk_create(
        QMSRecord(aspect="a", title=f"Q{i}", document_version="1", owner=ctx.alice)
        for i in range(n)
    )
    QMSRecord.systems.through.objects.bulk_create(
        QMSRecord.systems.through(qmsrecord=r, aisystem=system) for r in records
    )
    return f"/api/v1/qms-records/?system={system.pk}&page_size=200"


def evidence(ctx: Any, n: int) -> str:
    system = _systems(1, ctx.alice)[0]
    tag = _tag(n)
    rows = Evidence.objects.bulk_create(
        Evidence(
            title="e",
            original_filename="e.pdf",
            file="x",
            sha256=hashlib.sha256(f"{tag}{i}".encode()).hexdigest(),
            size=1,
            content_type="application/pdf",
            uploaded_by=ctx.alice,
        )
        for i in range(n)
    )
    Evidence.systems.through.objects.bulk_create(
        Evidence.systems.through(evidence=e, aisystem=system) for e in rows
    )
    return f"/api/v1/evidence/?system={system.pk}&page_size=200"


def cop_history(ctx: Any, n: int) -> str:
    signature, _ = CodeOfPracticeSignature.objects.get_or_create(chapter="transparency")
    CodeOfPracticeSignatureChange.objects.bulk_create(
        CodeOfPracticeSignatureChange(
            signature=signature, chapter="transparency", changed_by=ctx.alice, after={"n": i}
        )
        for i in range(n)
    )
    return "/api/v1/cop-signatures/history/?page_size=200"


def _filings(ctx: Any, n: int, **fields: Any) -> list[Filing]:
    tag = _tag(n)
    filings = Filing.objects.bulk_create(
        Filing(
            organisation=ctx.org_a,
            kind="annex_viii_a",
            subject_type="ai_system",
            subject_id=f"{tag}-{i}",
            subject_name=f"F{i}",
            registration_number=f"T-{tag}-{i}",
            member_states=["DE"],
            **fields,
        )
        for i in range(n)
    )
    FilingVersion.objects.bulk_create(
        FilingVersion(
            filing=f,
            number=1,
            schema_version="1",
            canonical="{}",
            snapshot={},
            sha256=hashlib.sha256(f.registration_number.encode()).hexdigest(),
            submitted_at=timezone.now(),
            submitted_by_label="x",
            status=f.status,
        )
        for f in filings
    )
    return filings


def filings(ctx: Any, n: int) -> str:
    systems = _systems(n, ctx.alice)
    register = _filings(ctx, n, status="submitted")  # public schema, on the search path too
    FilingDraft.objects.bulk_create(
        FilingDraft(kind="annex_viii_a", system=s, register_filing_id=f.pk)
        for s, f in zip(systems, register, strict=True)
    )
    return "/api/v1/filings/?page_size=200"


def webhooks(ctx: Any, n: int) -> str:
    WebhookEndpoint.objects.bulk_create(
        WebhookEndpoint(
            organisation=ctx.org_a,
            url="https://h.example.test/",
            secret="s",
            events=["filing.submitted"],
        )
        for _ in range(n)
    )
    return "/api/v1/webhooks/?page_size=200"


def deliveries(ctx: Any, n: int) -> str:
    endpoint = WebhookEndpoint.objects.create(
        organisation=ctx.org_a, url="https://h.example.test/", secret="s", events=["x"]
    )
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event="filing.submitted", payload={}) for _ in range(n)
    )
    return f"/api/v1/webhooks/{endpoint.pk}/deliveries/?page_size=200"


def regulator_queue(ctx: Any, n: int) -> str:
    _filings(ctx, n, status="submitted")
    return "/api/v1/regulator/filings/?page_size=200"


def public_register(ctx: Any, n: int) -> str:
    _filings(
        ctx,
        n,
        status="registered",
        registered_version_number=1,
        registered_at=timezone.now() - datetime.timedelta(days=1),
    )
    return "/api/v1/register/filings/?page_size=200"


def rights_requests(ctx: Any, n: int) -> str:
    from registry.register.models import RightsRequest

    RightsRequest.objects.bulk_create(
        RightsRequest(
            organisation=ctx.org_a,
            kind="complaint",
            reference=f"RR-{uuid.uuid4().hex[:13]}",
            status="received",
            requester_name="R",
            requester_email="r@a.test",
            acting_for="self",
            works="w",
            request_text="t",
            confirmed_at=timezone.now(),
            due_on=timezone.localdate(),
        )
        for _ in range(n)
    )
    return "/api/v1/rights-requests/?page_size=200"


ORGANISATION: dict[str, Callable[[Any, int], str]] = {
    "systems": systems,
    "classifications": classifications,
    "gpai-models": gpai_models,
    "gpai-model-versions": gpai_model_versions,
    "risk-records": risk_records,
    "qms-records": qms_records,
    "evidence": evidence,
    "cop-history": cop_history,
    "filings": filings,
    "webhooks": webhooks,
    "deliveries": deliveries,
    "rights-requests": rights_requests,
}
PUBLIC: dict[str, Callable[[Any, int], str]] = {
    "regulator-queue": regulator_queue,
    "public-register": public_register,
}


def _measure(client: Any, make: Callable[[Any, int], str], ctx: Any, schema: Any) -> list[int]:
    counts = []
    for n in (1, 50):
        with tenant_context(schema):
            path = make(ctx, n)
        with count_queries() as log:
            response = client.get(path)
        assert response.status_code == 200, response.content
        assert len(response.json()["results"]) >= n
        counts.append(log.count)
    return counts


@pytest.mark.parametrize("make", ORGANISATION.values(), ids=ORGANISATION.keys())
def test_organisation_list_query_count_does_not_grow(api, cast, make):
    client = api(ORG_A_HOST, user=cast.alice)
    client.get("/api/v1/me")  # a session in use
    counts = _measure(client, make, cast, cast.org_a)
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("make", PUBLIC.values(), ids=PUBLIC.keys())
def test_public_host_list_query_count_does_not_grow(api, cast, make, make_key, msa):
    from portal.tenancy.models import Organisation

    key = make_key(msa, scopes=["read"])
    client = api(PUBLIC_HOST, key=key)
    client.get("/api/v1/me")  # the key's first use records it: not part of the budget
    counts = _measure(client, make, cast, Organisation.objects.get(schema_name="public"))
    assert counts[0] == counts[1], counts


def test_cop_signatures_list_is_one_query_per_page(api, cast):
    client = api(ORG_A_HOST, user=cast.alice)
    client.get("/api/v1/me")
    counts = []
    for chapters in (["transparency"], ["copyright", "safety_security"]):
        with tenant_context(cast.org_a):
            for chapter in chapters:
                CodeOfPracticeSignature.objects.create(chapter=chapter)
        with count_queries() as log:
            assert client.get("/api/v1/cop-signatures/").status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1], counts
