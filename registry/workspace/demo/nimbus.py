"""Nimbus Intelligence Inc.: a non-EU provider of GPAI models, one with systemic risk, and its
Code of Practice signatures (Safety and Security signed; the others declined, with history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from portal.accounts.models import User
from registry.workspace import services
from registry.workspace.models import CodeOfPracticeSignatureChange, GPAIModel, GPAIModelVersion
from registry.workspace.services.copyright import copyright_policy_adopt, training_summary_save

CRAWLER = "NimbusBot/2.0"


def seed_nimbus(actor: User, created: list[str]) -> None:
    large = GPAIModel.objects.filter(name="Nimbus Large").first()
    if large is None:
        large = services.gpai_model_create(
            actor=actor, name="Nimbus Large", model_family="Nimbus", description="Frontier model."
        )
        services.gpai_model_version_create(
            actor=actor,
            model=large,
            version="3.0",
            documentation_version="1.2",
            documentation_updated_on=date(2026, 9, 1),
            release_date=date(2026, 3, 10),
            union_release_date=date(2026, 3, 10),
            architecture="Decoder-only mixture-of-experts transformer with 64 experts.",
            parameter_count=1_200_000_000_000,
            parameter_range="over_1t",
            input_modalities=["text", "image", "audio"],
            output_modalities=["text"],
            distribution_channels=["api", "software_suite"],
            licence="Proprietary",
            monetised=True,
            training_compute_flops=3.1e25,
            training_time="3_6_months",
            training_energy_mwh=21000.0,
            threshold_known_on=date(2025, 11, 20),
            art52_notified_on=date(2025, 11, 28),
            documentation={
                "provider_legal_name": "Nimbus Intelligence Inc.",
                "acceptable_use_policy": "https://nimbus.example/aup",
                "data_provenance": ["web_crawl", "licensed", "synthetic"],
            },
        )
        created.append("GPAI model Nimbus Large")
    small = GPAIModel.objects.filter(name="Nimbus Small").first()
    if small is None:
        small = services.gpai_model_create(
            actor=actor, name="Nimbus Small", model_family="Nimbus", description="Open weights."
        )
        services.gpai_model_version_create(
            actor=actor,
            model=small,
            version="2.0",
            release_date=date(2025, 6, 1),
            union_release_date=date(2025, 6, 1),
            parameter_count=7_000_000_000,
            parameter_range="5b_15b",
            input_modalities=["text"],
            output_modalities=["text"],
            distribution_channels=["open_source_repository"],
            licence="Apache-2.0",
            open_source=True,
            training_compute_flops=8.0e23,
        )
        created.append("GPAI model Nimbus Small")
    if not GPAIModelVersion.objects.filter(model=large).exists():
        return
    if CodeOfPracticeSignatureChange.objects.exists():
        return
    signer = {"signatory_name": "Morgan Lee", "signatory_authority": "Chief Executive Officer"}
    steps: list[Callable[[], Any]] = [
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="safety_security",
            status="signed",
            status_date=date(2025, 7, 30),
            public_statement_url="https://nimbus.example/code-of-practice",
            models_covered=[large],
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="signed",
            status_date=date(2025, 7, 30),
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="transparency",
            status="declined",
            status_date=date(2025, 7, 31),
            notes="Art 53(1)(a)-(b) shown by alternative adequate means.",
            alternative_means="Annex XI documentation kept in the portal and given to the AI "
            "Office on request within 14 days; Annex XII information published for downstream "
            "providers at https://nimbus.example/model-cards.",
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="withdrawn",
            status_date=date(2026, 1, 15),
            notes="Withdrawn after the crawler policy changed.",
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="declined",
            status_date=date(2026, 2, 1),
            notes="Art 53(1)(c) shown by the published copyright policy instead.",
        ),
        # Measure 1.1: with its copyright policy adopted, Nimbus signs the chapter again; the
        # declaration links the policy (crawlers and complaint contact published).
        lambda: seed_nimbus_copyright(actor),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="signed",
            status_date=date(2026, 6, 1),
            **signer,
        ),
    ]
    for step in steps:
        step()
    created.append("nimbus Code of Practice signatures")


def seed_nimbus_copyright(actor: User) -> None:
    """The copyright policy (Art 53(1)(c), Measures 1.1-1.5) and the public summary of Nimbus
    Large 3.0's training content (Art 53(1)(d)); the register demo files the summary."""
    done = "implemented"
    copyright_policy_adopt(
        actor=actor,
        summary="Nimbus trains only on lawfully accessible content and honours rights "
        "reservations; the full policy is at https://nimbus.example/copyright.",
        crawler_user_agents=[CRAWLER],
        point_of_contact="Copyright office, https://nimbus.example/copyright/contact",
        complaint_mechanism="https://nimbus.example/copyright/complaints",
        complaint_response_days=30,
        measures={
            "lawful_access": {
                "status": done,
                "text": "The crawler skips paywalled and login-protected pages.",
            },
            "persistent_infringers": {
                "status": done,
                "text": "Domains on the EU list of persistent infringers are blocked.",
            },
            "rights_reservations": {
                "status": done,
                "text": "robots.txt (RFC 9309) and TDMRep reservations are honoured.",
            },
            "infringing_outputs": {
                "status": done,
                "text": "Output filters for verbatim reproduction; the terms prohibit "
                "infringing uses.",
            },
            "complaints": {
                "status": done,
                "text": "Complaints by e-mail or web form, answered within 30 days.",
            },
        },
    )
    large = GPAIModelVersion.objects.get(model__name="Nimbus Large", version="3.0")
    training_summary_save(
        actor=actor,
        model_version=large,
        content={
            "modalities": ["text", "image", "audio"],
            "size_text": "10-20 trillion tokens",
            "size_image": "1-5 billion images",
            "size_audio": "1-5 million hours",
            "data_cutoff": "2025-12-31",
            "public_datasets_used": True,
            "public_datasets_description": "Common Crawl derivatives, Wikipedia, arXiv.",
            "licensed_data_used": True,
            "licensed_data_description": "News and book archives licensed from publishers.",
            "crawled_data_used": True,
            "crawled_data_description": "Public web pages crawled by NimbusBot.",
            "crawlers": [CRAWLER],
            "crawl_period_start": "2024-01-01",
            "crawl_period_end": "2025-12-31",
            "top_domains": ["wikipedia.org", "github.com", "stackexchange.com"],
            "synthetic_data_used": True,
            "synthetic_data_description": "Maths and code problems generated by Nimbus Large 2.",
            "opt_out_measures": "robots.txt (RFC 9309) and TDMRep honoured at crawl time; "
            "reservations found later are removed from the next training run.",
            "illegal_content_measures": "CSAM hash matching and classifiers for illegal content.",
        },
    )
