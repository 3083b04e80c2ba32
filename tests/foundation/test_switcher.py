from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def _switch(host_client, user, slug):
    response = host_client("acme.localhost", user=user).get(f"/accounts/switch/{slug}/")
    return response


def test_switcher_lists_only_own_memberships(host_client, bob):
    response = host_client("localhost", user=bob).get("/accounts/organisations/")
    assert response.status_code == 200
    names = [m.organisation.slug for m in response.context["memberships"]]
    assert sorted(names) == ["acme", "globex"]


def test_switch_hands_login_over_to_the_other_host_once(host_client, bob):
    response = _switch(host_client, bob, "globex")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.hostname == "globex.localhost"
    token = parse_qs(target.query)["token"][0]

    fresh = host_client("globex.localhost")
    landed = fresh.get("/accounts/handoff/", {"token": token})
    assert landed.status_code == 302
    assert fresh.get("/").status_code == 200

    replay = host_client("globex.localhost").get("/accounts/handoff/", {"token": token})
    assert replay.status_code == 400


def test_handoff_token_is_bound_to_its_host(host_client, bob):
    response = _switch(host_client, bob, "globex")
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    stolen = host_client("acme.localhost").get("/accounts/handoff/", {"token": token})
    assert stolen.status_code == 400


def test_switch_to_foreign_organisation_is_refused(host_client, alice):
    response = _switch(host_client, alice, "globex")
    assert response.status_code == 403
    assert "Location" not in response


def test_tampered_handoff_token_is_refused(host_client, bob):
    response = _switch(host_client, bob, "globex")
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    assert (
        host_client("globex.localhost")
        .get("/accounts/handoff/", {"token": token[:-2] + "xx"})
        .status_code
        == 400
    )
