"""The signature scheme receivers implement."""

from __future__ import annotations

import time

from registry.webhooks.signing import signature_header, signature_verify


def test_signature_verifies_and_binds_body_and_time():
    body = b'{"type":"filing.submitted"}'
    header = signature_header("whsec_x", body)
    assert signature_verify("whsec_x", header, body)
    assert not signature_verify("whsec_y", header, body)
    assert not signature_verify("whsec_x", header, body + b" ")
    old = signature_header("whsec_x", body, timestamp=int(time.time()) - 3600)
    assert not signature_verify("whsec_x", old, body)
    assert not signature_verify("whsec_x", "garbage", body)
