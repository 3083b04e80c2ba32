"""The error pages of the main forms, in German (some in French too), show no English
(tests/ui/scan.py): each form is submitted with input a service (or the form) refuses, in English
and in the other languages, and a translated page must have no line that is the same as on the
English page except data, no English msgid of the catalogue, and no English sentence after a
translated label. The English page must show the refusal, so a case that stops refusing fails
instead of passing unchecked.

A new main form joins by adding a case to CASES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from registry.workspace import services
from registry.workspace.services.drafts import filing_draft_create
from tests.filing_flow.builders import complete_section_a_system
from tests.ui.scan import UntranslatedScan, assert_translated, visible_segments
from tests.ui.test_translations import SYSTEM_DATA, _data_of
from tests.web_public.helpers import file


@dataclass(frozen=True)
class Refused:
    path: str
    data: dict[str, Any]
    english: str  # part of the refusal as the English page shows it
    status: int = 422
    public_host: bool = False  # the regulator console, on the public host
    # German always; French too where a page's wording differs most (kept cheap: each language
    # is one more request).
    languages: tuple[str, ...] = ("de",)
    allowed: set[str] = field(default_factory=set)  # data the page shows in every language


def _system(cast: Any) -> Any:
    with tenant_context(cast.org_a):
        return complete_section_a_system(cast.alice)


def _wizard(cast: Any) -> Refused:
    return Refused("/systems/new/", {"step": "0", "action": "save"}, "This answer is needed.")


def _wizard_answers_the_law_refuses(cast: Any) -> Refused:
    # Valid one by one, refused together by the rules engine (Art 2(10) is for private deployers).
    data = {
        "trade_name": "Privatnutzung",
        "role": "provider",
        "organisation_type": "private_company",
        "out_of_scope": "personal_non_professional",
        "step": "0",
        "action": "save",
    }
    return Refused(
        "/systems/new/", data, "Art 2(10) relieves only a deployer", allowed={"Privatnutzung"}
    )


def _risk_record(cast: Any) -> Refused:
    system = _system(cast)
    data = {"title": "", "description": "", "likelihood": "nonsense", "severity": ""}
    return Refused(f"/systems/{system.pk}/risks/new/", data, "This field is required.")


def _qms_record(cast: Any) -> Refused:
    data = {"aspect": "", "title": "", "document_version": "", "next_review_on": "31.02.2026"}
    return Refused("/records/qms/new/", data, "This field is required.")


def _evidence_upload(cast: Any) -> Refused:
    upload = SimpleUploadedFile("report.pdf", b"plain words, not a PDF", "application/pdf")
    # Named .pdf, but text: the upload service names what the content is (describe()).
    return Refused(
        "/evidence/upload/",
        {"file": upload, "title": "Bericht"},
        "but its content is plain text",
        allowed={"Bericht", "report.pdf"},
        languages=("de", "fr"),
    )


def _filing_incomplete(cast: Any) -> Refused:
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice)
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
        services.ai_system_update(actor=cast.alice, system=system, intended_purpose="")
    return Refused(
        f"/filings/{draft.pk}/submit/",
        {"confirm": "on"},
        "The filing is incomplete",
        # Annex VIII item numbers (A1 … A13) and member-state codes are the same in every language.
        allowed=SYSTEM_DATA | {f"A{n}" for n in range(1, 14)} | {"DE"},
        languages=("de", "fr"),
    )


def _gpai_model(cast: Any) -> Refused:
    return Refused("/models/new/", {"name": ""}, "This field is required.")


def _code_of_practice(cast: Any) -> Refused:
    # Signing names who signed and when (the Signatory Form): the service refuses without them.
    return Refused(
        "/code-of-practice/transparency/",
        {"status": "signed"},
        "Required when the chapter is signed.",
    )


def _member_invite(cast: Any) -> Refused:
    data = {"email": cast.bob.email, "role": "editor"}
    return Refused("/settings/members/", data, "is already a member", allowed={"Bob Both"})


def _api_key(cast: Any) -> Refused:
    data = {"name": "CI", "scopes": ["read"], "expires_on": "2020-01-01"}
    return Refused("/settings/api-keys/", data, "The expiry must be in the future.", allowed={"CI"})


def _regulator_comment(cast: Any) -> Refused:
    filing = file(cast.org_a, cast.owner_a).filing
    return Refused(
        f"/regulator/filings/{filing.pk}/comment/",
        {"field": "nonsense", "body": "Bitte prüfen."},
        "Unknown field: nonsense",
        public_host=True,
        allowed={"nonsense", "Bitte prüfen.", filing.subject_name, filing.registration_number},
    )


def _regulator_decision(cast: Any) -> Refused:
    filing = file(cast.org_a, cast.owner_a).filing
    return Refused(
        f"/regulator/filings/{filing.pk}/request-changes/",
        {"version_number": 1},
        "Say what must change",
        public_host=True,
        allowed={filing.subject_name, filing.registration_number},
        languages=("de", "fr"),
    )


CASES: dict[str, Callable[[Any], Refused]] = {
    "system-wizard": _wizard,
    "system-wizard-refused-answers": _wizard_answers_the_law_refuses,
    "risk-record": _risk_record,
    "qms-record": _qms_record,
    "evidence-upload": _evidence_upload,
    "filing-submit-incomplete": _filing_incomplete,
    "gpai-model": _gpai_model,
    "code-of-practice": _code_of_practice,
    "member-invite": _member_invite,
    "api-key-create": _api_key,
    "regulator-comment": _regulator_comment,
    "regulator-decision": _regulator_decision,
}


# Part of a line between ":" or ";": a service's sentence often sits after a translated label
# ("Zweckbestimmung: intended purpose: required"), where the whole-line comparison misses it.
_PARTS = re.compile(r"[:;]\s+")
_WORD = re.compile(r"(?<![\w.])[A-Za-z][a-z]{2,}\b")  # a word, not a file extension or a code


def english_parts_left(translated: str, english: str, lang: str, allowed: set[str]) -> list[str]:
    """Parts of the English page's lines (two words or more) that the translated page repeats
    inside a longer line."""
    lines = visible_segments(translated, lang)
    whole = set(lines)  # whole lines the same in both languages: assert_translated's business
    data = UntranslatedScan(lang, allowed | {p for a in allowed for p in _PARTS.split(a)})
    found = set()
    for segment in set(visible_segments(english, "en")):
        for part in _PARTS.split(segment):
            part = part.strip(" .,")
            if len(_WORD.findall(part)) < 2 or part in whole or data.allows(part):
                continue
            if any(part in value for value in allowed):
                continue
            if any(part in line for line in lines):
                found.add(part)
    return sorted(found)


def _post(host_client: Any, cast: Any, case: Refused, lang: str) -> str:
    host = "localhost" if case.public_host else f"{cast.org_a.slug}.localhost"
    client = host_client(host, user=cast.regulator if case.public_host else cast.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    data = dict(case.data)
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)  # the same upload, posted twice
    response = client.post(case.path, data)
    assert response.status_code == case.status, (case.path, lang, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_refused_main_form_shows_no_english(name, cast, host_client, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    case = CASES[name](cast)
    english = _post(host_client, cast, case, "en")
    assert case.english in english, f"{name}: the English page does not show the refusal"
    for lang in case.languages:
        translated = _post(host_client, cast, case, lang)
        assert f'<html lang="{lang}"' in translated
        assert case.english not in translated, (name, lang)
        allowed = _data_of(cast) | case.allowed
        assert_translated(translated, english, lang, allowed=allowed)
        assert english_parts_left(translated, english, lang, allowed) == [], (name, lang)


def test_a_sentence_after_a_translated_label_is_found() -> None:
    english = "<html lang='en'><p>Intended purpose: intended purpose is required</p></html>"
    german = "<html lang='de'><p>Zweckbestimmung: intended purpose is required</p></html>"
    assert english_parts_left(german, english, "de", set()) == ["intended purpose is required"]
