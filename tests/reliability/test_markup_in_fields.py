"""HTML and script in every text field of an AI system: shown as text on the system's page and in
the filing's PDF, never run, never fetched.

Every free-text field gets a payload with a <script>, an <img> and a CSS url() pointing at a
loopback listener; the page must carry it escaped, the PDF must carry the literal text, and the
listener must see no request (WeasyPrint's fetcher serves only our static files)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pypdf
import pytest
from django.db import models
from django.test import Client
from django_tenants.utils import tenant_context

from portal.devstack import free_port
from registry.filings.pdf import render_filing_pdf
from registry.workspace.models import AISystem
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from registry.workspace.services.systems import SYSTEM_FIELDS, ai_system_update
from tests.api.helpers import ORG_A_HOST
from tests.filing_flow.builders import complete_section_a_system

pytestmark = pytest.mark.timeout(60)


def _payload(port: int, field: str) -> str:
    return (
        f"<script>fetch('http://127.0.0.1:{port}/{field}')</script>"
        f'<img src="http://127.0.0.1:{port}/img-{field}">'
        f"<style>@import url(http://127.0.0.1:{port}/css-{field});</style>"
        f"\"'&amp; {field}"
    )


def _text_fields() -> list[str]:
    names = []
    for name in SYSTEM_FIELDS:
        field = AISystem._meta.get_field(name)
        if isinstance(field, models.URLField):
            continue  # validated as a URL: markup never gets in
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            names.append(name)
    return names


def _limit(name: str) -> int | None:
    max_length = AISystem._meta.get_field(name).max_length
    return min(max_length, 140) if max_length else None


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every request it gets (there must be none)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            seen.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield port, seen
    finally:
        server.shutdown()
        server.server_close()


def test_markup_in_every_text_field_is_escaped_on_the_page_and_literal_in_the_pdf(
    cast, listener, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    port, seen = listener
    fields = _text_fields()
    assert "trade_name" in fields and "intended_purpose" in fields
    # At most 140 characters in the short fields: "<trade name> <reference>" becomes the
    # filing's subject name, which holds 300 (two full 200-character fields overflow it: reported).
    values = {name: _payload(port, name)[: _limit(name)] for name in fields}
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice)
        system = ai_system_update(actor=cast.alice, system=system, **values)
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
        version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)

    client = Client(HTTP_HOST=ORG_A_HOST)
    client.force_login(cast.alice)
    page = client.get(f"/systems/{system.pk}/").content.decode()
    assert "<script>fetch(" not in page and '<img src="http://127.0.0.1' not in page
    assert "&lt;script&gt;fetch(" in page

    rendered = render_filing_pdf(version.canonical.encode("utf-8"))
    pdf_path = tmp_path / "filing.pdf"
    pdf_path.write_bytes(rendered.content)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf_path).pages)
    flat = " ".join(text.split())
    shown = [name for name in fields if f"<script>fetch('http://127.0.0.1:{port}/{name}')" in flat]
    assert "trade_name" in shown and "intended_purpose" in shown, flat[:2000]
    for active in (b"/JavaScript", b"/JS ", b"/Launch", b"/URI (http://127.0.0.1"):
        assert active not in rendered.content
    assert seen == [], f"the renderer or the page fetched {seen}"
