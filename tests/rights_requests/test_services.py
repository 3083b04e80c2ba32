"""The rules of rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5), at the
services: confirmation before the provider sees anything, the limits, the provider's steps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.errors import Conflict, Forbidden, NotFound, TooManyRequests, ValidationFailed
from portal.notifications.models import Notification
from registry.register.models import RightsRequest, RightsRequestStatus
from registry.register.selectors_rights_requests import rights_request_inbox
from registry.register.services import rights_requests as services
from registry.register.services.rights_request_mail import rights_request_token
from tests.rights import file_request, link_in, outbox_to, received_request


def test_a_request_reaches_the_provider_only_after_email_confirmation(provider, alice, on_commit):
    with on_commit():
        filed = file_request(provider)
    assert filed.status == RightsRequestStatus.UNCONFIRMED
    assert not rights_request_inbox(actor=alice, organisation=provider).exists()
    assert not Notification.objects.filter(kind="rights_request.received").exists()
    [confirmation] = mail.outbox
    assert confirmation.to == ["rosa@authors.test"]
    token = link_in(confirmation).rstrip("/").rsplit("/", 1)[1]
    mail.outbox.clear()

    with on_commit():
        confirmed = services.rights_request_confirm(token=token)
    assert confirmed.status == RightsRequestStatus.RECEIVED
    assert confirmed.due_on == timezone.localdate() + timedelta(days=30)
    assert list(rights_request_inbox(actor=alice, organisation=provider)) == [confirmed]
    # The requester gets the reference; the provider's administrators a notification and mail.
    [to_requester] = outbox_to("rosa@authors.test")
    assert confirmed.reference in to_requester.body
    assert Notification.objects.filter(user=alice, kind="rights_request.received").exists()
    assert outbox_to(alice.email)
    with provider_schema(provider):
        assert AuditEvent.objects.filter(action="rights_request.confirmed").exists()

    # A second click changes nothing and mails nothing.
    mail.outbox.clear()
    with on_commit():
        services.rights_request_confirm(token=token)
    assert mail.outbox == []
    assert confirmed.events.count() == 1


def provider_schema(provider):  # type: ignore[no-untyped-def]
    from django_tenants.utils import tenant_context

    return tenant_context(provider)


def test_an_expired_or_forged_token_is_refused(provider, settings):
    filed = file_request(provider)
    token = rights_request_token(filed)
    settings.RIGHTS_REQUEST_CONFIRM_HOURS = 0  # every token is older than that
    with pytest.raises(ValidationFailed) as expired:
        services.rights_request_confirm(token=token)
    assert expired.value.code == "token_invalid"
    settings.RIGHTS_REQUEST_CONFIRM_HOURS = 48
    forged = signing.dumps(str(filed.pk), salt="another purpose")
    with pytest.raises(ValidationFailed):
        services.rights_request_confirm(token=forged)
    assert RightsRequest.objects.get(pk=filed.pk).status == RightsRequestStatus.UNCONFIRMED


def test_unconfirmed_requests_are_purged_after_the_link_expired(provider):
    old = file_request(provider)
    RightsRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=49))
    fresh = file_request(provider, requester_email="other@authors.test")
    kept = received_request(provider, requester_email="third@authors.test")
    RightsRequest.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=9))
    assert services.rights_requests_purge_unconfirmed() == 1
    assert set(RightsRequest.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_rate_limit_per_client_address(provider, settings):
    settings.RIGHTS_REQUEST_RATE = {**settings.RIGHTS_REQUEST_RATE, "address": (2, 3600)}
    for n in range(2):
        file_request(provider, requester_email=f"a{n}@authors.test")
    with pytest.raises(TooManyRequests) as refused:
        file_request(provider, requester_email="a9@authors.test")
    assert refused.value.status == 429 and refused.value.code == "rate_limited_address"
    file_request(provider, client_address="198.51.100.1", requester_email="b@authors.test")
    assert RightsRequest.objects.count() == 3  # the refused one left nothing behind


def test_rate_limit_per_email_address(provider, settings):
    settings.RIGHTS_REQUEST_RATE = {**settings.RIGHTS_REQUEST_RATE, "email": (1, 86400)}
    file_request(provider, client_address="192.0.2.1")
    with pytest.raises(TooManyRequests) as refused:
        file_request(provider, client_address="192.0.2.2", requester_email="ROSA@authors.test")
    assert refused.value.code == "rate_limited_email"


def test_rate_limit_per_provider(provider, settings):
    settings.RIGHTS_REQUEST_RATE = {**settings.RIGHTS_REQUEST_RATE, "provider": (2, 86400)}
    for n in range(2):
        file_request(provider, client_address=f"192.0.2.{n}", requester_email=f"{n}@a.test")
    with pytest.raises(TooManyRequests) as refused:
        file_request(provider, client_address="192.0.2.99", requester_email="z@a.test")
    assert refused.value.code == "rate_limited_provider"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("works", "x" * 5001),
        ("request_text", "x" * 5001),
        ("requester_name", "x" * 201),
        ("work_urls", "\n".join(f"https://a.test/{n}" for n in range(21))),
        ("work_urls", "file:///etc/passwd"),
        ("requester_email", "not an address"),
        ("kind", "takedown"),
        ("model", "00000000-0000-0000-0000-000000000000"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_files_nothing(provider, field, value):
    with pytest.raises(ValidationFailed) as refused:
        file_request(provider, **{field: value})
    assert field in refused.value.field_errors
    assert not RightsRequest.objects.exists()


def test_a_representative_names_the_rights_holder(provider):
    with pytest.raises(ValidationFailed) as refused:
        file_request(provider, acting_for="representative")
    assert "rights_holder" in refused.value.field_errors
    filed = file_request(provider, acting_for="representative", rights_holder="Authors' Guild")
    assert filed.rights_holder == "Authors' Guild"


def test_a_request_names_one_of_the_providers_listed_models_or_all(provider):
    model = provider.listed_model
    filed = file_request(provider, model=str(model.pk))
    assert (str(filed.model_filing_id), filed.model_name) == (str(model.pk), "Acme Large")


def test_the_provider_reviews_and_answers_and_the_requester_gets_the_answer(
    provider, alice, on_commit
):
    request = received_request(provider)
    services.rights_request_start_review(actor=alice, organisation=provider, request_id=request.pk)
    with on_commit():
        answered = services.rights_request_answer(
            actor=alice, organisation=provider, request_id=request.pk, answer="Opt-out honoured."
        )
    assert answered.status == RightsRequestStatus.ANSWERED
    [message] = outbox_to("rosa@authors.test")
    assert "Opt-out honoured." in message.body and request.reference in message.subject
    assert [e.kind for e in answered.events.all()] == ["confirmed", "review_started", "answered"]
    with provider_schema(provider):
        actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"rights_request.review_started", "rights_request.answered"} <= actions
    with pytest.raises(Conflict):
        services.rights_request_reject(
            actor=alice, organisation=provider, request_id=request.pk, reason="late"
        )


def test_a_rejection_needs_a_reason_which_the_requester_gets(provider, alice, on_commit):
    request = received_request(provider)
    with pytest.raises(ValidationFailed) as refused:
        services.rights_request_reject(
            actor=alice, organisation=provider, request_id=request.pk, reason="  "
        )
    assert "rejection_reason" in refused.value.field_errors
    with on_commit():
        services.rights_request_reject(
            actor=alice, organisation=provider, request_id=request.pk, reason="Not our model."
        )
    assert "Not our model." in outbox_to("rosa@authors.test")[0].body


def test_editors_read_but_only_administrators_answer(provider, bob, carol, org_b, cast):
    request = received_request(provider)
    assert list(rights_request_inbox(actor=bob, organisation=provider)) == [request]
    for outsider in (bob, carol, cast.owner_b):
        with pytest.raises(Forbidden):
            services.rights_request_answer(
                actor=outsider, organisation=provider, request_id=request.pk, answer="x"
            )
    with pytest.raises(Forbidden):
        rights_request_inbox(actor=carol, organisation=provider)
    # Another organisation's administrator, acting in their own organisation, finds nothing.
    with pytest.raises(NotFound):
        services.rights_request_answer(
            actor=cast.owner_b, organisation=org_b, request_id=request.pk, answer="x"
        )


def test_the_due_date_follows_the_providers_copyright_policy(provider, alice):
    from django_tenants.utils import tenant_context

    from tests.workspace.test_copyright_policy import adopt

    with tenant_context(provider):
        adopt(alice, complaint_response_days=14)
    request = received_request(provider)
    assert request.due_on == timezone.localdate() + timedelta(days=14)
