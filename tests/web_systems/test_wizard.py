"""The classification wizard: steps, the htmx preview, saving system and classification at once."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry import rules
from registry.workspace import services
from registry.workspace.models import AISystem, Classification
from registry.workspace.web.forms_wizard import STEPS, FactsForm

ANSWERS = {
    "trade_name": "HireRank Wizard",
    "role": "provider",
    "organisation_type": "private_company",
    "respondent_established_in_eu": "on",
    "provider_established_in_eu": "on",
    "annex_iii_area": "4(a)",
}


def test_the_steps_ask_every_fact_of_the_contract_once() -> None:
    asked = [name for step in STEPS for name in step.fields if name != "trade_name"]
    assert sorted(asked) == sorted(rules.FACT_KEYS)
    assert set(FactsForm().fields) == {*rules.FACT_KEYS, "trade_name"}


def test_first_step_asks_role_and_organisation(as_alice):  # type: ignore[no-untyped-def]
    html = as_alice.get("/systems/new/").content.decode()
    assert 'name="role"' in html and 'name="trade_name"' in html
    assert 'name="annex_iii_area"' not in html  # a later step
    assert 'hx-post="/systems/new/preview/"' in html


def test_next_requires_name_and_role(as_alice):  # type: ignore[no-untyped-def]
    response = as_alice.post("/systems/new/", {"step": "0", "action": "next"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_role_error"' in html and 'id="id_trade_name_error"' in html


def test_next_carries_earlier_answers_as_hidden_inputs(as_alice):  # type: ignore[no-untyped-def]
    response = as_alice.post("/systems/new/", {**ANSWERS, "step": "0", "action": "next"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<input type="hidden" name="trade_name" value="HireRank Wizard">' in html
    assert '<input type="hidden" name="step" value="1">' in html
    assert 'name="is_gpai_model"' in html


def test_preview_returns_the_result_fragment_with_citations(as_alice):  # type: ignore[no-untyped-def]
    response = as_alice.post("/systems/new/preview/", ANSWERS, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment
    assert "High-risk (Art 6)" in html
    assert "Art 6(2), Annex III 4(a)" in html
    changed = as_alice.post(
        "/systems/new/preview/", {**ANSWERS, "social_scoring": "on"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Prohibited practice (Art 5)" in changed
    assert "Art 5(1)(c)" in changed


def test_preview_before_a_role_asks_for_one(as_alice):  # type: ignore[no-untyped-def]
    html = as_alice.post("/systems/new/preview/", {}).content.decode()
    assert "Choose your role" in html


def test_save_creates_the_system_and_its_classification(as_alice, org_a):  # type: ignore[no-untyped-def]
    response = as_alice.post("/systems/new/", {**ANSWERS, "step": "6", "action": "save"})
    assert response.status_code == 302
    with tenant_context(org_a):
        system = AISystem.objects.get(trade_name="HireRank Wizard")
        assert response["Location"] == f"/systems/{system.pk}/"
        assert system.risk_tier == "high_risk"
        assert system.registration_section == "A"
        assert system.annex_iii_area == "4(a)"
        assert system.latest_classification.facts["annex_iii_area"] == "4(a)"


def test_save_without_a_name_goes_back_to_the_first_step(as_alice, org_a):  # type: ignore[no-untyped-def]
    data = {**ANSWERS, "trade_name": "", "step": "6", "action": "save"}
    response = as_alice.post("/systems/new/", data)
    assert response.status_code == 422
    assert 'id="id_trade_name_error"' in response.content.decode()
    assert '<input type="hidden" name="step" value="0">' in response.content.decode()
    with tenant_context(org_a):
        assert not AISystem.objects.filter(role="provider", annex_iii_area="4(a)").exists()


def test_duplicate_name_is_refused_next_to_the_name_and_nothing_is_stored(as_alice, org_a, alice):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        services.ai_system_create(actor=alice, trade_name="HireRank Wizard", role="provider")
    response = as_alice.post("/systems/new/", {**ANSWERS, "step": "6", "action": "save"})
    assert response.status_code == 422
    assert 'id="id_trade_name_error"' in response.content.decode()
    with tenant_context(org_a):
        assert AISystem.objects.filter(trade_name="HireRank Wizard").count() == 1
        assert not Classification.objects.exists()


def test_reclassify_is_prefilled_and_adds_a_classification(as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    page = as_alice.get(f"/systems/{hirerank.pk}/classify/").content.decode()
    assert '<option value="provider" selected>' in page
    assert '<input type="hidden" name="annex_iii_area" value="4(a)">' in page
    facts = {"role": "provider", "annex_iii_area": "4(a)", "interacts_with_humans": "on"}
    response = as_alice.post(
        f"/systems/{hirerank.pk}/classify/", {**facts, "step": "6", "action": "save"}
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        assert Classification.objects.filter(system_id=hirerank.pk).count() == 2
        latest = AISystem.objects.get(pk=hirerank.pk).latest_classification
        assert latest.result["transparency_triggers"] == ["50(1)"]
