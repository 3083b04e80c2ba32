"""Forms of the AI-system pages: the list filter and the Annex VIII edit form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import connection, models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from registry import labels, rules
from registry.workspace.models import AISystem, Evidence
from registry.workspace.selectors.registration import PROVIDER_ROLES, organisation_party


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


def group_key(group: dict[str, Any]) -> str:
    """A group's part of the URL of its own page: the item code (``a4``) or its role."""
    if group["code"]:
        return str(group["code"]).lower()
    return "conditions" if group["title"] == CONDITIONS_TITLE else "other"


def field_group_key(system: AISystem, field: str) -> str | None:
    """The key of the group (the page of the task list) where ``field`` is edited."""
    for group in field_groups(system):
        if field in group["fields"] or field == group["code"]:
            return group_key(group)
    return None


# Annex VIII "name, address and contact details" of the provider (A1, B1) and of the deployer
# (C1): blank ones are filed from the organisation's profile (selectors.registration), so the form
# shows them filled from there, to keep or to change.
_PARTY_FIELDS = {"provider": PROVIDER_ROLES, "deployer": None}


def _profile_prefill(system: AISystem, names: list[str]) -> dict[str, Any]:
    organisation = getattr(connection, "tenant", None)
    if organisation is None or not hasattr(organisation, "legal_name"):
        return {}
    party = organisation_party(organisation)
    prefill = {}
    for prefix, roles in _PARTY_FIELDS.items():
        if roles is not None and system.role not in roles:
            continue
        for part, value in party.items():
            name = f"{prefix}_{part}"
            if name in names and not (getattr(system, name, "") or "").strip() and value:
                prefill[name] = value
    return prefill


def _formfield(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class SystemForm(forms.Form):
    """The Annex VIII fields of one system (role and Annex III area come from the wizard)."""

    def __init__(
        self, *args: Any, system: AISystem, only: str | None = None, **kwargs: Any
    ) -> None:
        """``only``: the key of one group (one page of the task list); all groups otherwise."""
        self.groups = [g for g in field_groups(system) if only is None or group_key(g) == only]
        names = [name for group in self.groups for name in group["fields"]]
        self.prefilled = _profile_prefill(system, names)
        kwargs.setdefault("initial", {**model_to_dict(system, fields=names), **self.prefilled})
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
                field = forms.ChoiceField(
                    choices=labels.choices(labels.FIELD_VALUE[name], blank=_("Not given")),
                    required=False,
                )
            elif name in EVIDENCE_FIELDS:
                field = forms.ModelChoiceField(
                    queryset=Evidence.objects.only("id", "uid", "title", "original_filename"),
                    required=False,
                    empty_label=_("No file"),
                )
            elif name == "certificate_expiry_date":
                field.widget = forms.DateInput(attrs={"type": "date"})
            field.label = labels.FIELD[name]
            field.help_text = (
                _("Filled in from your organisation's profile; change it if it differs.")
                if name in self.prefilled
                else ""
            )
            if name not in ("trade_name",):
                field.required = False
            self.fields[name] = field
        for group in self.groups:
            group["bound"] = [self[name] for name in group["fields"]]

    def changes(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
