"""A lead registers only what the law calls for (issue 11, item 5): registering a version re-checks
its kind against the classification recorded in the version's own snapshot (the register reads
no organisation's tables), and refuses a prohibited or out-of-scope subject or a kind not called
for, citing the article."""

from __future__ import annotations

import pytest

from portal.errors import Conflict
from registry import rules
from registry.register.models import Filing, FilingStatus, ReviewDecision
from registry.register.services import review
from registry.register.services.submit import filing_version_submit
from tests.register.factories import submission

EU = {"respondent_established_in_eu": True, "provider_established_in_eu": True}


def _classification(**facts: object) -> dict:
    return rules.classify(facts).to_dict()


def _file(actor, organisation, kind: str = "annex_viii_a", **facts: object) -> Filing:  # type: ignore[no-untyped-def]
    made = submission(organisation, kind=kind, classification=_classification(**facts))
    return filing_version_submit(actor=actor, submission=made).filing


@pytest.mark.parametrize(
    ("kind", "facts", "citation"),
    [
        (
            "annex_viii_a",
            {
                "role": "provider",
                "emotion_recognition": True,
                "emotion_recognition_setting": "workplace",
                **EU,
            },
            "Art 5",
        ),
        (
            "annex_viii_a",
            {"role": "provider", "out_of_scope": "military_defence_national_security", **EU},
            "Art 2",
        ),
        ("annex_viii_b", {"role": "provider", "annex_iii_area": "4(a)", **EU}, "Art 49(2)"),
        ("annex_viii_a", {"role": "provider", **EU}, "Art 49(1)"),
    ],
)
def test_lead_cannot_register_what_the_filed_classification_does_not_call_for(
    alice, org_a, lead_de, no_enqueue, kind, facts, citation
):
    filing = _file(alice, org_a, kind, **facts)
    with pytest.raises(Conflict) as excinfo:
        review.filing_register(actor=lead_de, filing=filing)
    assert excinfo.value.code == "filing_kind_not_allowed"
    assert citation in excinfo.value.message
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED and filing.registered_version_number is None
    assert not ReviewDecision.objects.filter(version__filing=filing).exists()


def test_lead_registers_a_section_a_filing_its_classification_calls_for(
    alice, org_a, lead_de, no_enqueue
):
    filing = _file(alice, org_a, "annex_viii_a", role="provider", annex_iii_area="4(a)", **EU)
    review.filing_register(actor=lead_de, filing=filing)
    filing.refresh_from_db()
    assert filing.status == FilingStatus.REGISTERED


def test_a_filing_without_a_recorded_classification_is_not_registered(
    alice, org_a, lead_de, no_enqueue
):
    made = submission(org_a, classification=None)
    filing = filing_version_submit(actor=alice, submission=made).filing
    with pytest.raises(Conflict) as excinfo:
        review.filing_register(actor=lead_de, filing=filing)
    assert excinfo.value.code == "filing_kind_not_allowed"
