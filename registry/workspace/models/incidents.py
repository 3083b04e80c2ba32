"""Serious-incident drafts: what an organisation is preparing to report about one incident.

The draft holds the facts as the organisation knows them now. Submitting files them into the
register (``registry.register.services.incidents``) as the next version of the incident's report:
the initial report (Art 73(5): may be incomplete), then follow-ups or intermediate reports, then
the final report (Art 73(6)). The draft stays, linked to the report.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.register.models.incidents import IncidentHarm, IncidentRegime
from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class IncidentDraft(WorkspaceModel):
    regime = models.CharField(_("kind of report"), max_length=8, choices=IncidentRegime.choices)
    system = models.ForeignKey(
        "workspace.AISystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_drafts",
    )
    gpai_model = models.ForeignKey(
        "workspace.GPAIModel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_drafts",
    )
    title = models.CharField(_("short title"), max_length=200)
    # Art 73(1): the authority of the member state where the incident occurred.
    member_state = models.CharField(
        _("member state where it occurred"),
        max_length=2,
        choices=choices.MemberState.choices,
        blank=True,
    )
    harms = ArrayField(
        models.CharField(max_length=32, choices=IncidentHarm.choices),
        verbose_name=_("harm (Art 3(49))"),
        default=list,
    )
    widespread = models.BooleanField(_("widespread infringement (Art 3(61))"), default=False)
    aware_on = models.DateField(_("became aware on"))
    occurred_on = models.DateField(_("occurred on"), null=True, blank=True)
    description = models.TextField(_("what happened"), blank=True)
    causal_link = models.TextField(_("causal link with the AI system"), blank=True)
    affected = models.TextField(_("persons, property or infrastructure affected"), blank=True)
    immediate_actions = models.TextField(_("immediate actions taken"), blank=True)
    # Art 73(6): the investigation, with a risk assessment and the corrective action.
    risk_assessment = models.TextField(_("risk assessment"), blank=True)
    corrective_actions = models.TextField(_("corrective action"), blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    # Art 26(5): a deployer who identifies a serious incident informs the provider first.
    provider_informed_on = models.DateField(
        _("provider informed on (Art 26(5))"), null=True, blank=True
    )
    provider_informed_note = models.TextField(_("how the provider was informed"), blank=True)
    register_report_id = models.UUIDField(null=True, blank=True, db_index=True)
    last_submitted_number = models.PositiveIntegerField(null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="incident_draft_updated_idx")]
        constraints = [
            models.CheckConstraint(
                name="incident_draft_one_subject",
                condition=models.Q(system__isnull=False, gpai_model__isnull=True)
                | models.Q(system__isnull=True, gpai_model__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> object:
        return self.system or self.gpai_model
