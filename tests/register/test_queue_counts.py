"""The queue's maintained counts (QueueCount, kept by the trigger of register/0007) equal a
fresh count of the filings after every kind of status change."""

from __future__ import annotations

from collections import Counter

import pytest

from registry.register.models import Filing, QueueCount
from registry.register.services.review import (
    filing_register,
    filing_reject,
    filing_request_changes,
    filing_start_review,
    filing_withdraw,
)
from tests.web_public.conftest import _media_in_tmp  # noqa: F401
from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db
Key = tuple[str, str, bool, str, str, str]


def _maintained() -> dict[Key, int]:
    return {
        (r.member_state, r.kind, r.restricted, r.annex_iii_area, r.risk_tier, r.status): r.n
        for r in QueueCount.objects.exclude(n=0)
    }


def _counted() -> dict[Key, int]:
    counts: Counter[Key] = Counter()
    for f in Filing.objects.all():
        for state in {*f.member_states, "*"}:
            counts[(state, f.kind, f.restricted, f.annex_iii_area, f.risk_tier, f.status)] += 1
    return dict(counts)


def test_maintained_counts_equal_a_fresh_count_after_every_transition(cast, lead_de, reviewer_fr):  # type: ignore[no-untyped-def]
    org_a, owner_a, org_b, owner_b = cast.org_a, cast.owner_a, cast.org_b, cast.owner_b
    steps = 0

    def check(step: str) -> None:
        nonlocal steps
        steps += 1
        assert _maintained() == _counted(), step

    first = file(org_a, owner_a).filing
    check("submitted")
    filing_start_review(actor=lead_de, filing=first)
    check("under review")
    filing_register(actor=lead_de, filing=first)
    check("registered")
    file(org_a, owner_a, subject_id=first.subject_id)
    check("a new version of a registered entry")
    filing_start_review(actor=lead_de, filing=first)
    filing_register(actor=lead_de, filing=first)
    check("the new version registered, the old one superseded")

    several = file(org_b, owner_b, member_states=("DE", "AT", "NL")).filing
    check("submitted in three member states")
    filing_request_changes(
        actor=lead_de, filing=several, comments=[{"field": "A4", "body": "Give the version."}]
    )
    check("changes requested")
    file(org_b, owner_b, subject_id=several.subject_id, member_states=("DE", "FR"))
    check("resubmitted, one state fewer and one other")
    filing_reject(actor=lead_de, filing=several, reason="Not a high-risk system.")
    check("rejected")

    derogation = file(org_a, owner_a, kind="annex_viii_b", member_states=("DE", "IT")).filing
    check("an Art 6(3) registration submitted")
    filing_withdraw(actor=owner_a, filing=derogation, reason="Product cancelled")
    check("withdrawn")

    secure = file(org_b, owner_b, restricted=True, member_states=("FR",)).filing
    check("Art 49(4) filing submitted")
    filing_start_review(actor=reviewer_fr, filing=secure)
    filing_register(actor=reviewer_fr, filing=secure)
    check("Art 49(4) filing registered")

    file(org_a, owner_a, kind="gpai_art52_notification", member_states=())
    check("an Art 52 notification (AI Office, no member state)")

    assert steps == 14
    assert _maintained()[("*", "annex_viii_a", True, "4(a)", "high_risk", "registered")] == 1
    assert sum(n for key, n in _maintained().items() if key[0] == "*") == Filing.objects.count()
