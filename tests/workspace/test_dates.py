"""Dates that cannot be true are refused by the services, with the field named; dates the law
allows but that are probably a mistake are pointed out after a save (issue 15 item 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.errors import ValidationFailed
from registry.workspace import services
from registry.workspace.dates import date_warnings
from registry.workspace.models import Classification, GPAIModel, GPAIModelVersion
from tests.workspace.helpers import make_system

TODAY = timezone.localdate()
NEXT_YEAR = TODAY + timedelta(days=365)


def _refused(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert field in refused.value.field_errors, refused.value.field_errors


def test_a_union_release_before_the_first_release_is_refused(in_a, bob):
    model = services.gpai_model_create(actor=bob, name="Frontier")
    _refused(
        lambda: services.gpai_model_version_create(
            actor=bob,
            model=model,
            version="1",
            release_date=TODAY - timedelta(days=10),
            union_release_date=TODAY - timedelta(days=20),
        ),
        "union_release_date",
    )
    assert not GPAIModelVersion.objects.exists()


@pytest.mark.parametrize("field", ["threshold_known_on", "art52_notified_on"])
def test_art_52_dates_in_the_future_are_refused(in_a, bob, field):
    # A threshold "known" in 2030 would set an Art 52(1) notification due in 2030.
    model = services.gpai_model_create(actor=bob, name="Frontier")
    version = services.gpai_model_version_create(
        actor=bob, model=model, version="1", training_compute_flops=3e25
    )
    _refused(
        lambda: services.gpai_model_version_update(
            actor=bob, model_version=version, **{field: NEXT_YEAR}
        ),
        field,
    )
    version.refresh_from_db()
    assert getattr(version, field) is None
    assert version.art52_notification_due is None


def test_a_designation_dated_in_the_future_is_refused(in_a, bob):
    _refused(
        lambda: services.gpai_model_create(
            actor=bob,
            name="Frontier",
            commission_designated_systemic_risk=True,
            designated_on=NEXT_YEAR,
        ),
        "designated_on",
    )
    assert not GPAIModel.objects.exists()


def test_an_actual_placing_on_the_market_in_the_future_is_refused(in_a, bob):
    system = make_system(bob)
    facts = {"role": "provider", "annex_iii_area": "4(a)", "date_status": "actual"}
    _refused(
        lambda: services.system_classify(
            actor=bob,
            system=system,
            facts={**facts, "placed_on_market_date": NEXT_YEAR.isoformat()},
        ),
        "placed_on_market_date",
    )
    assert not Classification.objects.exists()
    # Planned, the same date is fine; actual, a past date is fine.
    services.system_classify(
        actor=bob,
        system=system,
        facts={**facts, "date_status": "planned", "placed_on_market_date": NEXT_YEAR.isoformat()},
    )
    services.system_classify(
        actor=bob, system=system, facts={**facts, "placed_on_market_date": "2026-09-01"}
    )
    assert Classification.objects.count() == 2


def test_saved_but_probably_wrong_dates_are_pointed_out(in_a, bob):
    system = make_system(bob)
    assert date_warnings(system) == []
    system = services.ai_system_update(
        actor=bob, system=system, certificate_expiry_date=TODAY - timedelta(days=1)
    )
    assert [w for w in date_warnings(system) if "Art 44(2)" in w]
    record = services.risk_record_create(
        actor=bob,
        system=system,
        hazard="Under-triage",
        likelihood="possible",
        severity="critical",
        next_review_on=TODAY - timedelta(days=3),
    )
    assert [w for w in date_warnings(record) if "Art 9(2)" in w]


def test_the_record_page_shows_the_warning_after_saving(client, in_a, bob):  # type: ignore[no-untyped-def]
    from tests.api.helpers import ORG_A_HOST

    system = make_system(bob)
    client.force_login(bob)
    response = client.post(
        f"/systems/{system.pk}/risks/new/",
        {
            "hazard": "Under-triage",
            "likelihood": "possible",
            "severity": "critical",
            "status": "open",
            "use_context": "intended_use",
            "next_review_on": (TODAY - timedelta(days=3)).isoformat(),
        },
        HTTP_HOST=ORG_A_HOST,
        follow=True,
    )
    assert response.status_code == 200
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings and "Art 9(2)" in str(warnings[0])
