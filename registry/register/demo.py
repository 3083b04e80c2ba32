"""Demo filings for `make run`: something in every corner of the register.

- Helios files TriageAssist ED (Section A) and the German authority's lead registers it; it files
  TalentLens Screening too, and a reviewer asks for changes on a field.
- The City of Lindenburg files its use of a benefits-fraud scoring system (Section C).
- Nimbus, established in the US, mandates EuroRep Compliance B.V. (NL) as its authorised
  representative for its models (Art 54); EuroRep accepts and verifies the notification to the AI
  Office that Nimbus Large meets the Art 51 threshold (Art 52(1)) before Nimbus files it. Nimbus
  declares its Code of Practice status (the Copyright chapter with its copyright policy) and files
  the public summary of Nimbus Large 3.0's training content (Art 53(1)(d)); Helios declares that
  it declined the Copyright chapter, with its alternative means. The AI Office registers these
  three, so the public register and the signatory register show them. Two rights holders wrote
  to Nimbus (Art 53(1)(c), Code of Practice Measure 1.5): one request waits in its inbox, the
  other Nimbus answered.

Idempotent: a draft that has been filed is not filed again. Filings go through the same services
as real ones, so their PDFs are rendered by the worker once `make run` has started it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from django_tenants.utils import tenant_context

from portal.accounts.models import User
from portal.tenancy.models import Organisation
from registry.register.models import (
    Filing,
    Mandate,
    MandateScope,
    MandateSubmitter,
    MandateTask,
)
from registry.register.services import review
from registry.register.services.mandates import mandate_accept, mandate_offer
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import AISystem, GPAIModel, GPAIModelVersion
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from registry.workspace.services.representation import (
    filing_verification_decide,
    filing_verification_request,
)


def _file(actor: User, kind: str, **subject: Any) -> Filing | None:
    lookup = {key.removesuffix("_id"): value for key, value in subject.items()}
    draft = FilingDraft.objects.filter(kind=kind, **lookup).first()
    if draft is None:
        draft = filing_draft_create(actor=actor, kind=kind, **subject)
    if draft.register_filing_id is not None:
        return None
    version = filing_draft_submit(actor=actor, draft=draft, confirmed=True)
    return version.filing


def _nimbus_mandate(actor: User) -> list[str]:
    """Nimbus (US) offers EuroRep (NL) a written mandate for all its GPAI models; EuroRep accepts."""
    nimbus = Organisation.objects.filter(slug="nimbus").first()
    eurorep = Organisation.objects.filter(slug="eurorep").first()
    if nimbus is None or eurorep is None or Mandate.objects.filter(provider=nimbus).exists():
        return []
    with tenant_context(nimbus):
        models = list(GPAIModel.objects.order_by("id").values_list("pk", flat=True))
        mandate = mandate_offer(
            actor=actor,
            provider=nimbus,
            representative=eurorep,
            scope=MandateScope.LISTED,
            gpai_models=models,
            tasks=[t.value for t in MandateTask if t.value.startswith("art54")],
            submitter=MandateSubmitter.EITHER,
            starts_on=date(2025, 8, 1),
            file=io.BytesIO(
                minimal_pdf(
                    "Written mandate (Art 54(1))",
                    "Nimbus Intelligence Inc. appoints EuroRep Compliance B.V.",
                    "as its authorised representative for its general-purpose AI models.",
                )
            ),
            filename="nimbus-eurorep-mandate.pdf",
        )
    rep = User.objects.get(email="rep@eurorep.example")
    mandate_accept(actor=rep, mandate=mandate)
    return [f"mandate nimbus → eurorep ({mandate.pk})"]


def _verified_by_representative(actor: User, kind: str, **subject: Any) -> None:
    """The provider sends the draft for verification and the representative confirms it."""
    lookup = {key.removesuffix("_id"): value for key, value in subject.items()}
    draft = FilingDraft.objects.filter(kind=kind, **lookup).first()
    if draft is None:
        draft = filing_draft_create(actor=actor, kind=kind, **subject)
    if draft.register_filing_id is not None:
        return
    verification = filing_verification_request(actor=actor, draft=draft)
    mandate = verification.mandate
    filing_verification_decide(
        actor=User.objects.get(email="rep@eurorep.example"),
        verification=verification,
        organisation=mandate.representative,
        verified=True,
    )


def _in(slug: str, work: Callable[[], list[Filing | None]]) -> list[Filing | None]:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return []
    with tenant_context(organisation):
        return work()


def seed_register_demo() -> list[str]:
    owner = {
        email.split("@")[1].split(".")[0]: User.objects.get(email=email)
        for email in ("owner@helios.example", "owner@lindenburg.example", "owner@nimbus.example")
    }
    created: list[str] = []

    def helios() -> list[Filing | None]:
        triage = AISystem.objects.get(trade_name="TriageAssist ED")
        talent = AISystem.objects.get(trade_name="TalentLens Screening")
        return [
            _file(owner["helios"], "annex_viii_a", system_id=triage.pk),
            _file(owner["helios"], "annex_viii_a", system_id=talent.pk),
        ]

    triage_filing, talent_filing = (_in("helios", helios) + [None, None])[:2]
    lead = User.objects.filter(email="lead@bnetza.example").first()
    reviewer = User.objects.filter(email="reviewer@bnetza.example").first()
    if triage_filing is not None and lead is not None:
        review.filing_start_review(actor=lead, filing=triage_filing)
        review.filing_register(actor=lead, filing=triage_filing)
        created.append(f"registered {triage_filing.registration_number}")
    if talent_filing is not None and reviewer is not None:
        review.filing_request_changes(
            actor=reviewer,
            filing=talent_filing,
            comments=[
                {
                    "field": "intended_purpose",
                    "body": "Say whether recruiters see the ranking only or also automatic rejections "
                    "(Art 14 human oversight).",
                }
            ],
        )
        created.append(f"changes requested on {talent_filing.registration_number}")

    def lindenburg() -> list[Filing | None]:
        system = AISystem.objects.get(trade_name="Benefits Fraud Risk Scoring")
        return [_file(owner["lindenburg"], "annex_viii_c", system_id=system.pk)]

    created += _nimbus_mandate(owner["nimbus"])

    def nimbus() -> list[Filing | None]:
        large = GPAIModelVersion.objects.get(model__name="Nimbus Large", version="3.0")
        _verified_by_representative(
            owner["nimbus"], "gpai_art52_notification", gpai_model_version_id=large.pk
        )
        return [
            _file(owner["nimbus"], "gpai_art52_notification", gpai_model_version_id=large.pk),
            _file(owner["nimbus"], "cop_signatory_declaration"),
            _file(owner["nimbus"], "gpai_training_summary", gpai_model_version_id=large.pk),
        ]

    def helios_declaration() -> list[Filing | None]:
        return [_file(owner["helios"], "cop_signatory_declaration")]

    nimbus_filings = _in("nimbus", nimbus)
    declarations = _in("helios", helios_declaration)
    # The AI Office registers what the public reads: Nimbus's training-content summary
    # (Art 53(1)(d)) and both signatory declarations (the signatory register, Art 56).
    ai_office = User.objects.filter(email="reviewer@ai-office.example").first()
    for filing in [*nimbus_filings[1:], *declarations]:
        if filing is not None and ai_office is not None:
            review.filing_start_review(actor=ai_office, filing=filing)
            review.filing_register(actor=ai_office, filing=filing)
            created.append(f"registered {filing.registration_number}")
    created += _nimbus_rights_requests(owner["nimbus"])
    for filing in [
        triage_filing,
        talent_filing,
        *_in("lindenburg", lindenburg),
        *nimbus_filings,
        *declarations,
    ]:
        if filing is not None:
            created.append(f"filing {filing.registration_number} ({filing.kind})")
    return created


def _nimbus_rights_requests(answerer: User) -> list[str]:
    """One received and one answered rights holder's request, filed and confirmed as the public
    does it (through the services), unless Nimbus has requests already."""
    from registry.register.models import RightsRequest
    from registry.register.services import rights_request_mail
    from registry.register.services import rights_requests as rights

    nimbus = Organisation.objects.filter(slug="nimbus").first()
    if nimbus is None or RightsRequest.objects.filter(organisation=nimbus).exists():
        return []
    requests = [
        rights.RightsRequestInput(
            kind="reservation",
            requester_name="Ana Ferreira",
            requester_email="ana.ferreira@photographers.example",
            acting_for="self",
            works="Portfolio of 1,200 landscape photographs (2012-2024)",
            work_urls="https://photographers.example/ana-ferreira",
            request_text="I reserve my rights for text and data mining (Art 4(3) Directive "
            "2019/790). Exclude my portfolio from future training and confirm it.",
        ),
        rights.RightsRequestInput(
            kind="complaint",
            requester_name="Jonas Berg",
            requester_email="legal@nordic-publishers.example",
            acting_for="representative",
            rights_holder="Nordic Publishers Association",
            works="Novels of our members published 2015-2023 (list attached on request)",
            request_text="Your crawler ignored the robots.txt of our members' sites. Tell us "
            "which works were collected and remove them.",
        ),
    ]
    filed = [
        rights.rights_request_confirm(
            token=rights_request_mail.rights_request_token(
                rights.rights_request_file(provider=nimbus, data=data, client_address="demo")
            )
        )
        for data in requests
    ]
    rights.rights_request_answer(
        actor=answerer,
        organisation=nimbus,
        request_id=filed[0].pk,
        answer="Your portfolio's domain is on our crawler's exclusion list since today, and the "
        "next training run will not use it.",
    )
    return [f"rights-holder request {request.reference}" for request in filed]
