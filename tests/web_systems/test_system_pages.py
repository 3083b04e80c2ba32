"""The AI-system list, detail and edit pages."""

from __future__ import annotations

import re

from django_tenants.utils import tenant_context

from registry.workspace import services
from registry.workspace.models import AISystem
from tests.web_systems.conftest import HOST


def test_list_shows_systems_with_their_tier(as_alice, hirerank):  # type: ignore[no-untyped-def]
    response = as_alice.get("/systems/")
    assert response.status_code == 200
    assert "HireRank" in response.content.decode()
    assert "High-risk (Art 6)" in response.content.decode()


def test_list_filters_by_tier_and_search(as_alice, hirerank):  # type: ignore[no-untyped-def]
    assert "HireRank" not in as_alice.get("/systems/?risk_tier=minimal_risk").content.decode()
    assert "HireRank" in as_alice.get("/systems/?risk_tier=high_risk").content.decode()
    assert "HireRank" in as_alice.get("/systems/?q=hire").content.decode()
    assert "HireRank" not in as_alice.get("/systems/?q=nothing-like-it").content.decode()


def test_detail_shows_annex_viii_classification_and_records(as_alice, hirerank):  # type: ignore[no-untyped-def]
    html = as_alice.get(f"/systems/{hirerank.pk}/").content.decode()
    assert "A5 Intended purpose, components and functions" in html
    assert "Ranks job applications for recruiters." in html
    assert "Art 6(2), Annex III 4(a)" in html  # the explanation's citation
    assert "Proxy discrimination" in html  # its risk record
    assert "Instructions for use" in html  # its evidence
    assert "complete" in html


def test_detail_marks_missing_items(as_alice, org_a, alice):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Bare", role="provider")
        services.system_classify(
            actor=alice, system=system, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
    html = as_alice.get(f"/systems/{system.pk}/").content.decode()
    assert "Items missing: " in html
    assert 'class="missing"' in html


def test_edit_saves_annex_viii_fields(as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    page = as_alice.get(f"/systems/{hirerank.pk}/edit/")
    assert page.status_code == 200
    data = {
        "trade_name": "HireRank",
        "system_reference": "HR 3.1",
        "intended_purpose": "Ranks applications.",
        "member_states": ["DE", "FR"],
        "status": "on_market",
        "declaration_of_conformity": str(hirerank.declaration_of_conformity_id),
        "instructions_for_use": str(hirerank.instructions_for_use_id),
        "conformity_assessment_route": "annex_vi_internal_control",
        "provider_established_in_eu": "true",
    }
    response = as_alice.post(f"/systems/{hirerank.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with tenant_context(org_a):
        system = AISystem.objects.get(pk=hirerank.pk)
    assert system.system_reference == "HR 3.1"
    assert system.member_states == ["DE", "FR"]


def test_edit_shows_errors_next_to_the_field_and_keeps_input(as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    data = {
        "trade_name": "",
        "system_reference": "kept reference",
        "additional_information_url": "not a url",
    }
    response = as_alice.post(f"/systems/{hirerank.pk}/edit/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_trade_name_error"' in html
    assert 'id="id_additional_information_url_error"' in html
    assert 'value="kept reference"' in html
    with tenant_context(org_a):
        assert AISystem.objects.get(pk=hirerank.pk).system_reference == "HR 3.0"


def test_unknown_system_is_404(as_alice):  # type: ignore[no-untyped-def]
    assert as_alice.get("/systems/999999/").status_code == 404


def test_globex_system_is_not_reachable_from_acme(host_client, org_b, owner_b, alice):  # type: ignore[no-untyped-def]
    with tenant_context(org_b):
        theirs = services.ai_system_create(actor=owner_b, trade_name="GlobexOnly", role="provider")
    # Another organisation's system id means nothing on acme's host.
    html = host_client(HOST, user=alice).get("/systems/").content.decode()
    assert "GlobexOnly" not in html
    response = host_client(HOST, user=alice).get(f"/systems/{theirs.pk}/")
    assert response.status_code == 404 or "GlobexOnly" not in response.content.decode()


# --- the Annex VIII form as a task list (issue 15 item 13) -------------------------------------


def test_edit_is_a_task_list_with_progress_and_one_page_per_item(as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    tasks = as_alice.get(f"/systems/{hirerank.pk}/edit/").content.decode()
    assert "<progress" in tasks and 'id="task-a5"' in tasks
    assert f'href="/systems/{hirerank.pk}/edit/a5/"' in tasks
    part = as_alice.get(f"/systems/{hirerank.pk}/edit/a5/").content.decode()
    assert 'id="id_intended_purpose"' in part
    assert 'id="id_trade_name"' not in part  # only the item's own fields
    # A refusal keeps the input, with the error next to the field; nothing is saved.
    refused = as_alice.post(
        f"/systems/{hirerank.pk}/edit/a13/", {"additional_information_url": "x y"}
    )
    assert refused.status_code == 422
    assert 'id="id_additional_information_url_error"' in refused.content.decode()
    saved = as_alice.post(f"/systems/{hirerank.pk}/edit/a5/", {"intended_purpose": "Ranks CVs."})
    assert saved.status_code == 302
    assert saved["Location"] == f"/systems/{hirerank.pk}/edit/#task-a5"
    with tenant_context(org_a):
        system = AISystem.objects.get(pk=hirerank.pk)
    assert system.intended_purpose == "Ranks CVs."
    assert system.system_reference == "HR 3.0"  # fields of other items untouched
    assert as_alice.get(f"/systems/{hirerank.pk}/edit/z9/").status_code == 404


def test_provider_details_are_prefilled_from_the_organisation_profile(as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        services.ai_system_update(actor=as_alice_user(org_a), system=hirerank, provider_name="")
    page = as_alice.get(f"/systems/{hirerank.pk}/edit/a1/").content.decode()
    tag = re.search(r"<(?:input|textarea)[^>]*id=\"id_provider_name\"[^>]*>[^<]*", page)
    assert tag is not None and org_a.legal_name in tag.group(0)
    assert "Filled in from your organisation" in page


def as_alice_user(org_a):  # type: ignore[no-untyped-def]
    from portal.accounts.models import User

    return User.objects.get(email="alice@acme.test")
