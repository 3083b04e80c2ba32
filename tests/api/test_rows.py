"""The systems list served from .values() (portal/api/rows.py) is what its serializer writes."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from portal.api.rows import RowPlan
from portal.api.v1.systems import SYSTEM_LIST_ROWS, SystemListSerializer
from registry.workspace import selectors, services
from registry.workspace.models import AISystem


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_a_page_from_values_equals_the_serializer(org_a, alice, zone):  # type: ignore[no-untyped-def]
    # The plan converts datetimes itself (to the current zone, ISO 8601, "Z" for UTC).
    with tenant_context(org_a), timezone.override(zone):
        full = services.ai_system_create(
            actor=alice, trade_name="Full", role="provider", system_reference="F 1",
            status="on_market", member_states=["DE", "FR"], provider_address="Street 1",
            provider_established_in_eu=True, additional_information_url="https://x.test/",
        )  # fmt: skip
        services.system_classify(
            actor=alice, system=full, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
        services.ai_system_create(actor=alice, trade_name="Bare", role="deployer")
        instances = list(selectors.ai_system_list().order_by("id"))
        rows = list(AISystem.objects.order_by("id").values(*SYSTEM_LIST_ROWS.columns))
        expected = SystemListSerializer(instances, many=True).data
        got = SYSTEM_LIST_ROWS.dump(rows)
    render = JSONRenderer().render
    assert render(got) == render(expected)
    assert got[0]["latest_classification"]["risk_tier"] == "high_risk"
    assert got[1]["latest_classification"] is None
    assert got[0]["updated_at"].endswith("Z" if zone == "UTC" else ":00")


def test_a_method_field_is_refused_when_the_plan_is_built():  # type: ignore[no-untyped-def]
    class WithMethod(serializers.Serializer):
        name = serializers.SerializerMethodField()

    with pytest.raises(TypeError):
        _ = RowPlan(WithMethod).columns
