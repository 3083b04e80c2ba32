"""The copyright policy (Art 53(1)(c); Code, Copyright chapter, Measures 1.1-1.5) and the summary
of training content (Art 53(1)(d)): versions kept, the checklist checked, bad input writes
nothing."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent
from portal.errors import Forbidden, ValidationFailed
from registry.workspace import services
from registry.workspace.models import (
    CopyrightPolicyMeasure,
    CopyrightPolicyVersion,
    TrainingContentSummary,
)
from registry.workspace.models.copyright import PolicyVersionImmutable
from registry.workspace.selectors.copyright import copyright_policy_current
from registry.workspace.services.copyright import copyright_policy_adopt, training_summary_save
from tests.workspace.helpers import pdf, upload

DONE = "implemented"


def measures(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "lawful_access": {"status": DONE, "text": "No paywalls crawled."},
        "persistent_infringers": {"status": DONE, "text": "EU list blocked."},
        "rights_reservations": {"status": DONE, "text": "robots.txt honoured."},
        "infringing_outputs": {"status": "in_progress", "text": ""},
        "complaints": {"status": DONE, "text": "Web form."},
    }
    data.update(overrides)
    return data


def adopt(actor, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "point_of_contact": "copyright@acme.test",
        "complaint_mechanism": "https://acme.test/complaints",
        "crawler_user_agents": "AcmeBot/1.0\nAcmeBot-Images",
        "measures": measures(),
    }
    fields.update(overrides)
    return copyright_policy_adopt(actor=actor, **fields)


def summary_content(**overrides):  # type: ignore[no-untyped-def]
    content = {
        "modalities": ["text"],
        "size_text": "1-10 trillion tokens",
        "crawled_data_used": True,
        "crawled_data_description": "Public web pages.",
        "crawlers": ["AcmeBot/1.0"],
        "crawl_period_start": "2024-01-01",
        "crawl_period_end": "2025-06-30",
        "top_domains": "example.org\nWikipedia.org",
        "opt_out_measures": "robots.txt honoured.",
        "illegal_content_measures": "Filtered.",
    }
    content.update(overrides)
    return content


def test_each_save_adopts_a_new_version_and_keeps_the_earlier_one(in_a, alice, org_a):
    evidence = upload(alice, pdf("robots policy"), title="Crawler robots.txt policy")
    first = adopt(
        alice,
        measures=measures(
            rights_reservations={"status": DONE, "text": "RFC 9309", "evidence": [evidence.pk]}
        ),
    )
    second = adopt(alice, complaint_response_days=14, crawler_user_agents=["AcmeBot/2.0"])
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.crawler_user_agents == ["AcmeBot/1.0", "AcmeBot-Images"]
    assert first.complaint_response_days == 30  # the default
    assert first.created_by == alice and first.created_by_label == "Alice Admin <alice@acme.test>"
    line = first.measures.get(measure="rights_reservations")
    assert list(line.evidence.all()) == [evidence]
    assert CopyrightPolicyMeasure.objects.filter(policy=second).count() == 5
    with pytest.raises(PolicyVersionImmutable):
        first.save()
    events = AuditEvent.objects.filter(action="copyright_policy.adopted").order_by("id")
    assert [e.after["number"] for e in events] == [1, 2]
    assert events[1].before["number"] == 1
    # The selector the rights-holder requests read (Measure 1.5), from any schema.
    current = copyright_policy_current(org_a)
    assert current is not None and current.number == 2
    assert current.complaint_response_days == 14
    assert current.crawler_user_agents == ("AcmeBot/2.0",)


def test_the_current_policy_is_read_from_the_public_schema_and_is_none_without_one(
    org_a, org_b, alice
):
    with tenant_context(org_a):
        adopt(alice)
    current = copyright_policy_current(org_a)
    assert current is not None and current.point_of_contact == "copyright@acme.test"
    assert copyright_policy_current(org_b) is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"point_of_contact": " "}, "point_of_contact"),
        ({"complaint_mechanism": ""}, "complaint_mechanism"),
        ({"complaint_response_days": 0}, "complaint_response_days"),
        ({"complaint_response_days": "soon"}, "complaint_response_days"),
        # Measure 1.3: a policy that honours reservations names the crawlers.
        ({"crawler_user_agents": ""}, "crawler_user_agents"),
        ({"measures": measures(lawful_access={"status": "maybe"})}, "lawful_access_status"),
        ({"measures": measures(lawful_access={"status": DONE})}, "lawful_access_text"),
        # Measure 1.5 applies to every provider.
        (
            {"measures": measures(complaints={"status": "not_applicable", "text": "No."})},
            "complaints_status",
        ),
        (
            {"measures": measures(complaints={"status": DONE, "text": "x", "evidence": [999999]})},
            "complaints_evidence",
        ),  # fmt: skip
        ({"measures": {**measures(), "seo": {"status": DONE}}}, "seo"),
    ],
)
def test_bad_input_is_refused_by_field_and_writes_nothing(in_a, alice, overrides, field):
    with pytest.raises(ValidationFailed) as refused:
        adopt(alice, **overrides)
    assert field in refused.value.field_errors
    assert not CopyrightPolicyVersion.objects.exists()
    assert not CopyrightPolicyMeasure.objects.exists()
    assert not AuditEvent.objects.filter(action="copyright_policy.adopted").exists()


def test_only_administrators_adopt_the_policy_and_editors_write_summaries(in_a, bob, alice):
    with pytest.raises(Forbidden):
        adopt(bob)  # bob edits acme
    model = services.gpai_model_create(actor=alice, name="Atlas")
    version = services.gpai_model_version_create(actor=alice, model=model, version="1")
    saved = training_summary_save(actor=bob, model_version=version, content=summary_content())
    assert saved.content["top_domains"] == ["example.org", "wikipedia.org"]
    assert saved.content["public_datasets_used"] is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"modalities": []}, "modalities"),
        ({"modalities": ["text", "smell"]}, "modalities"),
        ({"size_text": ""}, "size_text"),
        ({"crawlers": []}, "crawlers"),
        ({"top_domains": "not a domain"}, "top_domains"),
        ({"crawl_period_end": "2023-01-01"}, "crawl_period_end"),
        ({"crawl_period_start": "yesterday"}, "crawl_period_start"),
        ({"opt_out_measures": ""}, "opt_out_measures"),
        ({"crawled_data_used": False}, "crawlers"),  # crawl details without crawling
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_a_bad_summary_is_refused_by_field_and_writes_nothing(in_a, alice, overrides, field):
    model = services.gpai_model_create(actor=alice, name="Atlas")
    version = services.gpai_model_version_create(actor=alice, model=model, version="1")
    with pytest.raises(ValidationFailed) as refused:
        training_summary_save(
            actor=alice, model_version=version, content=summary_content(**overrides)
        )
    assert field in refused.value.field_errors
    assert not TrainingContentSummary.objects.exists()
    assert not AuditEvent.objects.filter(action="training_summary.saved").exists()
