"""General-purpose AI models (Chapter V) and their versions with the Code of Practice Model
Documentation Form (ai-act.md 8.2): the main items as columns, the rest in ``documentation``
validated against ``registry.workspace.mdf.MDF_FIELDS``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class GPAIModel(WorkspaceModel):
    name = models.CharField(_("model name"), max_length=200, unique=True)
    model_family = models.CharField(_("collection or family"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Art 51(1)(b), Art 52(4): designation by the Commission, whatever the compute.
    commission_designated_systemic_risk = models.BooleanField(default=False)
    designated_on = models.DateField(null=True, blank=True)
    # True when any version has systemic risk; kept by the version services.
    systemic_risk = models.BooleanField(default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("GPAI model")

    def __str__(self) -> str:
        return self.name


class GPAIModelVersion(WorkspaceModel):
    model = models.ForeignKey(GPAIModel, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=50)
    # MDF header.
    documentation_version = models.CharField(_("MDF document version"), max_length=50, blank=True)
    documentation_updated_on = models.DateField(_("MDF last updated"), null=True, blank=True)
    # MDF 1 / Annex XI 1(c).
    release_date = models.DateField(_("first release"), null=True, blank=True)
    union_release_date = models.DateField(_("Union market release"), null=True, blank=True)
    # MDF 2 / Annex XI 1(d)-(e).
    architecture = models.TextField(_("architecture (about 20 words)"), blank=True)
    parameter_count = models.PositiveBigIntegerField(null=True, blank=True)
    parameter_range = models.CharField(
        max_length=16, choices=choices.ParameterRange.choices, blank=True
    )
    input_modalities = ArrayField(
        models.CharField(max_length=8, choices=choices.Modality.choices), default=list, blank=True
    )
    output_modalities = ArrayField(
        models.CharField(max_length=8, choices=choices.Modality.choices), default=list, blank=True
    )
    # MDF 3 / Annex XI 1(c), 1(f).
    distribution_channels = ArrayField(
        models.CharField(max_length=32, choices=choices.DistributionChannel.choices),
        default=list,
        blank=True,
    )
    licence = models.CharField(_("licence (type or link)"), max_length=300, blank=True)
    # Art 53(2): the open-source exemption; never for systemic-risk models.
    open_source = models.BooleanField(_("free and open-source release"), default=False)
    monetised = models.BooleanField(default=False)
    # MDF 7 / Annex XI 2(d): cumulative training compute in FLOP (Art 51(2) presumption).
    training_compute_flops = models.FloatField(null=True, blank=True)
    training_time = models.CharField(
        max_length=16, choices=choices.TrainingTime.choices, blank=True
    )
    # MDF 8 / Annex XI 2(e).
    training_energy_mwh = models.FloatField(null=True, blank=True)
    # The other MDF items, keyed by MDF_FIELDS keys.
    documentation = models.JSONField(default=dict, blank=True)

    # Derived by registry.rules.classify when the version is saved: never hand-entered.
    risk_tier = models.CharField(max_length=32, choices=choices.RiskTier.choices, blank=True)
    systemic_risk = models.BooleanField(default=False)
    classification = models.JSONField(null=True, blank=True)
    # Art 52(1): notify within two weeks of meeting the threshold or knowing it will be met.
    threshold_known_on = models.DateField(null=True, blank=True)
    art52_notification_due = models.DateField(null=True, blank=True)
    art52_notified_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["model__name", "-release_date", "-id"]
        verbose_name = _("GPAI model version")
        constraints = [
            models.UniqueConstraint(fields=["model", "version"], name="unique_model_version")
        ]

    def __str__(self) -> str:
        return f"{self.model.name} {self.version}"
