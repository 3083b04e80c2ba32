"""A regulator's refused decision shows the service's message in the page's language."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.ui.scan import assert_translated
from tests.web_public.helpers import file


@pytest.fixture
def filing(cast):  # type: ignore[no-untyped-def]
    return file(cast.org_a, cast.owner_a).filing


def _post(host_client, user, filing, action: str, data: dict, lang: str) -> str:  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.post(f"/regulator/filings/{filing.pk}/{action}/", data)
    assert response.status_code == 422
    return response.content.decode()


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_request_for_changes_without_a_comment_is_refused_in_the_pages_language(  # type: ignore[no-untyped-def]
    lang, host_client, cast, filing
):
    data = {"version_number": 1}
    english = _post(host_client, cast.regulator, filing, "request-changes", data, "en")
    assert "Say what must change" in english
    translated = _post(host_client, cast.regulator, filing, "request-changes", data, lang)
    assert "Say what must change" not in translated
    assert "At least one comment is needed" not in translated
    # Against the catalogue only: the filing's data (names, numbers) is the same in any language.
    assert_translated(translated, None, lang)
