"""Derived dates: pure functions from dates to dates, each citing its article.

Periods in days are calendar days (Regulation 1182/71 counts days as calendar days unless
working days are named).  Years are added on the calendar; 29 February falls back to
28 February in a year without it, so a period never overruns its legal maximum.
"""

from __future__ import annotations

from datetime import date, timedelta

from .enums import SeriousIncidentType
from .incidents import incident_clock
from .legal_calendar import get_default_calendar

# Renewal alerts before a certificate expires: 180 days leaves time for the notified body's
# re-assessment (Art 44(2) renewal "after a re-assessment"), 90 and 30 days are reminders.
CERTIFICATE_ALERT_DAYS: tuple[int, ...] = (180, 90, 30)

# Art 44(2): validity of notified-body certificates.
CERTIFICATE_MAX_YEARS_ANNEX_I = 5
CERTIFICATE_MAX_YEARS_ANNEX_III = 4

# Art 18(1), Art 47(1), Art 22(3)(b), Art 23(5), Art 54(3)(b): documentation kept 10 years.
RETENTION_YEARS = 10
# Art 19(1), Art 26(6): logs kept at least six months.
LOG_RETENTION_MONTHS = 6

# Art 73(2)-(4): days after awareness by which a serious incident must be reported, read from the
# legal calendar's `incident_clocks` data (registry.rules.incidents), never written here.
_INCIDENT_FACTS: dict[SeriousIncidentType, tuple[tuple[str, ...], bool]] = {
    SeriousIncidentType.WIDESPREAD_INFRINGEMENT: (("fundamental_rights",), True),
    SeriousIncidentType.CRITICAL_INFRASTRUCTURE: (("critical_infrastructure",), False),
    SeriousIncidentType.DEATH: (("death",), False),
    SeriousIncidentType.SERIOUS_HARM_TO_HEALTH: (("health",), False),
    SeriousIncidentType.FUNDAMENTAL_RIGHTS: (("fundamental_rights",), False),
    SeriousIncidentType.PROPERTY_OR_ENVIRONMENT: (("property_environment",), False),
}


def _art73_days(incident_type: SeriousIncidentType) -> int:
    harms, widespread = _INCIDENT_FACTS[incident_type]
    return incident_clock(
        regime="art73",
        harms=harms,
        widespread=widespread,
        aware_on=date.min,
        calendar=get_default_calendar(),
    ).days


SERIOUS_INCIDENT_REPORT_DAYS: dict[SeriousIncidentType, int] = {
    kind: _art73_days(kind) for kind in SeriousIncidentType
}

# Art 52(1): notify "without delay and in any event within two weeks".
ART_52_NOTIFICATION_DAYS = 14


def add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February into a common year
        return start.replace(year=start.year + years, day=28)


def add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def registration_due(placing_date: date) -> date:
    """Last day to register in the EU database: the day before placing on the market or putting
    into service (Art 49(1)-(2)), or before first use by a public-authority deployer (Art 49(3)).

    The Act says "before"; the day before is returned so that an alert on this date is still
    in time.
    """
    return placing_date - timedelta(days=1)


def certificate_max_expiry(issued_on: date, *, annex_i: bool) -> date:
    """Latest expiry of a notified-body certificate: 5 years for Annex I products, 4 years for
    Annex III systems (Art 44(2))."""
    years = CERTIFICATE_MAX_YEARS_ANNEX_I if annex_i else CERTIFICATE_MAX_YEARS_ANNEX_III
    return add_years(issued_on, years)


def certificate_renewal_alerts(expires_on: date) -> tuple[date, ...]:
    """Alert dates before a certificate expires, earliest first (Art 44(2) renewal after
    re-assessment; Annex VIII A8 expiry date).  Offsets are ``CERTIFICATE_ALERT_DAYS``."""
    return tuple(expires_on - timedelta(days=days) for days in CERTIFICATE_ALERT_DAYS)


def retention_until(placed_on_market: date) -> date:
    """End of the 10-year retention of technical documentation, QMS documents, notified-body
    decisions and the EU declaration of conformity (Art 18(1), Art 47(1); importers Art 23(5),
    authorised representatives Art 22(3)(b); GPAI authorised representatives Art 54(3)(b))."""
    return add_years(placed_on_market, RETENTION_YEARS)


def log_retention_until(logged_on: date) -> date:
    """Earliest date automatically generated logs may be deleted: at least six months
    (Art 19(1) providers, Art 26(6) deployers), unless other Union or national law says longer."""
    return add_months(logged_on, LOG_RETENTION_MONTHS)


def serious_incident_report_due(aware_on: date, incident_type: SeriousIncidentType | str) -> date:
    """Latest date for the serious-incident report to the market surveillance authority
    (Art 73): 2 days for a widespread infringement or a serious and irreversible disruption of
    critical infrastructure (73(3)), 10 days for a death (73(4)), otherwise 15 days (73(2)),
    counted from awareness.  Report "immediately" in every case; these are the outer limits."""
    return aware_on + timedelta(days=_art73_days(SeriousIncidentType(incident_type)))


def art52_notification_due(threshold_met_or_known_on: date) -> date:
    """Latest date to notify the Commission that a GPAI model meets, or will meet, the
    systemic-risk threshold of Art 51(1)(a): two weeks after it is met or becomes known
    (Art 52(1))."""
    return threshold_met_or_known_on + timedelta(days=ART_52_NOTIFICATION_DAYS)
