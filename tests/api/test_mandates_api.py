"""/api/v1/mandates/ and the filing gate through the API (Art 22, Art 54): who sees which
mandate, the refusal of a non-EU provider's filing, bad input, and the list's query budget."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tenants.utils import tenant_context

from portal.tenancy.models import Domain, Organisation
from registry.register.models import EvidenceBlob, Mandate
from registry.workspace.demo_files import minimal_pdf
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, assert_problem
from tests.queries import count_queries

ORG_B_HOST = "globex.localhost"


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def mandate(targets: Any) -> Mandate:
    """Acme (made non-EU) → Globex, active."""
    return Mandate.objects.get(pk=targets["mandate_a"])


@pytest.fixture
def third_org(db: None, cast: Any) -> Organisation:
    """A third organisation, party to nothing; it needs no schema of its own here (the
    mandates are public-schema rows), so none is created."""
    org = Organisation(
        schema_name="initech", slug="initech", legal_name="Initech SARL", country="FR"
    )
    org.auto_create_schema = False
    org.save()
    Domain.objects.create(domain="initech.localhost", tenant=org, is_primary=True)
    from portal.accounts.models import Membership, Role

    Membership.objects.create(user=cast.carol, organisation=org, role=Role.OWNER)
    return org


def test_both_parties_see_the_mandate_and_its_history(api, cast, mandate):
    for host, user, side in (
        (ORG_A_HOST, cast.alice, "provider"),
        (ORG_B_HOST, cast.owner_b, "representative"),
    ):
        response = api(host, user=user).get("/api/v1/mandates/")
        assert response.status_code == 200, response.content
        (row,) = response.json()["results"]
        assert row["id"] == mandate.pk and row["side"] == side
        assert [e["kind"] for e in row["events"]] == ["offered", "accepted"]


def test_a_third_organisation_and_the_public_see_nothing(api, cast, mandate, third_org, make_key):
    carol = api("initech.localhost", user=cast.carol)
    assert carol.get("/api/v1/mandates/").json()["results"] == []
    assert_problem(carol.get(f"/api/v1/mandates/{mandate.pk}/"), 404)
    key = api("initech.localhost", key=make_key(third_org, scopes=["read", "admin"]))
    assert key.get("/api/v1/mandates/").json()["results"] == []
    assert_problem(api(ORG_A_HOST, key=make_key(third_org)).get("/api/v1/mandates/"), 401)
    assert_problem(api(ORG_A_HOST).get("/api/v1/mandates/"), 401)
    assert api(PUBLIC_HOST).get("/api/v1/mandates/").status_code == 404


def test_the_provider_cannot_accept_its_own_offer(api, cast, targets):
    offered = targets["mandate_offered_to_a"]  # Globex (non-EU) offers Acme
    response = api(ORG_B_HOST, user=cast.owner_b).request(
        "POST", f"/api/v1/mandates/{offered}/accept/"
    )
    assert_problem(response, 403)
    assert Mandate.objects.get(pk=offered).status == "offered"


def test_a_non_eu_provider_cannot_submit_by_the_api(api, cast, make_key):
    from registry.workspace.services.drafts import filing_draft_create
    from tests.filing_flow.builders import complete_section_a_system

    org = cast.org_a
    org.eu_established = False
    org.save(update_fields=["eu_established"])
    with tenant_context(org):
        system = complete_section_a_system(cast.alice)
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
    client = api(ORG_A_HOST, key=make_key(org, scopes=["read", "submit"]))
    response = client.request("POST", f"/api/v1/filings/{draft.pk}/submit/", {"confirm": True})
    body = assert_problem(response, 409)
    assert body["code"] == "representative_mandate_required"
    assert "Art 22(1)" in body["detail"]
    with tenant_context(org):
        checklist = client.get(f"/api/v1/filings/{draft.pk}/checklist/").json()
    assert "authorised_representative" in str(checklist)


def test_bad_offers_are_refused_and_write_nothing(api, cast, targets):
    targets["representative_for_a"]  # noqa: B018 - Acme becomes a non-EU provider
    client = api(ORG_A_HOST, user=cast.alice)
    good = {
        "representative": "globex",
        "scope": "listed",
        "systems": [999999],
        "tasks": ["art22_3_a"],
        "submitter": "either",
        "starts_on": "2026-01-01",
    }
    cases = [
        ({**good}, 400, "unknown_reference"),
        ({**good, "scope": "all", "tasks": ["art99"]}, 400, "validation_failed"),
        ({**good, "scope": "all", "representative": "acme"}, 400, "validation_failed"),
    ]
    for body, status, code in cases:
        body["document"] = SimpleUploadedFile("m.pdf", minimal_pdf("Mandate"), "application/pdf")
        problem = assert_problem(
            client.request("POST", "/api/v1/mandates/", body, content_type="multipart"), status
        )
        assert problem["code"] == code, problem
    connection.set_schema_to_public()  # the requests left acme's schema active
    not_eu = cast.org_b
    not_eu.eu_established = False
    not_eu.save(update_fields=["eu_established"])
    body = {**good, "scope": "all", "document": io.BytesIO(minimal_pdf("Mandate"))}
    body["document"].name = "m.pdf"
    problem = assert_problem(
        client.request("POST", "/api/v1/mandates/", body, content_type="multipart"), 400
    )
    assert problem["code"] == "representative_not_eu_established"
    assert not Mandate.objects.exists()


def _mandates(n: int, provider: Organisation, representative: Organisation) -> None:
    blob, _ = EvidenceBlob.objects.get_or_create(
        sha256="0" * 64,
        defaults={"size": 1, "content_type": "application/pdf", "storage_path": "x"},
    )
    rows = Mandate.objects.bulk_create(
        Mandate(
            provider=provider,
            representative=representative,
            scope="all",
            tasks=["art22_3_a"],
            submitter="either",
            starts_on=date(2026, 1, 1),
            document=blob,
            document_name="m.pdf",
            status="declined",
            offered_by_label="test",
        )
        for _ in range(n)
    )
    from registry.register.models import MandateEvent

    MandateEvent.objects.bulk_create(
        MandateEvent(mandate=m, kind=kind, organisation=provider, actor_label="test")
        for m in rows
        for kind in ("offered", "declined")
    )


def test_the_mandates_list_costs_the_same_at_one_and_many_rows(api, cast):
    client = api(ORG_A_HOST, user=cast.alice)
    client.get("/api/v1/me")
    counts = []
    for n in (1, 12):
        Mandate.objects.all().delete()
        _mandates(n, cast.org_a, cast.org_b)
        with count_queries() as log:
            response = client.get("/api/v1/mandates/")
        assert response.status_code == 200 and len(response.json()["results"]) == n
        counts.append(log.count)
    assert counts[0] == counts[1], counts
