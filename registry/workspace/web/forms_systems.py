"""Forms of the AI-system pages: the list filter and the Annex VIII edit form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from registry import rules
from registry.workspace.models import AISystem, Evidence
from registry.workspace.web import labels


class SystemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    risk_tier = forms.ChoiceField(
        label=_("Risk tier"),
        required=False,
        choices=labels.choices(labels.RISK_TIER, blank=_("Any")),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=labels.choices(labels.ROLE, blank=_("Any"))
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=labels.choices(labels.SYSTEM_STATUS, blank=_("Any")),
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "risk_tier": data["risk_tier"],
            "role": data["role"],
            "status": data["status"],
        }


# Labels of the system's fields on the pages (the Annex VIII wording; the item is the heading).
FIELD_LABELS: dict[str, Any] = {
    "provider_name": _("Name"),
    "provider_address": _("Address"),
    "provider_contact_details": _("Contact details"),
    "submitter_name": _("Name"),
    "submitter_address": _("Address"),
    "submitter_contact_details": _("Contact details"),
    "authorised_representative_name": _("Name"),
    "authorised_representative_address": _("Address"),
    "authorised_representative_contact_details": _("Contact details"),
    "deployer_name": _("Name"),
    "deployer_address": _("Address"),
    "deployer_contact_details": _("Contact details"),
    "trade_name": _("Trade name"),
    "system_reference": _("Unambiguous reference (version, model, identifier)"),
    "intended_purpose": _("Intended purpose"),
    "components_and_functions": _("Components and functions"),
    "data_and_logic_description": _("Data and operating logic"),
    "status": _("Status"),
    "certificate_type": _("Certificate type"),
    "certificate_number": _("Certificate number"),
    "certificate_expiry_date": _("Certificate expiry date"),
    "notified_body_name": _("Notified body name"),
    "notified_body_number": _("Notified body identification number"),
    "certificate_scan": _("Scanned certificate"),
    "member_states": _("Member States"),
    "declaration_of_conformity": _("EU declaration of conformity (Art 47)"),
    "instructions_for_use": _("Electronic instructions for use"),
    "additional_information_url": _("URL for additional information"),
    "art6_3_conditions": _("Art 6(3) conditions relied on"),
    "art6_3_grounds_summary": _("Summary of the grounds"),
    "provider_entry_url": _("URL of the provider's EU-database entry"),
    "provider_registration_number": _("Provider's EU-database registration number"),
    "fria_summary": _("FRIA summary (Art 27)"),
    "dpia_summary": _("DPIA summary (GDPR Art 35)"),
    "submitted_on_behalf": _("Submitted by another person on the provider's behalf"),
    "provider_established_in_eu": _("Provider established in the EU"),
    "conformity_assessment_route": _("Conformity-assessment route (Art 43)"),
    "dpia_required": _("A data protection impact assessment is required"),
    "internal_notes": _("Internal notes (never filed)"),
}
EVIDENCE_FIELDS = ("certificate_scan", "declaration_of_conformity", "instructions_for_use")
CONDITIONS_TITLE = _("Conditions of the registration")
NOTES_TITLE = _("Other")


def sections_of(system: AISystem) -> list[str]:
    """The Annex VIII sections a system's pages show: its own, or all while unclassified."""
    return [system.registration_section] if system.registration_section else ["A", "B", "C"]


def field_groups(system: AISystem) -> list[dict[str, Any]]:
    """Annex VIII items of the system's sections, then the conditions and notes."""
    groups: list[dict[str, Any]] = []
    seen: set[str] = set()
    for section in sections_of(system):
        for item in rules.items_for(section):
            names = [n for n in item.fields if n not in seen]
            seen.update(names)
            if names:
                groups.append(
                    {
                        "code": item.code,
                        "title": labels.ANNEX_VIII_ITEM[item.code],
                        "section": section,
                        "fields": names,
                    }
                )
    conditions = [n for n in rules.CONDITION_FIELDS if n not in seen]
    groups.append({"code": "", "title": CONDITIONS_TITLE, "fields": conditions})
    other = ["internal_notes"] + (
        ["provider_registration_number"] if "provider_entry_url" in seen else []
    )
    groups.append({"code": "", "title": NOTES_TITLE, "fields": other})
    return groups


def _formfield(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class SystemForm(forms.Form):
    """The Annex VIII fields of one system (role and Annex III area come from the wizard)."""

    def __init__(self, *args: Any, system: AISystem, **kwargs: Any) -> None:
        self.groups = field_groups(system)
        names = [name for group in self.groups for name in group["fields"]]
        kwargs.setdefault("initial", model_to_dict(system, fields=names))
        super().__init__(*args, **kwargs)
        generated = fields_for_model(AISystem, fields=names, formfield_callback=_formfield)
        for name in names:
            field = generated[name]
            if name == "member_states":
                field = forms.MultipleChoiceField(
                    choices=labels.member_state_choices(),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            elif name == "art6_3_conditions":
                field = forms.MultipleChoiceField(
                    choices=labels.choices(labels.ART63_CONDITION),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            elif name in ("status", "certificate_type", "conformity_assessment_route"):
                mapping = {
                    "status": labels.SYSTEM_STATUS,
                    "certificate_type": labels.CERTIFICATE_TYPE,
                    "conformity_assessment_route": labels.CONFORMITY_ROUTE,
                }[name]
                field = forms.ChoiceField(
                    choices=labels.choices(mapping, blank=_("Not given")), required=False
                )
            elif name in EVIDENCE_FIELDS:
                field = forms.ModelChoiceField(
                    queryset=Evidence.objects.only("id", "uid", "title", "original_filename"),
                    required=False,
                    empty_label=_("No file"),
                )
            elif name == "certificate_expiry_date":
                field.widget = forms.DateInput(attrs={"type": "date"})
            field.label = FIELD_LABELS[name]
            field.help_text = ""
            if name not in ("trade_name",):
                field.required = False
            self.fields[name] = field
        for group in self.groups:
            group["bound"] = [self[name] for name in group["fields"]]

    def changes(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
