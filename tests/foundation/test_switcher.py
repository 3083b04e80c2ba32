"""The organisation switcher's hand-over (issue 14 item 5): started by the target host, bound to
the browser session that started it, POSTed, single use, never carrying the password hash."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest


def _query(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def _hand_over(host_client, user, slug: str, *, source="acme.localhost"):  # type: ignore[no-untyped-def]
    """Walk the three steps as a browser would; returns (target browser, token, grant page)."""
    origin = host_client(source, user=user)
    first = origin.get(f"/accounts/switch/{slug}/")
    assert first.status_code == 302, first
    begin = urlsplit(first["Location"])
    target_host = begin.hostname
    browser = host_client(target_host)
    second = browser.get(begin.path, _query(first))
    assert second.status_code == 302
    assert urlsplit(second["Location"]).hostname == source
    grant = origin.get(urlsplit(second["Location"]).path, _query(second))
    assert grant.status_code == 200
    return browser, grant.context["token"], grant


def test_switcher_lists_only_own_memberships(host_client, bob):
    response = host_client("localhost", user=bob).get("/accounts/organisations/")
    assert response.status_code == 200
    names = [m.organisation.slug for m in response.context["memberships"]]
    assert sorted(names) == ["acme", "globex"]


def test_switch_hands_login_over_to_the_browser_that_asked_once(host_client, bob):
    browser, token, grant = _hand_over(host_client, bob, "globex")
    assert grant["Cache-Control"] == "no-store"
    assert b'method="post"' in grant.content and b"globex.localhost" in grant.content
    landed = browser.post("/accounts/handoff/", {"token": token})
    assert landed.status_code == 302
    assert browser.get("/").status_code == 200

    replay = browser.post("/accounts/handoff/", {"token": token})
    assert replay.status_code == 400


def test_attackers_token_does_not_log_a_victim_in(host_client, bob, alice):
    # The attacker (bob) completes steps 1 and 2 for his own account; the victim's browser, which
    # never started a hand-over, gets the token POSTed to it (a login-CSRF attempt).
    _attacker_browser, token, _ = _hand_over(host_client, bob, "acme", source="globex.localhost")
    victim = host_client("acme.localhost")
    victim.get("/accounts/login/")  # the victim has a session of their own on that host
    refused = victim.post("/accounts/handoff/", {"token": token})
    assert refused.status_code == 400
    assert "_auth_user_id" not in victim.session


def test_token_from_another_browsers_handshake_is_refused(host_client, bob):
    _, token, _ = _hand_over(host_client, bob, "globex")
    other = host_client("globex.localhost")
    # This browser started a hand-over of its own: its nonce is not the one the token is bound to.
    other.get("/accounts/handoff/begin/", {"from": "acme"})
    assert other.post("/accounts/handoff/", {"token": token}).status_code == 400


def test_handoff_is_post_only(host_client, bob):
    browser, token, _ = _hand_over(host_client, bob, "globex")
    assert browser.get("/accounts/handoff/", {"token": token}).status_code == 405
    assert "_auth_user_id" not in browser.session


def test_handoff_token_is_bound_to_its_host(host_client, bob):
    _, token, _ = _hand_over(host_client, bob, "globex")
    stolen = host_client("acme.localhost")
    stolen.get("/accounts/handoff/begin/", {"from": "globex"})
    assert stolen.post("/accounts/handoff/", {"token": token}).status_code == 400


def test_token_carries_nothing_of_the_password_hash(host_client, bob):
    _, token, _ = _hand_over(host_client, bob, "globex")
    body = token.split(":")[0]
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    bob.refresh_from_db()
    for value in payload.values():
        for size in (8, 12):
            for start in range(0, len(bob.password) - size):
                assert bob.password[start : start + size] not in str(value)


def test_password_change_invalidates_a_token_in_flight(host_client, bob):
    browser, token, _ = _hand_over(host_client, bob, "globex")
    bob.set_password("another-long-password-1")
    bob.save()
    assert browser.post("/accounts/handoff/", {"token": token}).status_code == 400


def test_switch_to_foreign_organisation_is_refused(host_client, alice):
    response = host_client("acme.localhost", user=alice).get("/accounts/switch/globex/")
    assert response.status_code == 403
    assert "Location" not in response


def test_grant_for_foreign_organisation_is_refused(host_client, alice):
    response = host_client("acme.localhost", user=alice).get(
        "/accounts/handoff/grant/", {"to": "globex", "nonce": "x" * 32}
    )
    assert response.status_code == 403
    assert "token" not in (response.context or {})


@pytest.mark.parametrize("source", ["evil", "", "nowhere-org"])
def test_begin_refuses_an_unknown_source(host_client, db, source):
    response = host_client("acme.localhost").get("/accounts/handoff/begin/", {"from": source})
    assert response.status_code == 400


def test_tampered_handoff_token_is_refused(host_client, bob):
    browser, token, _ = _hand_over(host_client, bob, "globex")
    assert browser.post("/accounts/handoff/", {"token": token[:-2] + "xx"}).status_code == 400
