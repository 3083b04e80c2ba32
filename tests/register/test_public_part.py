"""The public part of a version (Art 71(4)-(5)): the registration without personal data."""

from __future__ import annotations

import json

from registry.filings.samples import sample_snapshot
from registry.register.selectors import public_snapshot


def _codes(snapshot: dict) -> list[str]:
    return [item["code"] for item in snapshot["registration"]["items"]]


def _fields(snapshot: dict, code: str) -> dict:
    (item,) = [i for i in snapshot["registration"]["items"] if i["code"] == code]
    return item["fields"]


def test_section_a_public_part_leaves_out_people_summaries_and_notes():
    filed = {**sample_snapshot(), "notes": "Please look at the bias audit first."}
    public = public_snapshot(filed)
    text = json.dumps(public, ensure_ascii=False)
    for private in (
        "Dana Müller",  # organisation contact, A2 submitter, the person who submitted
        "dana.mueller@acme.example",
        "DE123456789",  # VAT number
        "compliance@acme.example",  # A1 contact details
        "Indirect discrimination",  # risk summary
        "QMS-A-v1.0",  # QMS summary
        "bias audit first",  # notes for the reviewer
    ):
        assert private not in text, private
    assert public["part"] == "public"
    assert "A2" not in _codes(public)  # the person submitting: nothing public left of it
    assert _fields(public, "A1") == {
        "provider_name": "Acme Recruiting Technologies GmbH",
        "provider_address": "Friedrichstraße 123\n10117 Berlin\nGermany",
    }
    assert _fields(public, "A4")["trade_name"] == "HireRank"
    assert public["organisation"]["legal_name"] == "Acme Recruiting Technologies GmbH"


def test_section_c_public_part_names_the_deployer_not_its_contact_person():
    public = public_snapshot(sample_snapshot(kind="annex_viii_c"))
    assert _codes(public) == ["C1", "C3", "C4", "C5"]
    assert _fields(public, "C1") == {
        "deployer_name": "Bundesagentur für Beispiele",
        "deployer_address": "Regensburger Straße 104, 90478 Nürnberg, Germany",
    }


def test_signatory_declaration_public_part_has_chapters_and_dates_not_the_signatory():
    filed = sample_snapshot(
        kind="cop_signatory_declaration",
        registration={
            "section": None,
            "items": [
                {
                    "code": "CoP-copyright",
                    "title": "Copyright",
                    "citation": "Art 56",
                    "fields": {
                        "status": "signed",
                        "status_date": "2025-07-30",
                        "signatory_name": "Morgan Lee",
                        "signatory_authority": "Chief Executive Officer",
                        "public_statement_url": "https://nimbus.example/code-of-practice",
                        "models_covered": ["Nimbus Large"],
                    },
                    "withheld_from_public": False,
                }
            ],
        },
    )
    assert _fields(public_snapshot(filed), "CoP-copyright") == {
        "status": "signed",
        "status_date": "2025-07-30",
        "public_statement_url": "https://nimbus.example/code-of-practice",
        "models_covered": ["Nimbus Large"],
    }


def test_items_withheld_under_art_49_4_stay_out():
    public = public_snapshot(sample_snapshot(restricted=True))
    assert "A6" not in _codes(public) and "A11" not in _codes(public)
