"""Pages with data, in German and French, show no English (tests/ui/scan.py): the draft page
with its checklist, comments and versions; a model with its documentation; a chapter's history.
(The pages without data are in tests/ui/pages.py and scanned by tests/ui/test_translations.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from registry.register.services import review
from registry.workspace import services
from registry.workspace.services.cop import cop_signature_set
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from registry.workspace.web.diff import display
from tests.filing_flow.builders import complete_section_a_system
from tests.ui.scan import assert_translated


def _render(host_client, user, path: str, lang: str) -> str:
    client = host_client("acme.localhost", user=user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _data(*snapshots_or_values) -> set[str]:
    """What stays the same in every language: registration field names (identifiers) and the
    values the organisation entered."""
    allowed: set[str] = set()
    for value in snapshots_or_values:
        if isinstance(value, dict):
            for item in value.get("registration", {}).get("items", []):
                for name, field in (item.get("fields") or {}).items():
                    allowed.update({name, str(field), display(field)})
        else:
            allowed.add(str(value))
    return allowed


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_draft_page_with_comments_and_versions_is_translated(
    lang, host_client, org_a, alice, regulator
):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    review.filing_start_review(actor=regulator, filing=version.filing)
    review.filing_request_changes(
        actor=regulator,
        filing=version.filing,
        comments=[{"field": "A5", "body": "Mehr Details."}, {"field": "general", "body": "Bitte."}],
    )
    with tenant_context(org_a):
        services.ai_system_update(actor=alice, system=system, intended_purpose="")
    path = f"/filings/{draft.pk}/"
    english = _render(host_client, alice, path, "en")
    translated = _render(host_client, alice, path, lang)
    allowed = _data(
        version.snapshot,
        version.filing.registration_number,
        "HireRank HR 3.0",
        "Mehr Details.",
        "Bitte.",
        "German MSA (test)",
        version.sha256,
        version.sha256[:12] + "…",
        "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13",
    )  # fmt: skip
    assert_translated(translated, english, lang, allowed=allowed)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_model_pages_are_translated(lang, host_client, org_a, alice):
    with tenant_context(org_a):
        model = services.gpai_model_create(actor=alice, name="Atlas")
        version = services.gpai_model_version_create(
            actor=alice,
            model=model,
            version="1.0",
            training_compute_flops=2e25,
            threshold_known_on=date(2026, 3, 2),
        )
    allowed = {"Atlas", "1.0", "2.00e+25", "Atlas 1.0", "2e+25", org_a.legal_name}
    for path in (
        f"/models/{model.pk}/",
        f"/models/{model.pk}/versions/{version.pk}/documentation/",
        f"/models/{model.pk}/versions/{version.pk}/export/aio/",
        f"/models/{model.pk}/versions/{version.pk}/edit/",
        "/models/new/",
    ):
        english = _render(host_client, alice, path, "en")
        assert_translated(_render(host_client, alice, path, lang), english, lang, allowed=allowed)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_chapter_history_is_translated(lang, host_client, org_a, alice):
    with tenant_context(org_a):
        cop_signature_set(
            actor=alice,
            chapter="copyright",
            status="signed",
            status_date=date(2025, 8, 1),
            signatory_name="Olga Owner",
            signatory_authority="CEO",
        )
    for path in ("/code-of-practice/", "/code-of-practice/copyright/"):
        english = _render(host_client, alice, path, "en")
        translated = _render(host_client, alice, path, lang)
        assert_translated(
            translated, english, lang, allowed={"Olga Owner", "CEO", alice.email, org_a.legal_name}
        )


# The error states of the main forms: tests/ui/test_translated_error_pages.py.
