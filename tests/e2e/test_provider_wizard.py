"""A provider registers a high-risk system through the wizard, completes it, adds a risk record
and uploads evidence: the result and its citations follow her answers without a page load."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from registry.workspace.demo_files import minimal_pdf
from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login


def test_provider_registers_a_high_risk_system_through_the_wizard(
    page, portal_server, shots, tmp_path
):  # type: ignore[no-untyped-def]
    base = portal_server.url(org="acme").rstrip("/")
    name = f"HireRank {uuid.uuid4().hex[:6]}"
    login(page, base, "alice@acme.test", PASSWORD)

    page.goto(f"{base}/systems/new/")
    result = page.locator("#classification-result")
    expect(result).to_contain_text("Choose your role")
    shots(page, "wizard-start")
    assert_accessible(page)

    # Step 1: role and organisation. The preview answers each change in place (htmx): the
    # marker set on the window survives, so the page was not reloaded.
    page.evaluate("window.__samePage = true")
    page.get_by_label("Trade name of the AI system").fill(name)
    page.get_by_label("Your role for this system").select_option("provider")
    expect(result).to_contain_text("Minimal risk")
    page.get_by_label("Your organisation is established in the EU").check()
    page.get_by_label("The provider is established in the EU").check()
    assert page.evaluate("window.__samePage === true")
    shots(page, "wizard-role-answered")

    # Steps 2-4: nothing applies; step 5 names the Annex III use case.
    for _ in range(4):
        page.locator("button[name=action][value=next]").click()
    expect(page.locator("legend")).to_contain_text("High-risk use cases")
    page.evaluate("window.__samePage = true")
    page.get_by_label("Annex III use case").select_option("4(a)")
    expect(result).to_contain_text("High-risk (Art 6)")
    expect(result).to_contain_text("Annex III 4(a)")
    expect(result).to_contain_text("Section A")
    assert page.evaluate("window.__samePage === true")
    shots(page, "wizard-high-risk")
    assert_accessible(page)

    # Profiling keeps it high-risk; claiming the derogation without profiling would not.
    page.get_by_label("You claim the system poses no significant risk").check()
    page.get_by_label("Art 6(3) condition relied on").select_option("d")
    expect(result).to_contain_text("Minimal risk")
    page.get_by_label("Profiles natural persons").check()
    expect(result).to_contain_text("High-risk (Art 6)")
    expect(result).to_contain_text("Art 6(3)")
    shots(page, "wizard-profiling-overrides-derogation")
    page.get_by_label("You claim the system poses no significant risk").uncheck()
    page.get_by_label("Art 6(3) condition relied on").select_option("")

    page.locator("button[name=action][value=next]").click()
    page.locator("button[name=action][value=next]").click()
    expect(page.locator("legend")).to_contain_text("Dates")
    expect(result).to_contain_text("High-risk (Art 6)")
    page.locator("button[name=action][value=save]").click()

    # The system page: classification with citations, Annex VIII items still missing.
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("main")).to_contain_text("Art 6(2), Annex III 4(a)")
    expect(page.locator("main")).to_contain_text("Items missing")
    shots(page, "system-created")
    assert_accessible(page)
    detail_url = page.url

    page.get_by_role("button", name="Edit Annex VIII details").click()
    page.get_by_role("link", name="Edit every item on one page").click()
    page.locator("#id_intended_purpose").fill("Ranks job applications for recruiters.")
    page.locator("#id_components_and_functions").fill("CV parser, matcher, ranking.")
    page.locator("#id_data_and_logic_description").fill("Gradient-boosted ranking.")
    page.locator("#id_status").select_option("on_market")
    page.get_by_label("Germany").check()
    page.locator("#id_conformity_assessment_route").select_option("annex_vi_internal_control")
    page.locator("#id_provider_established_in_eu").select_option("true")
    page.locator("#id_additional_information_url").fill("not a url")
    page.get_by_role("button", name="Save").click()
    # Refused next to the field; everything typed is still there.
    expect(page.locator("#id_additional_information_url_error")).to_be_visible()
    expect(page.locator("#id_intended_purpose")).to_have_value(
        "Ranks job applications for recruiters."
    )
    shots(page, "edit-refused")
    assert_accessible(page)
    page.locator("#id_additional_information_url").fill("https://acme.test/hirerank")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The AI system was saved.")
    expect(page.locator("main")).to_contain_text("Ranks job applications for recruiters.")
    shots(page, "annex-viii-filled")

    page.get_by_role("button", name="Add a risk record").click()
    page.get_by_label("Hazard").fill("Ranking drifts against older applicants")
    page.get_by_label("Likelihood").select_option("possible")
    page.get_by_label("Severity").select_option("major")
    page.get_by_label("Residual risk").select_option("low")
    shots(page, "risk-form")
    assert_accessible(page)
    page.get_by_role("button", name="Save the risk record").click()
    expect(page.locator("main")).to_contain_text("Ranking drifts against older applicants")

    pdf = tmp_path / "bias-audit.pdf"
    pdf.write_bytes(minimal_pdf("Bias audit", name))
    page.get_by_role("button", name="Upload evidence").click()
    page.locator("#id_file").set_input_files(str(pdf))
    page.get_by_label("Title").fill(f"Bias audit {name}")
    shots(page, "upload-form")
    assert_accessible(page)
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(f"{base}/evidence/")
    expect(page.locator("main")).to_contain_text(f"Bias audit {name}")
    shots(page, "evidence-list")
    assert_accessible(page)

    page.goto(detail_url)
    expect(page.locator("main")).to_contain_text(f"Bias audit {name}")
    shots(page, "system-complete")
    assert_accessible(page)
