"""/api/v1/webhooks/: the secret is shown once, URLs are checked (SSRF), the test delivery."""

from __future__ import annotations

import json

import pytest

from registry.webhooks.models import WebhookDelivery, WebhookEndpoint
from registry.webhooks.services import webhook_endpoint_create, webhook_test_send
from registry.webhooks.signing import signature_verify
from tests.api.helpers import ORG_A_HOST, assert_problem

BODY = {"url": "https://hooks.example.test/in", "events": ["filing.submitted"]}


def test_secret_is_shown_once_even_on_replay(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["admin"]))
    headers = {"Idempotency-Key": "hook-1"}
    created = client.post("/api/v1/webhooks/", BODY, headers=headers)
    assert created.status_code == 201, created.content
    assert created.json()["secret"].startswith("whsec_")
    assert created["Cache-Control"] == "no-store"  # the secret is in this answer only
    replay = client.post("/api/v1/webhooks/", BODY, headers=headers)
    assert replay.json()["secret"] is None
    assert "secret" not in client.get(f"/api/v1/webhooks/{created.json()['id']}/").json()
    assert WebhookEndpoint.objects.filter(organisation=org_a).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "ftp://hooks.example.test/in",
        "http://127.0.0.1:8000/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://user:pw@93.184.215.14/x",
    ],
)
def test_private_and_odd_urls_are_refused_in_production(api, alice, org_a, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    response = api(ORG_A_HOST, user=alice).post("/api/v1/webhooks/", {**BODY, "url": url})
    body = assert_problem(response, 400)
    assert "url" in body["errors"]
    assert not WebhookEndpoint.objects.exists()


def test_public_address_is_accepted_in_production(api, alice, org_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/webhooks/", {**BODY, "url": "https://93.184.215.14/hooks"}
    )
    assert response.status_code == 201, response.content


def test_delivery_to_an_address_that_became_private_is_refused(
    alice, org_a, receiver, queued, run_deliveries, settings
):
    endpoint, _secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=["filing.submitted"]
    )
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    delivery = webhook_test_send(actor=alice, endpoint=endpoint)
    queued.append(delivery.pk)  # the test's transaction never commits: queue it by hand
    assert run_deliveries() == ["failed"]
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().error.startswith("Refused")


def test_send_test_event_and_edit_and_delete(api, alice, org_a, receiver, queued, run_deliveries):
    client = api(ORG_A_HOST, user=alice)
    created = client.post("/api/v1/webhooks/", {**BODY, "url": receiver.url})
    hook = created.json()
    sent = client.post(f"/api/v1/webhooks/{hook['id']}/test/")
    assert sent.status_code == 202 and sent.json()["event"] == "webhook.test"
    for delivery in WebhookDelivery.objects.all():
        queued.append(delivery.pk)
    assert run_deliveries() == ["delivered"]
    ((headers, body),) = receiver.requests
    assert signature_verify(hook["secret"], headers["Portal-Signature"], body)
    assert json.loads(body)["type"] == "webhook.test"

    path = f"/api/v1/webhooks/{hook['id']}/"
    patched = client.patch(
        path, {"events": ["filing.registered"]}, headers={"If-Match": created["ETag"]}
    )
    assert patched.json()["events"] == ["filing.registered"]
    assert_problem(client.patch(path, {"events": []}, headers={"If-Match": "*"}), 400)
    assert client.delete(path).status_code == 204
    assert not WebhookEndpoint.objects.exists()
