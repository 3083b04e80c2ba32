"""Derived dates: each function against the article that sets it (ai-act.md 5, 7, 10)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.rules import (
    SeriousIncidentType,
    art52_notification_due,
    certificate_max_expiry,
    certificate_renewal_alerts,
    log_retention_until,
    registration_due,
    retention_until,
    serious_incident_report_due,
)


def test_art49_registration_is_due_the_day_before_placing_on_the_market() -> None:
    assert registration_due(date(2027, 12, 2)) == date(2027, 12, 1)
    assert registration_due(date(2027, 3, 1)) == date(2027, 2, 28)


def test_art44_2_certificates_last_at_most_4_years_annex_iii_and_5_years_annex_i() -> None:
    assert certificate_max_expiry(date(2026, 9, 1), annex_i=False) == date(2030, 9, 1)
    assert certificate_max_expiry(date(2026, 9, 1), annex_i=True) == date(2031, 9, 1)
    # 29 February never overruns the maximum.
    assert certificate_max_expiry(date(2028, 2, 29), annex_i=True) == date(2033, 2, 28)


def test_art44_2_renewal_alerts_180_90_30_days_before_expiry() -> None:
    assert certificate_renewal_alerts(date(2030, 9, 1)) == (
        date(2030, 3, 5),
        date(2030, 6, 3),
        date(2030, 8, 2),
    )


def test_art18_documentation_retention_is_10_years_after_placing() -> None:
    assert retention_until(date(2026, 8, 2)) == date(2036, 8, 2)
    assert retention_until(date(2028, 2, 29)) == date(2038, 2, 28)


def test_art19_logs_are_kept_at_least_six_months() -> None:
    assert log_retention_until(date(2026, 8, 31)) == date(2027, 2, 28)
    assert log_retention_until(date(2026, 1, 15)) == date(2026, 7, 15)


@pytest.mark.parametrize(
    "incident,days",
    [
        ("widespread_infringement", 2),
        ("critical_infrastructure", 2),
        ("death", 10),
        ("serious_harm_to_health", 15),
        ("fundamental_rights", 15),
        ("property_or_environment", 15),
    ],
)
def test_art73_serious_incident_report_due_by_incident_type(incident: str, days: int) -> None:
    aware = date(2027, 12, 28)
    due = serious_incident_report_due(aware, incident)
    assert (due - aware).days == days
    assert serious_incident_report_due(aware, SeriousIncidentType(incident)) == due


def test_art73_unknown_incident_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        serious_incident_report_due(date(2027, 1, 1), "minor")


def test_art52_1_notification_within_two_weeks_of_threshold() -> None:
    assert art52_notification_due(date(2025, 12, 20)) == date(2026, 1, 3)
