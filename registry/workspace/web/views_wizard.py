"""The classification wizard: one step of questions at a time, the result beside them.

Every change posts the whole form to ``wizard_preview`` (htmx), which runs the rules engine on
the answers so far and returns the result fragment; nothing is stored until "Save". Without
JavaScript the same result is rendered on each step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.web_errors import button_post, run_service
from registry import labels, rules
from registry.workspace import explanations, selectors, services
from registry.workspace.models import AISystem
from registry.workspace.web.access import ability_required, found
from registry.workspace.web.forms_wizard import (
    REQUIRED,
    STEPS,
    FactsForm,
    hidden_values,
    initial_from_facts,
    relevant,
    step_is_asked,
)

LAST = len(STEPS) - 1


def classification_view(
    result: dict[str, Any] | None,
    facts: dict[str, Any] | None = None,
    *,
    steps: tuple[rules.ExplanationStep, ...] | None = None,
) -> dict[str, Any] | None:
    """A contract result with translated labels, explanation and obligation titles."""
    if result is None:
        return None
    deadline = result.get("compliance_deadline")
    return {
        **result,
        "compliance_deadline": date.fromisoformat(deadline) if deadline else None,
        "tier_label": labels.RISK_TIER.get(result["risk_tier"], result["risk_tier"]),
        "section_label": labels.SECTION.get(result["registration_section"] or "", ""),
        "visibility_label": labels.VISIBILITY.get(result["registration_visibility"] or "", ""),
        "calendar_label": labels.LEGAL_CALENDAR.get(result.get("calendar") or "", ""),
        "trigger_labels": [
            labels.TRANSPARENCY_TRIGGER.get(t, t) for t in result.get("transparency_triggers") or []
        ],
        # The default calendar's publication details are unverified (ai-act.md section 9).
        "explanation": explanations.localised_explanation(result, facts, steps=steps),
        "titled_obligations": explanations.titled_obligations(result.get("obligations") or []),
        "calendar_unverified": not rules.CALENDARS[result["calendar"]].verified
        if result.get("calendar") in rules.CALENDARS
        else False,
    }


def preview(facts: dict[str, Any]) -> dict[str, Any]:
    """The result of the rules engine for the answers so far, or why there is none."""
    if not facts.get("role"):
        return {"result": None, "problem": None}
    try:
        outcome = rules.classify(facts)
    except rules.FactsError as exc:
        return {
            "result": None,
            "problem": " ".join(explanations.facts_problems(exc, facts).values()),
        }
    return {
        "result": classification_view(outcome.to_dict(), steps=outcome.explanation),
        "problem": None,
    }


def _hidden(form: FactsForm, shown: set[str]) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name in form.fields
        if name not in shown
        for value in hidden_values(form[name].value())
    ]


def _answers(form: FactsForm) -> dict[str, Any]:
    return getattr(form, "cleaned_data", None) or dict(form.initial)


def _move(step: int, direction: int, answers: dict[str, Any]) -> int:
    """The next (or previous) step that asks anything for these answers."""
    target = step + direction
    while 0 <= target <= LAST and not step_is_asked(STEPS[target], answers):
        target += direction
    return min(max(target, 0), LAST) if 0 <= target <= LAST else step


def _first_step_with_errors(form: FactsForm) -> int | None:
    for index, step in enumerate(STEPS):
        if any(name in form.errors for name in step.fields):
            return index
    return None


def _save(request: HttpRequest, form: FactsForm, system: AISystem | None) -> AISystem:
    facts = form.facts()
    # One transaction: a new system is never left without the classification it was made for.
    with transaction.atomic():
        if system is None:
            extra: dict[str, Any] = {}
            if facts.get("art6_3_derogation_claimed") and facts.get("art6_3_condition"):
                extra["art6_3_conditions"] = [facts["art6_3_condition"]]
            system = services.ai_system_create(
                actor=request.user,
                trade_name=form.cleaned_data["trade_name"],
                role=facts["role"],
                provider_established_in_eu=bool(facts.get("provider_established_in_eu")),
                **extra,
            )
        services.system_classify(actor=request.user, system=system, facts=facts)
    return system


def _wizard(request: HttpRequest, system: AISystem | None) -> HttpResponse:
    with_name = system is None
    latest = system.latest_classification if system else None
    status = 200
    if request.method == "POST" and system is not None and request.POST.get("action") == "rerun":
        # The detail page's "re-run the classification": same facts and calendar, today's rules.
        detail = reverse("systems_ui:system_detail", kwargs={"system_id": system.pk})
        return button_post(
            request,
            lambda: services.system_reclassify(actor=request.user, system=system),  # type: ignore[arg-type]  # ability_required: a signed-in User
            back_to=detail,
            success=_("The classification was re-run with the current rules."),
        )
    if request.method == "POST":
        form = FactsForm(request.POST, with_name=with_name)
        form.is_valid()
        try:
            step = min(max(int(request.POST.get("step", 0)), 0), LAST)
        except ValueError:
            step = 0
        action = request.POST.get("action", "next")
        current = set(STEPS[step].fields)
        moving_on = action in ("next", "save")
        step_ok = moving_on and form.require(REQUIRED & current) and not current & set(form.errors)
        if action.startswith("goto-"):
            target = action.removeprefix("goto-")
            step = int(target) if target.isdigit() and int(target) <= LAST else step
        elif action == "back":
            step = _move(step, -1, _answers(form))
        elif action == "next" and step_ok:
            step = _move(step, 1, _answers(form))
        elif action == "save" and step_ok:
            if form.require(REQUIRED) and not form.errors:
                saved = run_service(
                    request,
                    lambda: _save(request, form, system),
                    form=form,
                    aliases={"__all__": "trade_name"},
                    page=lambda _e, status: _wizard_page(
                        request, system, form, _step_with_errors(form, step), status
                    ),
                )
                if isinstance(saved, HttpResponse):
                    return saved
                messages.success(
                    request,
                    _("The classification was saved.")
                    if system
                    else _("The AI system was added and classified."),
                )
                return redirect("systems_ui:system_detail", system_id=saved.pk)
            step = _step_with_errors(form, step)
        if form.errors:
            status = 422
    else:
        initial = initial_from_facts(latest.facts) if latest else {}
        form = FactsForm(initial=initial, with_name=with_name)
        step = 0
    return _wizard_page(request, system, form, step, status)


def _step_with_errors(form: FactsForm, step: int) -> int:
    if not form.errors:
        return step
    first = _first_step_with_errors(form)
    return LAST if first is None else first


def _wizard_page(
    request: HttpRequest, system: AISystem | None, form: FactsForm, step: int, status: int
) -> HttpResponse:
    latest = system.latest_classification if system else None
    facts = form.facts() if form.is_bound else (latest.facts if latest else {})
    action_url = (
        reverse("systems_ui:system_classify", kwargs={"system_id": system.pk})
        if system
        else reverse("systems_ui:wizard")
    )
    answers = _answers(form)
    shown = {name for name in STEPS[step].fields if name in form.fields and relevant(name, answers)}
    context = {
        "form": form,
        "system": system,
        "steps": [(index, s) for index, s in enumerate(STEPS) if step_is_asked(s, answers)],
        "step": step,
        "position": sum(1 for s in STEPS[: step + 1] if step_is_asked(s, answers)),
        "current": STEPS[step],
        "fields": [form[name] for name in STEPS[step].fields if name in shown],
        "hidden": _hidden(form, shown),
        "is_last": step == LAST,
        "action_url": action_url,
        "preview_url": reverse("systems_ui:wizard_preview"),
        **preview(facts),
    }
    return render(request, "workspace/wizard/wizard.html", context, status=status)


@ability_required("system.create")
def wizard(request: HttpRequest) -> HttpResponse:
    return _wizard(request, None)


@ability_required("system.classify")
def system_classify(request: HttpRequest, system_id: int) -> HttpResponse:
    return _wizard(request, found(selectors.ai_system_get(system=system_id)))


@ability_required("system.create")
@require_POST
def wizard_preview(request: HttpRequest) -> HttpResponse:
    form = FactsForm(request.POST, with_name="trade_name" in request.POST)
    form.is_valid()
    return render(request, "workspace/wizard/_result.html", preview(form.facts()))
