"""AI-system pages: the list, the detail with its Annex VIII items and records, the edit form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.pagination import form_params, list_controls, paginate
from portal.web_errors import run_service
from registry import labels, rules
from registry.workspace import selectors, services
from registry.workspace.dates import date_warnings
from registry.workspace.models import AISystem
from registry.workspace.selectors.incidents import incident_clocks_open
from registry.workspace.web.access import ability_required, found
from registry.workspace.web.forms_systems import (
    EVIDENCE_FIELDS,
    SystemFilterForm,
    SystemForm,
    field_groups,
    group_key,
    sections_of,
)
from registry.workspace.web.history import object_history
from registry.workspace.web.views_wizard import classification_view


def system_list(request: HttpRequest) -> HttpResponse:
    filters = SystemFilterForm(request.GET or None)
    sorts = selectors.SYSTEM_SORTS
    page = paginate(
        request,
        selectors.ai_system_rows(**filters.filters()),
        sorts=sorts,
        params=form_params(filters),
    )
    # Rows are prepared here, each value once: deadlines are a few legal dates, formatted once
    # per page, not twice per row (bench/list_pages.py).
    detail = reverse("systems_ui:system_detail", kwargs={"system_id": 0}).removesuffix("0/")
    dates: dict[date, tuple[str, str]] = {}
    rows = []
    for system in page.rows:
        deadline = system.compliance_deadline
        if deadline is not None and deadline not in dates:
            dates[deadline] = (deadline.isoformat(), date_format(deadline, "DATE_FORMAT"))
        rows.append(
            {
                "system": system,
                "url": f"{detail}{system.pk}/",
                "tier": labels.RISK_TIER.get(system.risk_tier, labels.UNCLASSIFIED),
                "role": labels.ROLE.get(system.role, system.role),
                "status": labels.SYSTEM_STATUS.get(system.status, ""),
                "deadline": dates.get(deadline) if deadline else None,
            }
        )
    context = {
        "filters": filters,
        "rows": rows,
        **list_controls(page, sorts),
    }
    return render(request, "workspace/systems/list.html", context)


def _display(system: AISystem, name: str) -> Any:
    value = getattr(system, name)
    if name in EVIDENCE_FIELDS:
        return {"evidence": value} if value else ""
    if name == "member_states":
        return ", ".join(str(labels.MEMBER_STATE.get(code, code)) for code in value)
    if name in labels.FIELD_VALUE:
        shown = labels.field_value(name, value)  # codes as their labels
        return "; ".join(shown) if isinstance(shown, list) else shown
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    if isinstance(value, date):
        return value
    return value


def _sections(system: AISystem) -> list[dict[str, Any]]:
    """Annex VIII items of each section the system registers under, with what is missing."""
    out = []
    groups = field_groups(system)
    for section in sections_of(system):
        completeness = selectors.system_completeness(system, section)
        missing = {issue.field for issue in completeness.missing + completeness.invalid}
        withheld = {issue.field for issue in completeness.withheld}
        items = []
        for group in groups:
            if group.get("section") != section:
                continue
            items.append(
                {
                    "code": group["code"],
                    "title": group["title"],
                    "missing": any(name in missing for name in group["fields"]),
                    "withheld": any(name in withheld for name in group["fields"]),
                    "fields": [
                        {
                            "label": labels.FIELD[name],
                            "value": _display(system, name),
                            "missing": name in missing,
                        }
                        for name in group["fields"]
                    ],
                }
            )
        out.append(
            {
                "code": section,
                "title": labels.SECTION[section],
                "complete": completeness.is_complete,
                "missing_count": len(completeness.missing) + len(completeness.invalid),
                "items": items,
            }
        )
    return out


def system_detail(request: HttpRequest, system_id: int) -> HttpResponse:
    system = found(selectors.ai_system_get(system=system_id))
    latest = system.latest_classification
    context = {
        "system": system,
        "role_label": labels.ROLE.get(system.role, system.role),
        "tier_label": labels.RISK_TIER.get(system.risk_tier, labels.UNCLASSIFIED),
        "area_label": labels.ANNEX_III_AREA.get(system.annex_iii_area, ""),
        "section_label": labels.SECTION.get(system.registration_section, ""),
        "visibility_label": labels.VISIBILITY.get(system.registration_visibility, ""),
        "latest": latest,
        "latest_result": classification_view(latest.result, latest.facts) if latest else None,
        "classification_current": selectors.classification_is_current(latest),
        "ruleset_version": rules.RULESET_VERSION,
        "history": [
            (c, labels.RISK_TIER.get(c.risk_tier, c.risk_tier))
            for c in selectors.system_classification_history(system=system)
        ],
        "sections": _sections(system),
        "conditions": [
            {"label": labels.FIELD[name], "value": _display(system, name)}
            for name in ("submitted_on_behalf", "provider_established_in_eu", "dpia_required")
        ]
        + [
            {
                "label": labels.FIELD["conformity_assessment_route"],
                "value": _display(system, "conformity_assessment_route"),
            }
        ],
        "risks": labels.with_labels(
            selectors.risk_record_list(system=system), *labels.RISK_RECORD_CODES
        ),
        "qms_records": selectors.qms_record_list(system=system),
        "evidence": selectors.evidence_list(system=system),
        "changes": object_history(system),
        # Art 73: the clocks of this system's serious incidents still running.
        "incident_clocks": incident_clocks_open(system=system)
        if system.risk_tier == "high_risk"
        else [],
    }
    return render(request, "workspace/systems/detail.html", context)


def _tasks(system: AISystem) -> list[dict[str, Any]]:
    """The Annex VIII form as a task list: each item (and the conditions) with its state."""
    missing: set[str] = set()
    for section in sections_of(system):
        completeness = selectors.system_completeness(system, section)
        missing |= {issue.field for issue in completeness.missing + completeness.invalid}
    tasks = []
    for group in field_groups(system):
        given = any(getattr(system, name, None) not in (None, "", []) for name in group["fields"])
        state = "missing" if any(n in missing for n in group["fields"]) else "done"
        if state == "done" and not given:
            state = "optional"
        tasks.append(
            {
                "key": group_key(group),
                "code": group["code"],
                "title": group["title"],
                "state": state,
                "url": reverse(
                    "systems_ui:system_edit_part",
                    kwargs={"system_id": system.pk, "part": group_key(group)},
                ),
            }
        )
    return tasks


@ability_required("system.change")
def system_edit(request: HttpRequest, system_id: int, part: str | None = None) -> HttpResponse:
    """The Annex VIII details: a task list (``part`` None), one item's page, or every item on one
    page (``part`` "all"). A POST to the task list's address saves the whole form, as before."""
    system = found(selectors.ai_system_get(system=system_id))
    if part is None and request.method != "POST":
        tasks = _tasks(system)
        counted = [t for t in tasks if t["code"]]
        context = {
            "system": system,
            "tasks": tasks,
            "done": sum(1 for t in counted if t["state"] != "missing"),
            "total": len(counted),
        }
        return render(request, "workspace/systems/edit_tasks.html", context)
    only = None if part in (None, "all") else part
    form = SystemForm(request.POST if request.method == "POST" else None, system=system, only=only)
    if only is not None and not form.groups:
        raise Http404("No such part of the form.")

    def page(status: int) -> HttpResponse:
        context = {"system": system, "form": form, "part": only}
        return render(request, "workspace/systems/edit.html", context, status=status)

    if not form.is_bound:
        return page(200)
    if not form.is_valid():
        return page(422)
    saved = run_service(
        request,
        lambda: services.ai_system_update(actor=request.user, system=system, **form.changes()),
        form=form,
        aliases={"__all__": "trade_name"} if "trade_name" in form.fields else None,
        page=lambda _e, status: page(status),
    )
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(request, _("The AI system was saved."))
    for warning in date_warnings(saved):
        messages.warning(request, warning)
    if only is not None:
        url = reverse("systems_ui:system_edit", kwargs={"system_id": system.pk})
        return redirect(f"{url}#task-{only}")
    return redirect("systems_ui:system_detail", system_id=system.pk)
