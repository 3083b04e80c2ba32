"""The wizard asks contract 2's questions only where they matter: Art 2 first, Art 25 for
deployers, importers and distributors, the Art 50 exceptions after a trigger."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry import rules
from registry.workspace import services
from registry.workspace.models import Classification
from registry.workspace.web.forms_wizard import STEPS

STEP = {step.key: index for index, step in enumerate(STEPS)}
DEPLOYER = {
    "trade_name": "ScoreDesk",
    "role": "deployer",
    "organisation_type": "private_company",
    "annex_iii_area": "4(a)",
}


def _step(client, answers: dict, key: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/systems/new/", {**answers, "step": str(STEP[key]), "action": "x"})
    return response.content.decode()


def test_art_2_scope_is_asked_in_the_first_step_with_its_paragraphs(as_alice):  # type: ignore[no-untyped-def]
    html = as_alice.get("/systems/new/").content.decode()
    assert 'name="out_of_scope"' in html
    assert "Art 2(10)" in html and "Art 60" in html


def test_art_25_is_asked_of_a_deployer_and_skipped_for_a_provider(as_alice):  # type: ignore[no-untyped-def]
    html = _step(as_alice, DEPLOYER, "value_chain")
    assert 'name="becomes_provider_art25"' in html and "Art 25(1)" in html
    assert 'name="provides_public_services"' in html
    provider = {**DEPLOYER, "role": "provider"}
    # From the Annex III step a provider goes straight past the value-chain step.
    response = as_alice.post(
        "/systems/new/", {**provider, "step": str(STEP["annex_iii"]), "action": "next"}
    )
    html = response.content.decode()
    assert f'name="step" value="{STEP["transparency"]}"' in html
    assert "becomes_provider_art25" not in html


def test_art_25_answer_makes_the_deployer_the_provider_in_the_preview(as_alice):  # type: ignore[no-untyped-def]
    answers = {**DEPLOYER, "becomes_provider_art25": "own_name_or_trademark"}
    html = as_alice.post("/systems/new/preview/", answers, HTTP_HX_REQUEST="true").content.decode()
    assert "Art 25(1)(a)" in html and "Art 49(1)" in html
    # The same answer left behind by a role change is dropped, not refused.
    html = as_alice.post(
        "/systems/new/preview/", {**answers, "role": "provider"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Art 25(1)(a)" not in html and 'class="error"' not in html


def test_art_50_exceptions_are_asked_only_after_a_trigger(as_alice):  # type: ignore[no-untyped-def]
    response = as_alice.post(
        "/systems/new/", {**DEPLOYER, "step": str(STEP["transparency"]), "action": "next"}
    )
    assert f'name="step" value="{STEP["dates"]}"' in response.content.decode()
    triggered = {**DEPLOYER, "interacts_with_humans": "on"}
    response = as_alice.post(
        "/systems/new/", {**triggered, "step": str(STEP["transparency"]), "action": "next"}
    )
    html = response.content.decode()
    assert f'name="step" value="{STEP["transparency_exceptions"]}"' in html
    assert 'name="art50_exceptions"' in html and "Art 50(1)" in html


def test_art_50_exception_travels_between_steps_and_lifts_the_duty(as_alice):  # type: ignore[no-untyped-def]
    answers = {
        **DEPLOYER,
        "role": "provider",
        "annex_iii_area": "",
        "interacts_with_humans": "on",
        "art50_exceptions": ["obvious_from_context"],
    }
    html = _step(as_alice, answers, "dates")
    assert '<input type="hidden" name="art50_exceptions" value="obvious_from_context">' in html
    preview = as_alice.post(
        "/systems/new/preview/", answers, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-risk-tier="minimal_risk"' in preview


def test_the_detail_page_asks_to_re_run_an_old_classification(as_alice, org_a, alice):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="OldRules", role="provider")
        first = services.system_classify(
            actor=alice, system=system, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
        Classification.objects.filter(pk=first.pk).update(ruleset_version="2026.11.1")
    html = as_alice.get(f"/systems/{system.pk}/").content.decode()
    assert 'id="rerun-notice"' in html and "2026.11.1" in html
    response = as_alice.post(f"/systems/{system.pk}/classify/", {"action": "rerun"})
    assert response.status_code == 302
    html = as_alice.get(f"/systems/{system.pk}/").content.decode()
    assert 'id="rerun-notice"' not in html
    assert rules.RULESET_VERSION in html
