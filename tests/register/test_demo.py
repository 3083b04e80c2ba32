from __future__ import annotations

from portal.demo import seed_demo
from registry.register.models import Filing, PublicRendition, RightsRequest
from registry.register.services.public_renditions import public_renditions_ensure


def test_demo_register_has_a_filing_in_every_state_and_kind(db, no_enqueue):
    seed_demo()
    states = {
        (f.organisation.slug, f.kind, f.status)
        for f in Filing.objects.select_related("organisation")
    }
    assert ("helios", "annex_viii_a", "registered") in states
    assert ("helios", "annex_viii_a", "changes_requested") in states
    assert ("lindenburg", "annex_viii_c", "submitted") in states
    assert ("nimbus", "gpai_art52_notification", "submitted") in states
    assert ("nimbus", "cop_signatory_declaration", "registered") in states
    assert ("nimbus", "gpai_training_summary", "registered") in states
    assert ("helios", "cop_signatory_declaration", "registered") in states
    # Issue 17 item 7: a rights holder's request waits in Nimbus's inbox, another was answered.
    nimbus_requests = RightsRequest.objects.filter(organisation__slug="nimbus")
    assert sorted(nimbus_requests.values_list("status", flat=True)) == ["answered", "received"]
    before = Filing.objects.count()
    seed_demo()
    assert Filing.objects.count() == before
    assert nimbus_requests.count() == 2
    # The registered demo version has its public copy (the worker renders it on `make run`).
    copies = PublicRendition.objects.select_related("version__filing__organisation")
    assert {(c.version.filing.organisation.slug, c.version.filing.kind) for c in copies} == {
        ("helios", "annex_viii_a"),
        ("helios", "cop_signatory_declaration"),
        ("nimbus", "cop_signatory_declaration"),
        ("nimbus", "gpai_training_summary"),
    }
    assert {c.state for c in copies} == {"queued"}
    assert public_renditions_ensure() == []
