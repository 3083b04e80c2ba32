"""The API gets the services' refusal of a date that cannot be true (issue 15 item 6)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.workspace.models import Classification
from tests.api.helpers import ORG_A_HOST
from tests.workspace.helpers import make_system

NEXT_YEAR = timezone.localdate() + timedelta(days=365)


def test_an_actual_placing_in_the_future_is_a_field_error(api, make_key, org_a, bob):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        system = make_system(bob)
    response = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"])).post(
        f"/api/v1/systems/{system.pk}/classifications/",
        {"facts": {"date_status": "actual", "placed_on_market_date": NEXT_YEAR.isoformat()}},
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "placed_on_market_date" in response.json()["errors"]
    with tenant_context(org_a):
        assert not Classification.objects.exists()
