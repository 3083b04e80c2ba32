"""A paginated list in the browser (issue 13, decision 0006), with JavaScript and without: filter,
sort, next and previous on the systems page; the filters, sort and page size stay in the URL.
With JavaScript htmx swaps only the list (the page is not reloaded); without it the same form
and links load whole pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import connection
from playwright.sync_api import expect

from registry.workspace.models import AISystem
from tests.cast import PASSWORD
from tests.e2e.browser import login

SCHEMA = "org_acme"
WALKERS = 30  # "Walk 01" … "Walk 30"; every third is high-risk


def _autocommit() -> psycopg.Connection[Any]:
    """A connection of its own: the test's transaction is invisible to the server."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None, port=settings["PORT"] or None, autocommit=True,
    )  # fmt: skip


@pytest.fixture
def walkers() -> Iterator[None]:
    """WALKERS systems in acme, committed, removed afterwards."""
    template = AISystem(trade_name="Walk", role="provider", system_reference="W")
    columns: list[str] = []
    values: list[str] = []
    params: list[Any] = []
    for model_field in AISystem._meta.concrete_fields:
        if model_field.primary_key:
            continue
        columns.append(f'"{model_field.column}"')
        if model_field.column == "trade_name":
            values.append("'Walk ' || lpad(g::text, 2, '0')")
        elif model_field.column == "uid":
            values.append("gen_random_uuid()")
        elif model_field.column == "risk_tier":
            values.append("CASE WHEN mod(g, 3) = 0 THEN 'high_risk' ELSE '' END")
        else:
            values.append("%s")
            params.append(
                model_field.get_db_prep_save(model_field.pre_save(template, True), connection)
            )
    table = f'"{SCHEMA}"."{AISystem._meta.db_table}"'
    with _autocommit() as db:
        db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - our own names
            f"SELECT {', '.join(values)} FROM generate_series(1, {WALKERS}) AS g",
            params,
        )
    yield
    with _autocommit() as db:
        db.execute(f"DELETE FROM {table} WHERE trade_name LIKE 'Walk %'")  # noqa: S608


def _names(page: Any) -> list[str]:
    return page.locator("#list tbody tr td:first-child a").all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_walk_the_systems_list(browser, portal_server, walkers, javascript):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        host = portal_server.url(org="acme")
        login(page, host, "alice@acme.test", PASSWORD)
        page.goto(host.rstrip("/") + "/systems/")
        if javascript:  # survives an htmx swap, not a page load
            page.evaluate("window.__sameDocument = true")

        # Filter and choose the size: the form's GET keeps every value in the URL.
        form = page.locator("#list form")
        form.locator("[name=q]").fill("Walk")
        form.locator("[name=page_size]").select_option("25")
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"(?=.*q=Walk)(?=.*page_size=25)"))
        expect(page.locator("#list tbody tr")).to_have_count(25)
        first = _names(page)
        assert first == [f"Walk {n:02d} W" for n in range(1, 26)], first
        expect(page.locator("#list .page-total")).to_have_text("Results: 30")

        # Next keeps the filter and the size; previous comes back to the same rows.
        page.locator("#list a[rel=next]").click()
        expect(page).to_have_url(re.compile(r"(?=.*cursor=)(?=.*q=Walk)(?=.*page_size=25)"))
        expect(page.locator("#list tbody tr")).to_have_count(5)
        assert _names(page) == [f"Walk {n:02d} W" for n in range(26, 31)]
        assert page.locator("#list a[rel=next]").count() == 0
        page.locator("#list a[rel=prev]").click()
        expect(page.locator("#list tbody tr")).to_have_count(25)
        assert _names(page) == first

        # Sort Z–A, and filter on the risk tier: both in the URL, both applied.
        form = page.locator("#list form")
        form.locator("[name=sort]").select_option("-name")
        form.locator("[name=risk_tier]").select_option("high_risk")
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"(?=.*sort=-name)(?=.*risk_tier=high_risk)"))
        expect(page.locator("#list tbody tr")).to_have_count(10)
        assert _names(page) == [f"Walk {n:02d} W" for n in range(30, 0, -3)]
        expect(page.locator("#list .page-total")).to_have_text("Results: 10")

        if javascript:
            assert page.evaluate("window.__sameDocument") is True  # htmx swapped the list only
        nav = page.locator("nav.pagination")
        assert nav.get_attribute("aria-label") == "Pages"
    finally:
        context.close()
