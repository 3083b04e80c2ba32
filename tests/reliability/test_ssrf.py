"""Webhook SSRF: every address of ssrf_addresses.py is refused when an endpoint is registered
(through the API, as a literal and behind a name) and when a delivery is about to be sent (a
name that was public at registration and rebinds later). The receiver on loopback hears nothing.
Names are answered by a resolver injected at the socket layer (tests/webhooks/network.py)."""

from __future__ import annotations

import ipaddress

import pytest

from registry.webhooks.models import WebhookDelivery, WebhookEndpoint
from registry.webhooks.services import webhook_endpoint_create, webhook_test_send
from tests.api.helpers import ORG_A_HOST
from tests.reliability.ssrf_addresses import INTERNAL_ADDRESSES, LOOPBACK_SPELLINGS, PUBLIC

BODY = {"events": ["filing.submitted"]}


@pytest.fixture
def production(settings):  # type: ignore[no-untyped-def]
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    settings.WEBHOOKS_TIMEOUT_SECONDS = 3


def _literal(address: str) -> str:
    return f"[{address}]" if ipaddress.ip_address(address).version == 6 else address


def test_every_internal_address_is_refused_at_registration(api, alice, internet, production):
    client = api(ORG_A_HOST, user=alice)
    accepted = []
    urls = [url for _case, url in LOOPBACK_SPELLINGS]
    for case, address in INTERNAL_ADDRESSES:
        internet.name(f"{case.replace('_', '-')}.attacker.test", address)
        urls += [
            f"http://{_literal(address)}/x",
            f"https://{case.replace('_', '-')}.attacker.test/x",
        ]
    for url in urls:
        response = client.post("/api/v1/webhooks/", {**BODY, "url": url})
        if response.status_code != 400 or "url" not in response.json().get("errors", {}):
            accepted.append((url, response.status_code))
    assert accepted == []
    assert not WebhookEndpoint.objects.exists()
    # The same client may register a public one: the refusals above are about the address.
    internet.name("hooks.partner.test", PUBLIC)
    assert (
        client.post(
            "/api/v1/webhooks/", {**BODY, "url": "https://hooks.partner.test/x"}
        ).status_code
        == 201
    )


def test_a_name_that_rebinds_to_an_internal_address_is_refused_at_delivery(
    alice, org_a, receiver, internet, production, queued, run_deliveries
):
    port = receiver.url.rsplit(":", 1)[1].split("/", 1)[0]
    endpoints = {}
    for case, address in INTERNAL_ADDRESSES:
        name = f"{case.replace('_', '-')}.rebind.test"
        internet.name(name, PUBLIC)
        endpoints[case], _ = webhook_endpoint_create(
            actor=alice,
            organisation=org_a,
            url=f"http://{name}:{port}/hooks",
            events=BODY["events"],
        )
        internet.name(name, address)  # the answer after registration
    for endpoint in endpoints.values():
        queued.append(webhook_test_send(actor=alice, endpoint=endpoint).pk)
    outcomes = run_deliveries()

    assert outcomes == ["failed"] * len(INTERNAL_ADDRESSES)
    assert receiver.requests == []
    assert internet.connections == []  # refused before a socket was opened
    errors = set(WebhookDelivery.objects.values_list("error", flat=True))
    assert errors == {"Refused: The URL points at an address that is not publicly routable."}
