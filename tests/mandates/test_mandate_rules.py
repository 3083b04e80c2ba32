"""The rules of authorised-representative mandates (Art 22, Art 54), at the service level."""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import tenant_context

from portal.accounts.models import Authority
from portal.errors import Conflict, Forbidden, ValidationFailed
from registry.register.models import Filing, FilingVerification, Mandate, MandateEvent
from registry.register.selectors_mandates import filing_representatives
from registry.register.services.mandates import (
    mandate_accept,
    mandate_decline,
    mandate_terminate,
)
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from registry.workspace.services.representation import (
    filing_verification_decide,
    filing_verification_request,
)
from tests.mandates.conftest import written_mandate


def _draft(org, alice, system):
    with tenant_context(org):
        return filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)


def _submit(org, alice, draft):
    with tenant_context(org):
        return filing_draft_submit(actor=alice, draft=draft, confirmed=True)


def _verify(org, alice, owner_b, org_b, draft, **kw):
    with tenant_context(org):
        verification = filing_verification_request(actor=alice, draft=draft)
    return filing_verification_decide(
        actor=owner_b, verification=verification, organisation=org_b, verified=True, **kw
    )


def test_a_non_eu_provider_cannot_file_without_a_mandate(non_eu_acme, alice, hire_rank):
    draft = _draft(non_eu_acme, alice, hire_rank)
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_mandate_required"
    assert "Art 22(1)" in str(refused.value)
    assert not Filing.objects.filter(organisation=non_eu_acme).exists()


def test_offered_and_declined_mandates_do_not_count(non_eu_acme, alice, cast, hire_rank, offer):
    draft = _draft(non_eu_acme, alice, hire_rank)
    mandate = offer()
    with pytest.raises(Conflict, match="Art 22"):
        _submit(non_eu_acme, alice, draft)
    mandate_decline(actor=cast.owner_b, mandate=mandate, reason="No capacity")
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_mandate_required"


def test_a_mandate_that_does_not_cover_the_system_does_not_count(
    non_eu_acme, alice, cast, hire_rank, offer
):
    from tests.filing_flow.builders import complete_section_a_system

    with tenant_context(non_eu_acme):
        other = complete_section_a_system(alice, trade_name="OtherRank")
    mandate_accept(actor=cast.owner_b, mandate=offer(scope="listed", systems=[other.pk]))
    draft = _draft(non_eu_acme, alice, hire_rank)
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_mandate_required"


def test_the_representative_verifies_and_annex_viii_a3_comes_from_the_mandate(
    non_eu_acme, alice, cast, org_b, hire_rank, offer, no_enqueue
):
    mandate_accept(actor=cast.owner_b, mandate=offer())
    draft = _draft(non_eu_acme, alice, hire_rank)
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_verification_required"
    _verify(non_eu_acme, alice, cast.owner_b, org_b, draft)
    version = _submit(non_eu_acme, alice, draft)
    a3 = next(i for i in version.snapshot["registration"]["items"] if i["code"] == "A3")
    assert a3["fields"]["authorised_representative_name"] == org_b.legal_name
    representative = version.snapshot["authorised_representative"]
    assert representative["name"] == org_b.legal_name
    assert representative["verification"]["verified_by"].endswith("<owner@globex.test>")
    (shown,) = filing_representatives([version.filing]).values()
    assert shown["status"] == "active" and shown["name"] == org_b.legal_name


def test_a_change_after_verification_needs_a_new_one(
    non_eu_acme, alice, cast, org_b, hire_rank, offer
):
    from registry.workspace.services.drafts import filing_draft_update

    mandate_accept(actor=cast.owner_b, mandate=offer())
    draft = _draft(non_eu_acme, alice, hire_rank)
    _verify(non_eu_acme, alice, cast.owner_b, org_b, draft)
    with tenant_context(non_eu_acme):
        filing_draft_update(actor=alice, draft=draft, notes="changed after verification")
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_verification_required"


def test_the_representative_submits_when_the_mandate_says_so(
    non_eu_acme, alice, cast, org_b, hire_rank, offer, no_enqueue
):
    mandate_accept(actor=cast.owner_b, mandate=offer(submitter="representative"))
    draft = _draft(non_eu_acme, alice, hire_rank)
    _ = _verify  # the provider may not submit, even verified
    with tenant_context(non_eu_acme):
        verification = filing_verification_request(actor=alice, draft=draft)
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "submitter_not_mandated"
    version = filing_verification_decide(
        actor=cast.owner_b,
        verification=verification,
        organisation=org_b,
        verified=True,
        submit=True,
    )
    assert version.filing.organisation_id == non_eu_acme.pk
    assert (
        "authorised representative Globex" in version.snapshot["filing"]["declaration"]["statement"]
    )


def test_a_terminated_mandate_blocks_filing_and_informs_the_authority(
    non_eu_acme,
    alice,
    cast,
    org_b,
    hire_rank,
    offer,
    no_enqueue,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    Authority.objects.filter(slug="de-msa").update(contact_email="market@msa.test")
    mandate = offer(verification_required=False)
    mandate_accept(actor=cast.owner_b, mandate=mandate)
    draft = _draft(non_eu_acme, alice, hire_rank)
    version = _submit(non_eu_acme, alice, draft)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mandate_terminate(
            actor=cast.owner_b,
            mandate=mandate,
            organisation=org_b,
            reason="The provider does not keep its technical documentation (Art 22(4)).",
        )
    informed = [m for m in mailoutbox if m.to == ["market@msa.test"]]
    assert len(informed) == 1 and "Art 22(4)" in informed[0].body
    assert version.filing.registration_number in informed[0].body
    (to_provider,) = [m for m in mailoutbox if "alice@acme.test" in m.to]  # its admins
    # Labels, never codes, and the date in the reader's format (portal.mail, issue 15).
    assert "Terminated" in to_provider.body and "now terminated" not in to_provider.body
    assert "by the representative on" in informed[0].body
    event = MandateEvent.objects.get(mandate=mandate, kind="authority_informed")
    assert event.detail == {"authorities": ["de-msa"]}
    (shown,) = filing_representatives([version.filing]).values()
    assert shown["status"] == "none" and shown["ended"][0]["ended_by"] == "representative"
    with tenant_context(non_eu_acme):
        from registry.register.services.review import filing_withdraw

        filing_withdraw(actor=alice, filing=version.filing, reason="to file again")
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_mandate_required"


def test_the_representative_must_be_established_in_the_union(non_eu_acme, org_b, offer):
    org_b.eu_established = False
    org_b.save(update_fields=["eu_established"])
    with pytest.raises(ValidationFailed) as refused:
        offer()
    assert refused.value.code == "representative_not_eu_established"
    assert not Mandate.objects.exists()


def test_bad_input_writes_nothing(non_eu_acme, cast, org_b, offer, settings):
    from pathlib import Path

    with pytest.raises(ValidationFailed) as refused:
        offer(file=io.BytesIO(b"MZ\x90\x00 not a pdf"), filename="mandate.pdf")
    assert refused.value.code in {"content_type_mismatch", "executable"}
    assert "document" in refused.value.field_errors
    with pytest.raises(ValidationFailed) as refused:
        offer(tasks=[], ends_on=__import__("datetime").date(2025, 1, 1))
    assert set(refused.value.field_errors) == {"tasks", "ends_on"}
    assert not Mandate.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    mandate = offer(file=written_mandate())
    mandate_accept(actor=cast.owner_b, mandate=mandate)
    with pytest.raises(ValidationFailed):
        mandate_terminate(actor=cast.owner_b, mandate=mandate, organisation=org_b, reason=" ")
    mandate.refresh_from_db()
    assert mandate.status == "active"
    assert list(mandate.events.values_list("kind", flat=True)) == ["offered", "accepted"]


def test_only_the_representatives_administrators_answer(non_eu_acme, cast, offer):
    mandate = offer()
    for outsider in (cast.bob, cast.alice, cast.carol):  # globex's viewer, acme's admin, nobody
        with pytest.raises(Forbidden):
            mandate_accept(actor=outsider, mandate=mandate)
    with pytest.raises(Forbidden):
        offer(actor=cast.bob)  # an editor of acme may not bind it
    assert Mandate.objects.get().status == "offered"


def test_a_refused_verification_keeps_the_filing_out(
    non_eu_acme, alice, cast, org_b, hire_rank, offer
):
    mandate_accept(actor=cast.owner_b, mandate=offer())
    draft = _draft(non_eu_acme, alice, hire_rank)
    with tenant_context(non_eu_acme):
        verification = filing_verification_request(actor=alice, draft=draft)
    with pytest.raises(ValidationFailed):
        filing_verification_decide(
            actor=cast.owner_b, verification=verification, organisation=org_b, verified=False
        )
    filing_verification_decide(
        actor=cast.owner_b,
        verification=verification,
        organisation=org_b,
        verified=False,
        reason="The declaration of conformity is unsigned.",
    )
    assert FilingVerification.objects.get().state == "refused"
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_verification_required"


def test_a_mandate_past_its_end_date_stops_counting_and_is_marked_expired(
    non_eu_acme, alice, cast, hire_rank, offer
):
    from datetime import date

    from registry.register.services.mandates import mandates_expire

    mandate = offer(ends_on=date(2026, 6, 30), verification_required=False)
    mandate_accept(actor=cast.owner_b, mandate=mandate)
    draft = _draft(non_eu_acme, alice, hire_rank)
    with pytest.raises(Conflict) as refused:
        _submit(non_eu_acme, alice, draft)
    assert refused.value.code == "representative_mandate_required"
    assert mandates_expire(today=date(2026, 7, 1)) == 1
    assert mandates_expire(today=date(2026, 7, 1)) == 0  # a second run changes nothing
    mandate.refresh_from_db()
    assert mandate.status == "expired" and mandate.events.last().kind == "expired"


def test_each_step_reaches_the_other_sides_bell_and_both_sides_webhooks(
    cast, org_b, offer, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # example.test does not resolve (tests/api/conftest)
    from portal.notifications.models import Notification
    from registry.webhooks.models import WebhookDelivery
    from registry.webhooks.services import webhook_endpoint_create

    for organisation, owner in ((cast.org_a, cast.alice), (org_b, cast.owner_b)):
        webhook_endpoint_create(
            actor=owner,
            organisation=organisation,
            url=f"https://hooks.example.test/{organisation.slug}",
            events=["mandate.offered"],
        )
    with django_capture_on_commit_callbacks() as callbacks:
        offer()
    callbacks[-1]()  # the notices; the deliveries' own enqueueing waits for the test's commit
    assert set(WebhookDelivery.objects.values_list("endpoint__organisation__slug", "event")) == {
        ("acme", "mandate.offered"),
        ("globex", "mandate.offered"),
    }
    assert Notification.objects.filter(user=cast.owner_b, kind="mandate.offered").exists()


def test_a_gpai_model_needs_a_mandate_that_names_it(non_eu_acme, alice, cast, offer):
    from registry.workspace.filing_gate import mandate_obstacles
    from registry.workspace.services import gpai_model_create, gpai_model_version_create

    with tenant_context(non_eu_acme):
        model = gpai_model_create(actor=alice, name="Acme LM")
        version = gpai_model_version_create(actor=alice, model=model, version="1.0")
        (obstacle,) = mandate_obstacles(
            "gpai_model_documentation", non_eu_acme, gpai_model_version=version
        )
    assert obstacle.code == "representative_mandate_required" and "Art 54(1)" in str(
        obstacle.message
    )
    mandate_accept(actor=cast.owner_b, mandate=offer(scope="listed", gpai_models=[model.pk]))
    with tenant_context(non_eu_acme):
        assert (
            mandate_obstacles("gpai_model_documentation", non_eu_acme, gpai_model_version=version)
            == []
        )
        other = gpai_model_create(actor=alice, name="Acme Vision")
        other_version = gpai_model_version_create(actor=alice, model=other, version="1.0")
        assert mandate_obstacles(
            "gpai_art52_notification", non_eu_acme, gpai_model_version=other_version
        )


def test_answers_need_an_offered_mandate_and_a_decline_needs_its_reason(cast, offer):
    mandate = offer()
    with pytest.raises(ValidationFailed):
        mandate_decline(actor=cast.owner_b, mandate=mandate, reason="")
    mandate_accept(actor=cast.owner_b, mandate=mandate)
    with pytest.raises(Conflict) as refused:
        mandate_accept(actor=cast.owner_b, mandate=mandate)
    assert refused.value.code == "mandate_state"
    assert list(mandate.events.values_list("kind", flat=True)) == ["offered", "accepted"]


def test_each_notice_says_what_its_step_made_of_the_mandate(
    cast, org_b, offer, django_capture_on_commit_callbacks, mailoutbox, settings
):
    """Offered and accepted in one transaction (as the demo seeds it): the offer's e-mail and
    webhook say "offered", not the state the mandate is in when the notices go out."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    from registry.register.services.mandates import mandate_accept
    from registry.webhooks.models import WebhookDelivery
    from registry.webhooks.services import webhook_endpoint_create

    webhook_endpoint_create(
        actor=cast.owner_b,
        organisation=org_b,
        url="https://hooks.example.test/globex",
        events=["mandate.offered", "mandate.accepted"],
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        mandate = offer()
        mandate_accept(actor=cast.owner_b, mandate=mandate)
    for callback in callbacks:
        callback()
    (offered,) = [m for m in mailoutbox if cast.owner_b.email in m.to]
    assert "is now: Offered" in offered.body and "Active" not in offered.body
    (accepted,) = [m for m in mailoutbox if cast.alice.email in m.to]
    assert "is now: Active" in accepted.body
    payloads = dict(WebhookDelivery.objects.values_list("event", "payload__data__status"))
    assert payloads == {"mandate.offered": "offered", "mandate.accepted": "active"}
