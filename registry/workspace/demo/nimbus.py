"""Nimbus Intelligence Inc.: a non-EU provider of GPAI models, one with systemic risk, and its
Code of Practice signatures (Safety and Security signed; the others declined, with history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from portal.accounts.models import User
from registry.workspace import services
from registry.workspace.models import CodeOfPracticeSignatureChange, GPAIModel, GPAIModelVersion


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
    ]
    for step in steps:
        step()
    created.append("nimbus Code of Practice signatures")
