"""Forms of the AI-system pages: the list filter and the Annex VIII edit form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from registry import labels, rules
from registry.workspace.models import AISystem, Evidence


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
            field.help_text = ""
            if name not in ("trade_name",):
                field.required = False
            self.fields[name] = field
        for group in self.groups:
            group["bound"] = [self[name] for name in group["fields"]]

    def changes(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
