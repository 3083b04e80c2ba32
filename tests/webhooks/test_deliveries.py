"""Filing events reach a registered receiver, signed; a failing receiver is retried with backoff
and every attempt is in the log."""

from __future__ import annotations

import json

from django_tenants.utils import tenant_context

from registry.register.models import Filing
from registry.register.services import review
from registry.register.services.events import filing_event_emit
from registry.webhooks.models import WebhookDelivery
from registry.webhooks.services import MAX_ATTEMPTS, backoff_seconds, webhook_endpoint_create
from registry.webhooks.signing import signature_verify
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.api.helpers import ORG_A_HOST
from tests.api.targets import de_lead
from tests.filing_flow.builders import complete_section_a_system

EVENTS = ["filing.submitted", "filing.pdf_ready", "filing.registered", "filing.changes_requested"]


def _submit(org, alice, capture) -> Filing:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        with capture(execute=True):
            version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    return version.filing


def test_submitted_filing_is_delivered_signed(
    alice, org_a, receiver, queued, run_deliveries, django_capture_on_commit_callbacks, api
):
    endpoint, secret = webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=EVENTS
    )
    filing = _submit(org_a, alice, django_capture_on_commit_callbacks)
    assert run_deliveries() == ["delivered"]

    ((headers, body),) = receiver.requests
    assert signature_verify(secret, headers["Portal-Signature"], body)
    payload = json.loads(body)
    assert payload["type"] == headers["Portal-Event"] == "filing.submitted"
    assert payload["data"]["registration_number"] == filing.registration_number
    log = api(ORG_A_HOST, user=alice).get(f"/api/v1/webhooks/{endpoint.pk}/deliveries/").json()
    (row,) = log["results"]
    assert row["state"] == "delivered" and row["attempts"] == 1 and row["response_status"] == 200


def test_review_decisions_and_pdf_ready_are_events(
    alice, org_a, msa, receiver, queued, run_deliveries, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(actor=alice, organisation=org_a, url=receiver.url, events=EVENTS)
    filing = _submit(org_a, alice, django_capture_on_commit_callbacks)
    version = filing.versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        filing_event_emit(version_id=version.pk, event="filing.pdf_ready")
    with django_capture_on_commit_callbacks(execute=True):
        review.filing_register(actor=de_lead(msa), filing=filing)
    run_deliveries()
    kinds = [json.loads(body)["type"] for _headers, body in receiver.requests]
    assert kinds == ["filing.submitted", "filing.pdf_ready", "filing.registered"]
    assert json.loads(receiver.requests[-1][1])["data"]["filing_status"] == "registered"


def test_unsubscribed_and_inactive_endpoints_get_nothing(
    alice, org_a, receiver, queued, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=["filing.rejected"]
    )
    webhook_endpoint_create(
        actor=alice, organisation=org_a, url=receiver.url, events=EVENTS, active=False
    )
    _submit(org_a, alice, django_capture_on_commit_callbacks)
    assert queued == [] and not WebhookDelivery.objects.exists()


def test_failing_receiver_is_retried_then_marked_failed(
    alice, org_a, receiver, queued, run_deliveries, django_capture_on_commit_callbacks
):
    receiver.status = 500
    webhook_endpoint_create(actor=alice, organisation=org_a, url=receiver.url, events=EVENTS)
    _submit(org_a, alice, django_capture_on_commit_callbacks)
    run_deliveries()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"
    assert delivery.attempts == MAX_ATTEMPTS == len(receiver.requests)
    assert delivery.response_status == 500 and "500" in delivery.error
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [10, 20, 40]


def test_events_of_one_organisation_never_reach_another(
    alice, cast, org_a, receiver, queued, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(
        actor=cast.owner_b, organisation=cast.org_b, url=receiver.url, events=EVENTS
    )
    _submit(org_a, alice, django_capture_on_commit_callbacks)
    assert queued == []
