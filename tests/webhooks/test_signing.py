"""The signatures receivers check: Standard Webhooks (issue 14 item 9), verified with the
specification's maintained Python library (`standardwebhooks`) on what the real loopback receiver
got, and the deprecated `Portal-Signature` beside it for one release."""

from __future__ import annotations

import base64
import json
import secrets
import time

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from registry.webhooks.models import WebhookEndpoint
from registry.webhooks.services import MAX_ATTEMPTS, webhook_endpoint_create, webhook_test_send
from registry.webhooks.signing import (
    secret_new,
    signature_header,
    signature_verify,
    signing_key,
)


def _deliver(alice, endpoint, queued, run_deliveries):  # type: ignore[no-untyped-def]
    delivery = webhook_test_send(actor=alice, endpoint=endpoint)
    queued.append(delivery.pk)  # the test's transaction never commits: queue it by hand
    return delivery, run_deliveries()


def test_a_delivery_verifies_with_the_standard_webhooks_library(
    alice, org_a, receiver, queued, run_deliveries
):
    endpoint, secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=["filing.submitted"]
    )
    delivery, outcomes = _deliver(alice, endpoint, queued, run_deliveries)
    assert outcomes == ["delivered"]
    ((headers, body),) = receiver.requests

    payload = Webhook(secret).verify(body, headers)
    assert payload["type"] == "webhook.test"
    assert headers["webhook-id"] == str(delivery.event_id)
    assert headers["webhook-signature"].startswith("v1,")
    # The id and the timestamp are signed: neither can be changed, nor the body.
    for changed in (
        {**headers, "webhook-id": "another-id"},
        {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) + 1)},
    ):
        with pytest.raises(WebhookVerificationError):
            Webhook(secret).verify(body, changed)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace(b"test", b"tost"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret_new()).verify(body, headers)
    # Deprecated, still sent for one release, over the same timestamp.
    assert signature_verify(secret, headers["Portal-Signature"], body)
    assert headers["Portal-Signature"].startswith(f"t={headers['webhook-timestamp']},")


def test_every_retry_carries_the_same_webhook_id_and_a_fresh_signature(
    alice, org_a, receiver, queued, run_deliveries
):
    receiver.status = 500
    endpoint, secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=["filing.submitted"]
    )
    delivery, _outcomes = _deliver(alice, endpoint, queued, run_deliveries)
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert {headers["webhook-id"] for headers, _ in receiver.requests} == {str(delivery.event_id)}
    for headers, body in receiver.requests:
        Webhook(secret).verify(body, headers)


def test_an_endpoint_of_the_old_secret_form_verifies_with_its_secret_translated(
    alice, org_a, receiver, queued, run_deliveries
):
    endpoint, _secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=["filing.submitted"]
    )
    while True:  # an old secret: URL-safe base64, with the characters that differ
        old = "whsec_" + secrets.token_urlsafe(32)
        if "-" in old[6:] and "_" in old[6:]:
            break
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(secret=old)
    _deliver(alice, endpoint, queued, run_deliveries)
    ((headers, body),) = receiver.requests
    translated = "whsec_" + old[6:].replace("-", "+").replace("_", "/")  # README, Webhooks
    assert json.loads(body) == Webhook(translated).verify(body, headers)
    assert signature_verify(old, headers["Portal-Signature"], body)


def test_new_secrets_are_32_random_bytes_in_standard_base64():
    secret = secret_new()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret[6:], validate=True)) == 32 == len(signing_key(secret))
    assert secret != secret_new()


def test_the_old_signature_binds_body_and_time():
    body = b'{"type":"filing.submitted"}'
    header = signature_header("whsec_x", body)
    assert signature_verify("whsec_x", header, body)
    assert not signature_verify("whsec_y", header, body)
    assert not signature_verify("whsec_x", header, body + b" ")
    old = signature_header("whsec_x", body, timestamp=int(time.time()) - 3600)
    assert not signature_verify("whsec_x", old, body)
    assert not signature_verify("whsec_x", "garbage", body)
