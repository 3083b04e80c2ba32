"""Every main page, rendered in German and in French, shows no English (tests/ui/scan.py), and in
English, German and French no internal name and only the language's date and size formats
(tests/ui/readable.py).

A new page joins by being added to tests/ui/pages.py; data that is the same in every language
(organisation and people's names) goes into `_data_of` below. The main forms refused with bad
input are scanned the same way in tests/ui/test_translated_error_pages.py.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.ui.pages import MAIN_PAGES, MEMBER, ORG, OUTSIDER, REGULATOR, MainPage
from tests.ui.readable import assert_readable_page
from tests.ui.scan import assert_translated, visible_segments


def render(page: MainPage, lang: str, cast, ids: dict | None = None) -> str:  # type: ignore[no-untyped-def]
    people = {MEMBER: cast.alice, OUTSIDER: cast.carol, REGULATOR: cast.regulator}
    host = f"{cast.org_a.slug}.localhost" if page.host == ORG else "localhost"
    client = Client(HTTP_HOST=host)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    if page.as_user:
        client.force_login(people[page.as_user])
    post, path = page.post, page.path.format(**(ids or {}))
    response = client.post(path, post) if post is not None else client.get(path)
    assert response.status_code == page.status, (page, lang, response.status_code)
    return response.content.decode()


def _data_of(cast) -> set[str]:  # type: ignore[no-untyped-def]
    """What a page may show unchanged in every language: names of organisations, people, places."""
    return {
        cast.org_a.legal_name,
        cast.org_b.legal_name,
        *(u.email for u in (cast.alice, cast.carol, cast.regulator)),
        "German MSA (test)",
        "AI Office (test)",
    }


# What pages with "{system}" in their path show of the system (tests/filing_flow/builders.py).
SYSTEM_DATA = {
    "HireRank",
    "HR 3.0",
    "Friedrichstraße 1, 10117 Berlin",
    "compliance@acme.test; +49 30 1234567",
    "Ranks job applications for recruiters.",
    "CV parser, matcher, ranking with reasons.",
    "Gradient-boosted ranking over anonymised hiring data.",
    "EU declaration",
    "Instructions for use",
    "Proxy discrimination",
    "declaration.pdf",
    "instructions.pdf",
    "application/pdf",  # the evidence page's media type: data, not language
}


@pytest.fixture
def page_ids(cast, settings, tmp_path):  # type: ignore[no-untyped-def]
    """Ids for the placeholders of a page's path: {system} is a classified Section A system,
    {evidence} its declaration of conformity."""

    def make(page: MainPage) -> dict:
        if "{system}" not in page.path and "{evidence}" not in page.path:
            return {}
        from django_tenants.utils import tenant_context

        from tests.filing_flow.builders import complete_section_a_system

        settings.MEDIA_ROOT = str(tmp_path / "media")
        with tenant_context(cast.org_a):
            system = complete_section_a_system(cast.alice)
            return {"system": system.pk, "evidence": system.declaration_of_conformity_id}

    return make


@pytest.mark.parametrize("lang", ["de", "fr"])
@pytest.mark.parametrize("page", MAIN_PAGES, ids=lambda p: p.name)
def test_main_page_shows_no_english(page, lang, cast, page_ids):  # type: ignore[no-untyped-def]
    ids = page_ids(page)
    english = render(page, "en", cast, ids)
    translated = render(page, lang, cast, ids)
    assert f'<html lang="{lang}"' in translated
    allowed = _data_of(cast) | (SYSTEM_DATA if ids else set())
    # The same two renderings: no internal names, the language's dates and sizes (issue 15
    # items 1 and 9, tests/ui/readable.py); English is checked with the German run.
    codes = page.documents_codes
    assert_readable_page(translated, lang, page.name, codes_allowed=codes)
    if lang == "de":
        assert_readable_page(english, "en", page.name, codes_allowed=codes)
    assert_translated(translated, english, lang, allowed=allowed)


def test_scanner_catches_an_unmarked_string(cast):  # type: ignore[no-untyped-def]
    english = "<html lang='en'><h1>Tableau</h1><p>Hard-coded sentence</p></html>"
    french = "<html lang='fr'><h1>Tableau</h1><p>Hard-coded sentence</p></html>"
    with pytest.raises(AssertionError, match="Hard-coded sentence"):
        assert_translated(french, english, "fr")


def test_scanner_catches_a_marked_but_untranslated_msgid(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.ui import scan

    fake = scan.Catalogue("de", ("Skip to content",), frozenset())
    monkeypatch.setattr(scan, "catalogue", lambda lang: fake)
    with pytest.raises(AssertionError, match="untranslated msgid"):
        assert_translated("<html lang='de'><p>Skip to content</p></html>", None, "de")


def test_scanner_ignores_text_in_another_language_and_hidden_text() -> None:
    html = (
        "<html lang='de'><select><option lang='en'>English</option></select>"
        "<span aria-hidden='true'>Decoration</span><script>var x = 'English';</script></html>"
    )
    assert visible_segments(html, "de") == []
