"""Reads of the copyright policy and the training-content summaries (Art 53(1)(c)-(d))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django_tenants.utils import schema_context

from portal.tenancy.models import Organisation
from registry.workspace.models import (
    CopyrightPolicyMeasure,
    CopyrightPolicyVersion,
    GPAIModelVersion,
    TrainingContentSummary,
)


@dataclass(frozen=True)
class CurrentCopyrightPolicy:
    """The policy in force, as plain values: it can be read outside the organisation's schema
    (rights-holder requests are written on the public host; Measure 1.5)."""

    number: int
    adopted_at: datetime
    point_of_contact: str
    complaint_mechanism: str
    complaint_response_days: int
    crawler_user_agents: tuple[str, ...]


def _current() -> CopyrightPolicyVersion | None:
    return CopyrightPolicyVersion.objects.order_by("-number").first()


def copyright_policy_current(organisation: Organisation) -> CurrentCopyrightPolicy | None:
    """The organisation's copyright policy in force (its newest version), or None when it has
    none. Reads the organisation's schema whichever schema is active."""
    if getattr(connection, "schema_name", None) == organisation.schema_name:
        policy = _current()
    else:
        with schema_context(organisation.schema_name):
            policy = _current()
    if policy is None:
        return None
    return CurrentCopyrightPolicy(
        number=policy.number,
        adopted_at=policy.created_at,
        point_of_contact=policy.point_of_contact,
        complaint_mechanism=policy.complaint_mechanism,
        complaint_response_days=policy.complaint_response_days,
        crawler_user_agents=tuple(policy.crawler_user_agents),
    )


def copyright_policy_public_facts() -> dict[str, Any] | None:
    """What the Code asks a signatory to publish of its policy (Measures 1.1, 1.3, 1.5), as the
    declaration files it: that there is one, its crawlers and where to complain."""
    policy = _current()
    if policy is None:
        return None
    return {
        "version": policy.number,
        "adopted_on": policy.created_at.date().isoformat(),
        "crawler_user_agents": list(policy.crawler_user_agents),
        "point_of_contact": policy.point_of_contact,
        "complaint_mechanism": policy.complaint_mechanism,
    }


def _with_measures(queryset: QuerySet[CopyrightPolicyVersion]) -> QuerySet[CopyrightPolicyVersion]:
    return queryset.select_related("created_by").prefetch_related(
        Prefetch(
            "measures",
            queryset=CopyrightPolicyMeasure.objects.prefetch_related("evidence").order_by("id"),
        )
    )


def copyright_policy_versions() -> QuerySet[CopyrightPolicyVersion]:
    """Every saved version, newest first: the history page (three queries, whatever the count)."""
    return _with_measures(CopyrightPolicyVersion.objects.order_by("-number"))


def copyright_policy_version(number: int) -> CopyrightPolicyVersion | None:
    return _with_measures(CopyrightPolicyVersion.objects.filter(number=number)).first()


def training_summary_for(version: GPAIModelVersion) -> TrainingContentSummary | None:
    return TrainingContentSummary.objects.filter(model_version=version).first()
