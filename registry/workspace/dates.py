"""Dates that contradict each other or the calendar (issue 15 item 6).

Two kinds of finding, both about what a person typed:
- ``date_errors``: what cannot be true (a release in the Union before the model's first release,
  an "actual" placing on the market that has not happened yet, a notification sent in the
  future). The services refuse these, so the web, the API and bulk import get the same error.
- ``date_warnings``: what the law allows but is probably a mistake or a duty missed (an expired
  certificate, a review date already past, an Art 52 notification overdue). The pages say them
  after a save; nothing is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FUTURE = _("This date is in the future; give the date on which it happened.")


def _day(value: date) -> str:
    return str(formats.date_format(value, "DATE_FORMAT"))


def _is_after_today(value: Any) -> bool:
    return isinstance(value, date) and value > timezone.localdate()


def past_only(instance: Any, names: Iterable[str]) -> dict[str, list[StrOrPromise]]:
    """Errors for the fields of ``instance`` that record something done and lie in the future."""
    return {name: [FUTURE] for name in names if _is_after_today(getattr(instance, name, None))}


def gpai_version_date_errors(version: Any) -> dict[str, list[StrOrPromise]]:
    """A model version: the Union release cannot precede the first release; the day the Art 51
    threshold was met (or became known, Art 52(1)), the notification and the documentation
    update are things done, so not in the future."""
    errors = past_only(
        version, ("threshold_known_on", "art52_notified_on", "documentation_updated_on")
    )
    first, union = version.release_date, version.union_release_date
    if isinstance(first, date) and isinstance(union, date) and union < first:
        errors.setdefault("union_release_date", []).append(
            _(
                "The release in the Union (%(union)s) cannot be before the first release (%(first)s)."
            )
            % {"union": _day(union), "first": _day(first)}
        )
    return errors


def facts_date_errors(placed_on_market: date | None, status: str | None) -> dict[str, list[Any]]:
    """Classification facts: an "actual" placing on the market or putting into service (Art 3(9),
    3(11)) has happened, so it is not after today; a future date is "planned"."""
    if status == "actual" and _is_after_today(placed_on_market):
        return {
            "placed_on_market_date": [
                _(
                    "An actual placing on the market cannot be in the future; mark the date as planned."
                )
            ]
        }
    return {}


def date_warnings(obj: Any) -> list[str]:
    """What a page should point out about ``obj`` after a save (nothing is refused)."""
    today = timezone.localdate()
    found: list[str] = []
    expiry = getattr(obj, "certificate_expiry_date", None)
    if isinstance(expiry, date) and expiry < today:
        found.append(
            str(
                _(
                    "The notified body's certificate expired on %(day)s: a filing would cite an "
                    "expired certificate (Art 44(2)). Renew it or record the new certificate."
                )
                % {"day": _day(expiry)}
            )
        )
    review = getattr(obj, "next_review_on", None)
    if isinstance(review, date) and review < today:
        found.append(
            str(
                _(
                    "The next review date (%(day)s) is already past: the record is due for review "
                    "(Art 9(2) risk management, Art 17(1) quality management)."
                )
                % {"day": _day(review)}
            )
        )
    due = getattr(obj, "art52_notification_due", None)
    if isinstance(due, date) and due < today and not getattr(obj, "art52_notified_on", None):
        found.append(
            str(
                _(
                    "The Art 52(1) notification to the Commission was due on %(day)s and is not "
                    "recorded as sent."
                )
                % {"day": _day(due)}
            )
        )
    return found
