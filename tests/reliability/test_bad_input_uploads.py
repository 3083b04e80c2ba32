"""Hostile evidence uploads through the web form and the API: each bad file gets a clear refusal
(the form re-rendered with the error next to the file field, 422; problem+json on the API) and
nothing is stored; tricky file names are refused or stored under a safe name."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_tenants.utils import tenant_context

from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from registry.workspace.models import Evidence
from tests.api.helpers import ORG_A_HOST
from tests.reliability.bad_uploads import BAD_FILES, TRICKY_NAMES, BadFile, multipart, unique_pdf
from tests.reliability.state import assert_unchanged, snapshot

pytestmark = pytest.mark.timeout(90)

FORM_URL = "/evidence/upload/"
API_URL = "/api/v1/evidence/"


def _post(client: Client, url: str, filename: str, content: bytes, **headers: str):  # type: ignore[no-untyped-def]
    body, content_type = multipart({"title": "Hostile upload"}, filename, content)
    return client.generic("POST", url, data=body, content_type=content_type, headers=headers)


@pytest.fixture
def uploaders(cast, make_key, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    web = Client(HTTP_HOST=ORG_A_HOST)
    web.force_login(cast.alice)
    api = Client(HTTP_HOST=ORG_A_HOST)
    return {"web": (web, {}), "api": (api, {"Authorization": f"Bearer {make_key(cast.org_a)}"})}


def _refusal_problem(channel: str, client: Client, headers: dict, bad: BadFile) -> str:
    content = bad.make()
    before = snapshot()
    response = _post(
        client, FORM_URL if channel == "web" else API_URL, bad.filename, content, **headers
    )
    if channel == "web":
        text = response.content.decode()
        if response.status_code != 422:
            return f"web answered {response.status_code}"
        if 'id="id_file_error"' not in text:
            return "web: no error next to the file field"
    else:
        if response.status_code not in (400, 413, 422):
            return f"api answered {response.status_code}: {response.content[:200]!r}"
        if response["Content-Type"] != PROBLEM_CONTENT_TYPE:
            return "api: not problem+json"
        if response.json()["code"] not in {bad.code, *bad.api_codes}:
            return f"api: code {response.json()['code']!r}, want {bad.code!r}"
    try:
        assert_unchanged(before)
    except AssertionError as exc:
        return f"{channel}: {exc}"
    return ""


@pytest.mark.parametrize("channel", ["web", "api"])
def test_hostile_files_are_refused_and_nothing_is_stored(channel, uploaders):
    client, headers = uploaders[channel]
    problems = {bad.id: _refusal_problem(channel, client, headers, bad) for bad in BAD_FILES}
    assert not {k: v for k, v in problems.items() if v}


def _unsafe(name: str) -> str:
    if "/" in name or "\\" in name:
        return "has a directory part"
    if name in ("", ".", ".."):
        return "is empty or a dot name"
    if len(name) > 255:
        return "is longer than 255 characters"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name):
        return "has control or format characters"
    return ""


@pytest.mark.parametrize("channel", ["web", "api"])
def test_tricky_file_names_are_refused_or_stored_under_a_safe_name(channel, cast, uploaders):
    client, headers = uploaders[channel]
    media = Path(django_settings.MEDIA_ROOT).resolve()
    problems = {}
    for case, filename in TRICKY_NAMES:
        before = snapshot()
        with tenant_context(cast.org_a):
            known = set(Evidence.objects.values_list("pk", flat=True))
        response = _post(
            client, FORM_URL if channel == "web" else API_URL, filename, unique_pdf(case), **headers
        )
        if response.status_code >= 500:
            problems[case] = f"answered {response.status_code}"
            continue
        with tenant_context(cast.org_a):
            new = list(Evidence.objects.exclude(pk__in=known))
        if not new:  # refused: then nothing at all may have changed
            try:
                assert_unchanged(before)
            except AssertionError as exc:
                problems[case] = f"refused ({response.status_code}) but {exc}"
            continue
        (evidence,) = new
        stored = (media / evidence.file.name).resolve()
        if media not in stored.parents or not stored.is_file():
            problems[case] = f"stored outside MEDIA_ROOT: {evidence.file.name}"
        elif why := _unsafe(evidence.original_filename):
            problems[case] = f"original_filename {evidence.original_filename!r} {why}"
        else:
            download = client.get(f"/evidence/{evidence.pk}/download/", headers=headers)
            disposition = download.get("Content-Disposition", "")
            if channel == "web" and ("\r" in disposition or "\n" in disposition):
                problems[case] = f"header injection: {disposition!r}"
    assert not problems
