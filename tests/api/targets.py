"""Objects of organisation A (and of the register) that endpoint paths name, built on first use
through the services: `Targets` is a mapping whose values are made when a path asks for them,
so a test builds only what its endpoint needs (`path.format_map(targets)`)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.accounts.models import ApiKey, AuthorityMembership, Membership, User
from portal.audit.models import AuditEvent
from registry.register import storage
from registry.register.models import Filing, FilingVersion, Mandate, PdfJob, PublicRendition
from registry.register.services import review
from registry.webhooks.services import webhook_endpoint_create
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import FilingDraft
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import complete_section_a_system

FACTS = {"role": "provider", "annex_iii_area": "4(a)"}


def pdf_ready(version: FilingVersion) -> None:
    """Stand in for the render job: a stored PDF and a ready job (rendering is tested elsewhere)."""
    sha, size, relative = storage.store_bytes("pdf", minimal_pdf("Filing PDF"), ".pdf")
    PdfJob.objects.filter(version=version).update(
        state="ready",
        pdf_sha256=sha,
        pdf_size=size,
        storage_path=relative,
        page_count=1,
        finished_at=timezone.now(),
    )


def public_pdf_ready(version: FilingVersion) -> None:
    """Stand in for the render job of a registered version's public copy."""
    sha, size, relative = storage.store_bytes("public-pdf", minimal_pdf("Public copy"), ".pdf")
    PublicRendition.objects.filter(version=version).update(
        state="ready",
        pdf_sha256=sha,
        pdf_size=size,
        storage_path=relative,
        page_count=1,
        finished_at=timezone.now(),
    )


def incident_pdf_ready(version: Any) -> None:
    """Stand in for the incident PDF job (its rendering has its own worker test)."""
    from registry.register.models import IncidentPdfJob

    sha, size, relative = storage.store_bytes("incident-pdf", minimal_pdf("Incident"), ".pdf")
    IncidentPdfJob.objects.filter(version=version).update(
        state="ready",
        pdf_sha256=sha,
        pdf_size=size,
        storage_path=relative,
        page_count=1,
        finished_at=timezone.now(),
    )


def de_lead(msa: Any) -> User:
    user = User.objects.filter(email="lead@de-msa.test").first()
    if user is None:
        user = User.objects.create_user(email="lead@de-msa.test", password=None, full_name="Lea")
        AuthorityMembership.objects.create(user=user, authority=msa, role="lead")
    return user


class Targets(dict):  # type: ignore[type-arg]
    def __init__(self, cast: Any, msa: Any, make_key: Callable[..., str]) -> None:
        super().__init__()
        self.cast, self.msa, self.make_key = cast, msa, make_key

    def __missing__(self, key: str) -> Any:
        value = getattr(self, f"_build_{key}")()
        self[key] = value
        return value

    def _in_a(self, build: Callable[[], Any]) -> Any:
        with tenant_context(self.cast.org_a):
            return build()

    # --- accounts ---
    def _build_membership_a(self) -> int:
        return Membership.objects.get(user=self.cast.bob, organisation=self.cast.org_a).pk

    def _build_api_key_a(self) -> int:
        plaintext = self.make_key(self.cast.org_a, scopes=["read"], name="target")
        return ApiKey.objects.get(prefix=plaintext[:12]).pk

    def _build_audit_event_a(self) -> int:
        self["api_key_a"]  # noqa: B018 - creating a key writes an event into A's trail
        event = self._in_a(lambda: AuditEvent.objects.order_by("-id").first())
        return event.pk

    # --- workspace ---
    def _build_system_a(self) -> int:
        alice = self.cast.alice
        return self._in_a(
            lambda: services.ai_system_create(actor=alice, trade_name="Target", role="provider").pk
        )

    def _build_gpai_model_a(self) -> int:
        alice = self.cast.alice
        return self._in_a(lambda: services.gpai_model_create(actor=alice, name="Target LM").pk)

    def _build_gpai_model_version_a(self) -> int:
        alice, model = self.cast.alice, self["gpai_model_a"]
        return self._in_a(
            lambda: services.gpai_model_version_create(actor=alice, model=model, version="1").pk
        )

    def _build_risk_record_a(self) -> int:
        alice, system = self.cast.alice, self["system_a"]
        return self._in_a(
            lambda: (
                services.risk_record_create(
                    actor=alice,
                    system=system,
                    hazard="Bias",
                    likelihood="possible",
                    severity="major",
                ).pk
            )
        )

    def _build_qms_record_a(self) -> int:
        alice = self.cast.alice
        return self._in_a(
            lambda: (
                services.qms_record_create(
                    actor=alice, aspect="a", title="Strategy", document_version="1"
                ).pk
            )
        )

    def _build_evidence_a(self) -> int:
        alice = self.cast.alice
        return self._in_a(
            lambda: (
                services.evidence_upload(
                    actor=alice, file=io.BytesIO(minimal_pdf("Target")), filename="target.pdf"
                ).pk
            )
        )

    # --- filings ---
    def _complete_draft(self, name: str) -> FilingDraft:
        alice = self.cast.alice

        def build() -> FilingDraft:
            system = complete_section_a_system(alice, trade_name=name)
            return filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)

        return self._in_a(build)

    def _submitted(self, name: str) -> FilingDraft:
        draft = self._complete_draft(name)
        alice = self.cast.alice
        version = self._in_a(lambda: filing_draft_submit(actor=alice, draft=draft, confirmed=True))
        pdf_ready(version)
        self._in_a(draft.refresh_from_db)
        return draft

    def _build_draft_ready_a(self) -> int:
        return self._complete_draft("Ready").pk

    def _build_draft_a(self) -> int:
        draft = self._submitted("Filed")
        self["filing_a"] = str(draft.register_filing_id)
        return draft.pk

    def _build_filing_a(self) -> str:
        self["draft_a"]  # noqa: B018 - builds both
        return self["filing_a"]

    def _build_comment_a(self) -> int:
        """A comment of the DE authority on filing A (the review loop's endpoints)."""
        filing = Filing.objects.get(pk=self["filing_a"])
        return review.filing_comment(
            actor=self.cast.regulator, filing=filing, field="general", body="Check A5."
        ).pk

    def _build_resolved_comment_a(self) -> int:
        """Comment A, answered by organisation A: what the authority confirms."""
        from registry.register.services.comments import comment_resolve

        comment_resolve(actor=self.cast.alice, comment=self["comment_a"], resolution="Done.")
        return int(self["comment_a"])

    def _build_public_filing_a(self) -> str:
        draft = self._submitted("Public")
        filing = Filing.objects.get(pk=draft.register_filing_id)
        review.filing_register(actor=de_lead(self.msa), filing=filing)
        public_pdf_ready(filing.versions.get(number=1))
        return str(filing.pk)

    # --- rights holders' requests (public schema, addressed to A) ---
    def _build_rights_request_a(self) -> str:
        from tests.rights import list_as_gpai_provider, received_request

        org_a = self.cast.org_a
        list_as_gpai_provider(org_a)
        return str(received_request(org_a).pk)

    # --- serious-incident reports ---
    def _incident_draft(self, title: str) -> Any:
        from registry.workspace.services.incidents import incident_draft_create
        from tests.incidents.conftest import aware, high_risk_system

        alice = self.cast.alice

        def build() -> Any:
            system = high_risk_system(alice, trade_name=title)
            return incident_draft_create(
                actor=alice,
                regime="art73",
                system=system.pk,
                title=title,
                member_state="DE",
                harms=["health"],
                aware_on=aware(3),
            )

        return self._in_a(build)

    def _build_incident_ready_a(self) -> int:
        return self._incident_draft("Incident ready").pk

    def _build_incident_a(self) -> int:
        """An incident of A sent to the DE authority, its PDF ready."""
        from registry.workspace.services.incidents import incident_draft_submit

        draft, alice = self._incident_draft("Incident sent"), self.cast.alice
        version = self._in_a(lambda: incident_draft_submit(actor=alice, draft=draft))
        incident_pdf_ready(version)
        return draft.pk

    # --- serious-incident reports seen from the authority (the regulator API) ---
    def _build_incident_report_a(self) -> str:
        """A report of A addressed to the DE authority, version 1's PDF ready."""
        from tests.incident_review.builders import send_report

        report = send_report(self.cast.org_a, self.cast.alice, name="Target incident")
        incident_pdf_ready(report.versions.get(number=1))
        return str(report.pk)

    def _build_incident_information_due_on(self) -> str:
        return (timezone.localdate() + timedelta(days=14)).isoformat()

    # --- webhooks ---
    def _build_webhook_a(self) -> int:
        endpoint, _secret = webhook_endpoint_create(
            actor=self.cast.alice,
            organisation=self.cast.org_a,
            url="https://hooks.example.test/portal",
            events=["filing.submitted"],
        )
        return endpoint.pk

    # --- mandates (Art 22, Art 54): A as a non-EU provider, or as the representative of B ---
    def _mandate(self, provider: Any, representative: Any, owner: Any) -> Any:
        import io
        from datetime import date

        from registry.register.services.mandates import mandate_offer
        from registry.workspace.demo_files import minimal_pdf

        provider.eu_established = False
        provider.save(update_fields=["eu_established"])
        return mandate_offer(
            actor=owner,
            provider=provider,
            representative=representative,
            scope="all",
            tasks=["art22_3_a"],
            submitter="either",
            starts_on=date(2026, 1, 1),
            file=io.BytesIO(minimal_pdf("Mandate")),
            filename="mandate.pdf",
        )

    def _build_mandate_a(self) -> int:
        from registry.register.services.mandates import mandate_accept

        mandate = self._mandate(self.cast.org_a, self.cast.org_b, self.cast.alice)
        return mandate_accept(actor=self.cast.owner_b, mandate=mandate).pk

    def _build_mandate_offered_to_a(self) -> int:
        return self._mandate(self.cast.org_b, self.cast.org_a, self.cast.owner_b).pk

    def _build_verification_for_a(self) -> int:
        """A verification A is asked for as the representative of B (a body B prepared)."""
        import hashlib
        import json

        from registry.register.models import FilingVerification
        from registry.register.services.mandates import mandate_accept

        mandate = mandate_accept(
            actor=self.cast.alice,
            mandate=Mandate.objects.get(pk=self["mandate_offered_to_a"]),
        )
        body = {"subject": {"name": "Globex Ranker"}, "items": []}
        verification = FilingVerification.objects.create(
            mandate=mandate,
            draft_uid="00000000-0000-4000-8000-000000000001",
            kind="annex_viii_a",
            subject_type="ai_system",
            subject_id="1",
            subject_name="Globex Ranker",
            body=body,
            sha256=hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest(),
            requested_by_label="Owner B <owner@globex.test>",
        )
        self["verification_for_a_sha256"] = verification.sha256
        return verification.pk

    def _build_verification_for_a_sha256(self) -> str:
        self["verification_for_a"]  # noqa: B018 - builds both
        return str(self["verification_for_a_sha256"])

    def _build_draft_verifiable_a(self) -> int:
        """A complete draft of A, a provider outside the Union whose mandate to B covers it."""
        self["mandate_a"]  # noqa: B018 - A non-EU, B its representative in force
        # Annex VIII A3: the representative's address and contact details, from its profile.
        org_b = self.cast.org_b
        org_b.address, org_b.contact_email = "Keizersgracht 1, Amsterdam", "eu@globex.test"
        org_b.save(update_fields=["address", "contact_email"])
        return int(self["draft_ready_a"])

    def _build_representative_for_a(self) -> str:
        """The slug of an EU representative, with A made a non-EU provider that may offer."""
        self.cast.org_a.eu_established = False
        self.cast.org_a.save(update_fields=["eu_established"])
        return str(self.cast.org_b.slug)
