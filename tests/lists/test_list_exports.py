"""Exports of the workspace's lists (issue 15 item 12): the current filtered list as CSV and
XLSX, translated headers, AI Act labels instead of codes, the page's filters honoured, and the
same queries whatever the number of rows (a server-side cursor, rows written as read)."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from registry import labels
from registry.workspace.models import AISystem
from tests.bulk import clone_rows
from tests.lists.test_list_budgets import CASES
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

HOST = "acme.localhost"
EXPORTS = {
    "gpai-models": "/models/export/",
    "risk-records": "/records/export/",
    "qms-records": "/records/qms/export/",
    "evidence": "/evidence/export/",
    "filings": "/filings/export/",
}


def _body(response: Any) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(_body(response).decode())))


def _xlsx(response: Any) -> list[tuple[Any, ...]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def systems(org_a):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        high = AISystem.objects.create(
            trade_name="=HYPERLINK(1)", system_reference="R-1", role="provider",
            risk_tier="high_risk", status="on_market",
        )  # fmt: skip
        AISystem.objects.create(
            trade_name="Chatbot",
            system_reference="R-2",
            role="deployer",
            risk_tier="limited_risk_transparency",
        )
        return high


def test_systems_csv_has_german_headers_labels_and_the_page_filters(host_client, alice, systems):  # type: ignore[no-untyped-def]
    client = host_client(HOST, user=alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    rows = _csv(client.get("/systems/export/?format=csv&risk_tier=high_risk&sort=-name"))
    header, *data = rows
    assert header[0] == "Handelsname" and "Risikostufe" in header
    assert len(data) == 1  # the filter of the page: only the high-risk system
    assert data[0][0] == "'=HYPERLINK(1)"  # a formula is written as text
    assert "Hochrisiko" in data[0][3] and "high_risk" not in ",".join(data[0])


def test_systems_xlsx_opens_with_the_rows_in_the_page_order(host_client, alice, systems):  # type: ignore[no-untyped-def]
    client = host_client(HOST, user=alice)
    header, *data = _xlsx(client.get("/systems/export/?format=xlsx&sort=-name"))
    assert header[:4] == ("Trade name", "Reference", "Role", "Risk tier")
    page = client.get("/systems/?sort=-name").content.decode()
    names = [row[0] for row in data]
    assert set(names) == {"=HYPERLINK(1)", "Chatbot"}  # a formula stays text in XLSX too
    assert names == sorted(names, key=page.index)  # the page's order
    tiers = {row[0]: row[3] for row in data}
    assert tiers["Chatbot"] == str(labels.RISK_TIER["limited_risk_transparency"])


def test_an_unknown_format_or_a_bad_filter_exports_nothing_and_says_why(
    host_client, alice, systems
):  # type: ignore[no-untyped-def]
    client = host_client(HOST, user=alice)
    response = client.get("/systems/export/?format=pdf")
    assert response.status_code == 400 and not response.streaming
    assert "Choose CSV or XLSX" in response.content.decode()
    response = client.get("/records/export/?format=csv&status=nonsense")
    assert response.status_code == 422
    assert "correct the filters" in response.content.decode()


def test_the_export_link_keeps_the_current_query(host_client, alice, systems):  # type: ignore[no-untyped-def]
    html = host_client(HOST, user=alice).get("/systems/?risk_tier=high_risk").content.decode()
    assert "/systems/export/?format=xlsx&amp;risk_tier=high_risk" in html


def test_other_organisations_and_the_public_export_nothing(host_client, cast, systems):  # type: ignore[no-untyped-def]
    for user in (cast.carol, cast.owner_b, cast.regulator):
        response = host_client(HOST, user=user).get("/systems/export/?format=csv")
        assert response.status_code in (302, 403, 404)
        assert not response.streaming
    response = host_client(HOST).get("/systems/export/?format=csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _export_queries(client: Any, path: str) -> int:
    with count_queries() as log:
        response = client.get(path)
        _body(response)  # the rows are read while the response is written
    assert response.status_code == 200, path
    return log.count


@pytest.mark.parametrize("name", EXPORTS)
def test_export_runs_the_same_queries_at_1_and_1500_rows(host_client, cast, name):  # type: ignore[no-untyped-def]
    case = CASES[name]
    client = host_client(HOST, user=cast.alice)
    with tenant_context(cast.org_a):
        seed = case.seed(cast)
    path = EXPORTS[name]
    client.get(f"{path}?format=csv")  # warm the session and membership caches
    one = [_export_queries(client, f"{path}?format={f}") for f in ("csv", "xlsx")]
    with tenant_context(cast.org_a):
        clone_rows(seed, 1499, **case.overrides)
    many = [_export_queries(client, f"{path}?format={f}") for f in ("csv", "xlsx")]
    assert one == many, (one, many)
    rows = _csv(client.get(f"{path}?format=csv"))
    assert len(rows) == 1 + 1500
