"""Deliveries connect to the address that was checked (DNS rebinding), TLS is verified against the
host name of the URL, and the delivery log says no more than "no HTTP answer" (issue 14, item 6).
The address list itself is in tests/reliability/test_ssrf.py."""

from __future__ import annotations

import socket
import ssl
import subprocess
from pathlib import Path

import pytest

from registry.webhooks.models import WebhookDelivery
from registry.webhooks.services import webhook_endpoint_create, webhook_test_send
from registry.webhooks.transport import NO_RESPONSE

PUBLIC = "93.184.215.14"  # a global address; the test internet routes it to a loopback receiver


@pytest.fixture
def production(settings):  # type: ignore[no-untyped-def]
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    settings.WEBHOOKS_TIMEOUT_SECONDS = 3
    return settings


def _port(url: str) -> int:
    return int(url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])


def _deliver(alice, endpoint, queued, run_deliveries) -> WebhookDelivery:  # type: ignore[no-untyped-def]
    delivery = webhook_test_send(actor=alice, endpoint=endpoint)
    queued.append(delivery.pk)  # the test's transaction never commits: queue it by hand
    run_deliveries()
    delivery.refresh_from_db()
    return delivery


def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_followed(
    alice, org_a, receivers, internet, production, queued, run_deliveries
):
    partner, internal = receivers(), receivers()
    internet.route(PUBLIC, partner.url)
    url = f"http://hooks.partner.test:{_port(internal.url)}/hooks"
    internet.name("hooks.partner.test", PUBLIC)
    endpoint, _secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=url, events=["filing.submitted"]
    )
    # The attacker's DNS server: the public address for the check, loopback for whoever asks next.
    internet.name("hooks.partner.test", PUBLIC, "127.0.0.1")
    internet.lookups.clear()

    delivery = _deliver(alice, endpoint, queued, run_deliveries)

    assert internal.requests == []
    assert delivery.state == "delivered" and len(partner.requests) == 1
    assert internet.lookups == ["hooks.partner.test"]  # one resolution per attempt
    headers, _body = partner.requests[0]
    assert headers["Host"] == f"hooks.partner.test:{_port(internal.url)}"


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test CA and a certificate for hooks.partner.test signed by it (openssl CLI)."""
    d = tmp_path_factory.mktemp("tls")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=portal test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=hooks.partner.test")
    (d / "leaf.ext").write_text(
        "subjectAltName=DNS:hooks.partner.test\nextendedKeyUsage=serverAuth\n"
        "keyUsage=critical,digitalSignature\n"
    )
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")  # fmt: skip
    return d


def test_tls_is_verified_against_the_host_name_not_the_pinned_address(
    alice, org_a, receivers, internet, production, queued, run_deliveries, certificates
):
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(certificates / "leaf.pem", certificates / "leaf.key")
    partner = receivers(tls=server)
    internet.route(PUBLIC, partner.url)
    production.WEBHOOKS_CA_FILE = str(certificates / "ca.pem")
    internet.name("hooks.partner.test", PUBLIC)
    internet.name("impostor.partner.test", PUBLIC)
    good, _ = webhook_endpoint_create(
        actor=alice,
        organisation=org_a,
        url=f"https://hooks.partner.test:{_port(partner.url)}/hooks",
        events=["filing.submitted"],
    )
    wrong_name, _ = webhook_endpoint_create(
        actor=alice,
        organisation=org_a,
        url=f"https://impostor.partner.test:{_port(partner.url)}/hooks",
        events=["filing.submitted"],
    )

    assert _deliver(alice, good, queued, run_deliveries).state == "delivered"
    refused = _deliver(alice, wrong_name, queued, run_deliveries)
    assert refused.state == "failed" and refused.error == NO_RESPONSE
    assert len(partner.requests) == 1


def test_the_delivery_log_does_not_tell_closed_ports_from_failed_tls(
    alice, org_a, receivers, internet, production, queued, run_deliveries, settings
):
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    internet.routes[PUBLIC] = ("127.0.0.1", closed)
    internet.name("closed.partner.test", PUBLIC)
    plain_http = receivers()
    internet.routes["93.184.215.15"] = ("127.0.0.1", _port(plain_http.url))
    internet.name("nottls.partner.test", "93.184.215.15")
    errors = []
    for url in ("http://closed.partner.test/hooks", "https://nottls.partner.test/hooks"):
        endpoint, _ = webhook_endpoint_create(
            actor=alice, organisation=org_a, url=url, events=["filing.submitted"]
        )
        delivery = _deliver(alice, endpoint, queued, run_deliveries)
        errors.append((delivery.state, delivery.response_status, delivery.error))
    assert errors == [("failed", None, NO_RESPONSE)] * 2
    assert all("Errno" not in e and "refused" not in e.lower() for _s, _r, e in errors)
