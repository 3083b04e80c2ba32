"""AI systems, with every Annex VIII item as a field named exactly as in
``registry.rules.annex_viii``, and their classifications (history kept, latest denormalised)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class AISystem(WorkspaceModel):
    role = models.CharField(_("our role"), max_length=32, choices=choices.OperatorRole.choices)
    annex_iii_area = models.CharField(
        _("Annex III area"), max_length=8, choices=choices.AnnexIIIArea.choices, blank=True
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)

    # A1/B1, A2/B2, A3/B3, C1, C2: parties, "name, address and contact details" each time.
    # Blank provider and deployer details fall back to the organisation's own
    # (selectors.registration.system_registration_data).
    provider_name = models.CharField(_("provider name"), max_length=200, blank=True)
    provider_address = models.TextField(_("provider address"), blank=True)
    provider_contact_details = models.TextField(_("provider contact details"), blank=True)
    submitter_name = models.CharField(_("submitter name"), max_length=200, blank=True)
    submitter_address = models.TextField(_("submitter address"), blank=True)
    submitter_contact_details = models.TextField(_("submitter contact details"), blank=True)
    authorised_representative_name = models.CharField(
        _("authorised representative name"), max_length=200, blank=True
    )
    authorised_representative_address = models.TextField(
        _("authorised representative address"), blank=True
    )
    authorised_representative_contact_details = models.TextField(
        _("authorised representative contact details"), blank=True
    )
    deployer_name = models.CharField(_("deployer name"), max_length=200, blank=True)
    deployer_address = models.TextField(_("deployer address"), blank=True)
    deployer_contact_details = models.TextField(_("deployer contact details"), blank=True)

    # A4/B4
    trade_name = models.CharField(_("trade name"), max_length=200)
    system_reference = models.CharField(
        _("unambiguous reference (version, model, identifier)"), max_length=200, blank=True
    )
    # A5/B5
    intended_purpose = models.TextField(_("intended purpose"), blank=True)
    components_and_functions = models.TextField(_("components and functions"), blank=True)
    # A6: withheld from the public part for Art 49(4) registrations.
    data_and_logic_description = models.TextField(_("data and operating logic"), blank=True)
    # A7/B8: blank until the system is placed on the market or put into service.
    status = models.CharField(
        _("status"), max_length=32, choices=choices.SystemStatus.choices, blank=True
    )
    # A8/A9: only for the notified-body routes of Art 43(1).
    certificate_type = models.CharField(
        _("certificate type"), max_length=64, choices=choices.CertificateType.choices, blank=True
    )
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_expiry_date = models.DateField(_("certificate expiry date"), null=True, blank=True)
    notified_body_name = models.CharField(_("notified body name"), max_length=200, blank=True)
    notified_body_number = models.CharField(
        _("notified body identification number"), max_length=4, blank=True
    )
    certificate_scan = models.ForeignKey(
        "workspace.Evidence",
        verbose_name=_("scanned certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A10/B9
    member_states = ArrayField(
        models.CharField(max_length=2, choices=choices.MemberState.choices),
        verbose_name=_("member states"),
        default=list,
        blank=True,
    )
    # A11
    declaration_of_conformity = models.ForeignKey(
        "workspace.Evidence",
        verbose_name=_("EU declaration of conformity (Art 47)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A12: never given for Annex III points 1, 6 and 7 in law enforcement and migration.
    instructions_for_use = models.ForeignKey(
        "workspace.Evidence",
        verbose_name=_("electronic instructions for use"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A13
    additional_information_url = models.URLField(_("URL for additional information"), blank=True)
    # B6/B7: Art 6(3) derogation.
    art6_3_conditions = ArrayField(
        models.CharField(max_length=1, choices=choices.Art63Condition.choices),
        verbose_name=_("Art 6(3) conditions relied on"),
        default=list,
        blank=True,
    )
    art6_3_grounds_summary = models.TextField(_("Art 6(3) grounds summary"), blank=True)
    # C3: the provider's registration of the system this organisation deploys.
    provider_entry_url = models.URLField(_("URL of the provider's EU-database entry"), blank=True)
    provider_registration_number = models.CharField(
        _("provider's EU-database registration number"), max_length=64, blank=True
    )
    # C4/C5
    fria_summary = models.TextField(_("FRIA summary (Art 27)"), blank=True)
    dpia_summary = models.TextField(_("DPIA summary (GDPR Art 35 / LED Art 27)"), blank=True)

    # Condition fields of a registration (facts about the filing, not Annex VIII items).
    submitted_on_behalf = models.BooleanField(
        _("submitted on the provider's behalf"), default=False
    )
    # None: take the organisation's own establishment (Art 22 needs a representative if not).
    provider_established_in_eu = models.BooleanField(
        _("provider established in the EU"), null=True, blank=True
    )
    conformity_assessment_route = models.CharField(
        _("conformity-assessment route (Art 43)"),
        max_length=32,
        choices=choices.ConformityRoute.choices,
        blank=True,
    )
    dpia_required = models.BooleanField(_("a DPIA is required"), default=False)

    # The latest classification, denormalised for cheap filtering and listing.
    latest_classification = models.ForeignKey(
        "workspace.Classification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    risk_tier = models.CharField(
        _("risk tier"), max_length=32, choices=choices.RiskTier.choices, blank=True, db_index=True
    )
    registration_section = models.CharField(
        max_length=1, choices=choices.RegistrationSection.choices, blank=True
    )
    registration_visibility = models.CharField(
        max_length=20, choices=choices.RegistrationVisibility.choices, blank=True
    )
    compliance_deadline = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["trade_name", "id"]
        verbose_name = _("AI system")
        # One index per sort of the systems list (keyset pagination seeks in it). The trigram
        # indexes of its substring search are in migration workspace/0003 (SQL).
        indexes = [
            models.Index(fields=["trade_name", "id"], name="system_name_idx"),
            models.Index(fields=["updated_at", "id"], name="system_updated_idx"),
            models.Index(fields=["risk_tier", "trade_name", "id"], name="system_tier_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["trade_name", "system_reference"], name="unique_system_name_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trade_name} {self.system_reference}".strip()


class Classification(WorkspaceModel):
    """One run of ``registry.rules.classify`` for a system. Rows are never changed: a
    re-classification adds a row, and the system points at the newest."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="classifications")
    facts = models.JSONField(help_text=_("Normalised facts, every key present."))
    result = models.JSONField(help_text=_("Classification.to_dict(), the contract JSON."))
    risk_tier = models.CharField(max_length=32, choices=choices.RiskTier.choices)
    calendar = models.CharField(max_length=32, choices=choices.LegalCalendarName.choices)
    ruleset_version = models.CharField(max_length=32)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    classified_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-classified_at", "-id"]
        get_latest_by = ["classified_at", "id"]

    def __str__(self) -> str:
        return f"{self.system} → {self.risk_tier} ({self.classified_at:%Y-%m-%d})"
