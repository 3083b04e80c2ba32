from __future__ import annotations

from portal.demo import seed_demo
from registry.register.models import Filing, Mandate, PublicRendition
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
    assert ("nimbus", "cop_signatory_declaration", "submitted") in states
    # Nimbus (US) files through EuroRep (NL), its authorised representative (Art 54).
    (mandate,) = Mandate.objects.select_related("provider", "representative")
    assert (mandate.provider.slug, mandate.representative.slug, mandate.status) == (
        "nimbus",
        "eurorep",
        "active",
    )
    notification = Filing.objects.get(kind="gpai_art52_notification")
    snapshot = notification.versions.get().snapshot
    assert snapshot["authorised_representative"]["name"] == "EuroRep Compliance B.V."
    assert snapshot["authorised_representative"]["verification"]["verified_by"]
    before = Filing.objects.count()
    seed_demo()
    assert Filing.objects.count() == before
    # The registered demo version has its public copy (the worker renders it on `make run`).
    (copy,) = PublicRendition.objects.select_related("version__filing__organisation")
    assert copy.version.filing.organisation.slug == "helios" and copy.state == "queued"
    assert public_renditions_ensure() == []
