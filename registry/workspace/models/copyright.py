"""GPAI copyright and transparency (Art 53(1)(c)-(d)): the organisation's copyright policy, kept
as append-only versions with the Code of Practice's measures as a checklist (Copyright chapter,
Measures 1.1-1.5), and the public summary of each model version's training content, which is
filed into the register (``FilingKind.GPAI_TRAINING_SUMMARY``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class PolicyVersionImmutable(Exception):
    """A saved version of the copyright policy is never changed: save a new one."""


class CopyrightPolicyVersion(WorkspaceModel):
    """One adopted version of the copyright policy (Code, Copyright chapter, Measure 1.1: draw
    up, keep up to date and implement). The newest number is the policy in force."""

    number = models.PositiveIntegerField(unique=True)
    summary = models.TextField(_("summary of the policy"), blank=True)
    # Measure 1.3: the crawlers' names (user agents), published so that rights holders can
    # address them in robots.txt.
    crawler_user_agents = ArrayField(
        models.CharField(max_length=200), default=list, blank=True, verbose_name=_("crawlers")
    )
    # Measure 1.5: a point of contact and a mechanism for electronic complaints.
    point_of_contact = models.CharField(_("point of contact"), max_length=254)
    complaint_mechanism = models.CharField(_("complaint mechanism"), max_length=500)
    # How many days the provider gives itself to answer a rights holder's complaint.
    complaint_response_days = models.PositiveSmallIntegerField(
        _("response time in days"), default=30
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_by_label = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("copyright policy version")

    def __str__(self) -> str:
        return f"Copyright policy v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PolicyVersionImmutable("A saved policy version cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PolicyVersionImmutable("A saved policy version cannot be deleted.")


class CopyrightPolicyMeasure(WorkspaceModel):
    """One checklist line of a policy version: a measure, its status, what the provider does and
    the evidence for it (the organisation's evidence files)."""

    policy = models.ForeignKey(
        CopyrightPolicyVersion, on_delete=models.PROTECT, related_name="measures"
    )
    measure = models.CharField(max_length=32, choices=choices.CopyrightMeasure.choices)
    status = models.CharField(max_length=16, choices=choices.MeasureStatus.choices)
    text = models.TextField(_("how the measure is implemented"), blank=True)
    evidence = models.ManyToManyField(
        "workspace.Evidence", related_name="copyright_measures", blank=True
    )

    class Meta:
        ordering = ["policy", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "measure"], name="one_measure_per_policy")
        ]

    def __str__(self) -> str:
        return f"{self.policy} {self.measure}"


class TrainingContentSummary(WorkspaceModel):
    """The public summary of a model version's training content (Art 53(1)(d)), on the AI
    Office's template; ``content`` is validated against ``registry.workspace.training_summary``.
    What is published are its filed versions in the register."""

    model_version = models.OneToOneField(
        "workspace.GPAIModelVersion", on_delete=models.CASCADE, related_name="training_summary"
    )
    content = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("training-content summary")

    def __str__(self) -> str:
        return f"Training-content summary of {self.model_version}"
