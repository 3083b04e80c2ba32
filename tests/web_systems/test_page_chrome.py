"""What every page carries: the navigation's current page, the favicon; and the run banner."""

from __future__ import annotations

import re

from django.core.management import call_command


def _current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"[^>]*aria-current="page"', html)


def test_the_wizard_marks_no_menu_link_as_the_current_page(as_alice):  # type: ignore[no-untyped-def]
    # The wizard's context has a "current" step; it must not leak into the navigation.
    html = as_alice.get("/systems/new/").content.decode()
    assert _current_links(html) == []


def test_a_section_page_marks_only_its_own_link(as_alice):  # type: ignore[no-untyped-def]
    html = as_alice.get("/systems/").content.decode()
    assert _current_links(html) == ["/systems/"]


def test_favicon_is_served_on_the_public_and_an_organisation_host(host_client, org_a):  # type: ignore[no-untyped-def]
    for host in ("localhost", "acme.localhost"):
        response = host_client(host).get("/favicon.ico")
        assert response.status_code == 200, host
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file, not a login page


def test_the_run_banner_never_cuts_a_role(db, capsys):  # type: ignore[no-untyped-def]
    from portal.demo import demo_logins

    call_command("portal_banner")
    out = capsys.readouterr().out
    for login in demo_logins():
        assert login["what"] in out
