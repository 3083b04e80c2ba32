"""/api/v1/verifications/ and POST /api/v1/filings/{id}/verification/: the representative's
verification through the API, naming the SHA-256 of the body it read (Art 22(3)(a))."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from portal.accounts.api_keys import api_key_create
from registry.register.models import FilingVerification
from registry.register.services.mandates import mandate_accept
from registry.workspace.services.drafts import filing_draft_create
from tests.api.helpers import ApiClient, assert_problem


def _key(actor, organisation, scopes):  # type: ignore[no-untyped-def]
    return api_key_create(actor=actor, organisation=organisation, name="api", scopes=scopes)[1]


def test_the_representative_reads_verifies_and_the_provider_sees_it(
    non_eu_acme, alice, cast, org_b, hire_rank, offer
):
    mandate_accept(actor=cast.owner_b, mandate=offer())
    with tenant_context(non_eu_acme):
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=hire_rank.pk)
    provider = ApiClient("acme.localhost", key=_key(alice, non_eu_acme, ["read", "write"]))
    representative = ApiClient("globex.localhost", key=_key(cast.owner_b, org_b, ["read", "admin"]))

    asked = provider.post(f"/api/v1/filings/{draft.pk}/verification/")
    assert asked.status_code == 201, asked.content
    sent = asked.json()
    assert sent["side"] == "provider" and sent["state"] == "requested"
    assert sent["representative"] == org_b.slug and len(sent["sha256"]) == 64

    awaiting = representative.get("/api/v1/verifications/?state=requested").json()["results"]
    (row,) = [r for r in awaiting if r["id"] == sent["id"]]
    assert row["side"] == "representative" and row["body"] and row["kind"] == "annex_viii_a"
    path = f"/api/v1/verifications/{sent['id']}/"

    stale = representative.post(f"{path}verify/", {"sha256": "0" * 64})
    assert_problem(stale, 409, "verification_sha256_mismatch")
    assert_problem(representative.post(f"{path}refuse/", {}), 400, "validation_failed")
    assert FilingVerification.objects.get(pk=sent["id"]).state == "requested"

    verified = representative.post(f"{path}verify/", {"sha256": sent["sha256"]})
    assert verified.status_code == 200, verified.content
    assert verified.json()["state"] == "verified" and verified.json()["filed"] is None
    assert provider.get(path).json()["state"] == "verified"
    assert_problem(
        representative.post(f"{path}verify/", {"sha256": sent["sha256"]}),
        409,
        "verification_answered",
    )
