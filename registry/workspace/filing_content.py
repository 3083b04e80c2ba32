"""What a filing says: the checklist of a draft and the items of its snapshot, per kind.

One function per kind builds the registration items (code, title, citation, fields, withheld);
the checklist and the snapshot (``filing_snapshot``) both come from it, so what the organisation
is told is missing is exactly what submit refuses over, and what it is told is left out is left
out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils.translation import gettext as _

from portal.tenancy.models import Organisation
from registry import rules
from registry.register.admissibility import EVIDENCE_NOT_OF_SUBJECT
from registry.workspace import mdf
from registry.workspace.filing_gate import (
    SYSTEM_EVIDENCE_FIELDS,
    Obstacle,
    evidence_obstacles,
    kind_obstacles,
)
from registry.workspace.models import (
    AISystem,
    CodeOfPracticeSignature,
    Evidence,
    GPAIModelVersion,
)
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.selectors.registration import system_registration_data

PUBLIC_FILING_PATH = "/register/{filing_id}/"

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def kept_49_4(section: str | None) -> str:
    """The points of ``section`` an Art 49(4) registration holds, as ranges: "A1–A5, A7, A10"."""
    if section is None:
        return ""
    numbers = [int(i.code[1:]) for i in rules.items_for(section) if not i.withheld_49_4]
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        f"{section}{run[0]}" if len(run) == 1 else f"{section}{run[0]}–{section}{run[-1]}"
        for run in runs
    )


@dataclass
class Missing:
    code: str
    title: str
    field: str
    message: StrOrPromise


@dataclass
class Content:
    section: str | None
    items: list[dict[str, Any]]
    missing: list[Missing] = field(default_factory=list)
    restricted: bool = False
    # Art 49(4): the items a restricted registration leaves out (code, title, citation, fields,
    # reason), and the points it keeps ("A1–A5, A7, A10").
    excluded: list[dict[str, str]] = field(default_factory=list)
    kept_codes: str = ""
    # Evidence ids of the items left out: never filed, even when the draft cites them itself.
    left_out_files: set[int] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    member_states: list[str] = field(default_factory=list)
    annex_iii_area: str = ""
    risk_tier: str = ""
    classification: dict[str, Any] | None = None
    subject: dict[str, str] = field(default_factory=dict)
    # What stops this draft being filed at all (filing_gate); also listed in `missing`.
    obstacles: list[Obstacle] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def _annex_viii(draft: FilingDraft, organisation: Organisation) -> Content:
    system: AISystem | None = draft.system
    section = draft.section
    if system is None:
        return Content(
            section=section,
            items=[],
            missing=[
                Missing(
                    "subject",
                    "AI system",
                    "system",
                    _("Choose the AI system this filing is about."),
                )
            ],
        )
    data = system_registration_data(system, section, organisation=organisation)
    missing: list[Missing] = []
    if section == "C" and draft.provider_filing_id and not data.get("provider_entry_url"):
        from portal.context_processors import portal_url

        data["provider_entry_url"] = portal_url(
            None, PUBLIC_FILING_PATH.format(filing_id=draft.provider_filing_id)
        )
    restricted = system.registration_visibility == rules.RegistrationVisibility.RESTRICTED_49_4
    check = rules.check_completeness(section, data, restricted=restricted)
    for issue in check.missing:
        missing.append(Missing(issue.code, issue.title, issue.field, _missing_message(issue)))
    for issue in check.invalid:
        message = _("%(field)s holds a value it cannot take (%(problem)s).") % {
            "field": _field_label(issue.field),
            "problem": issue.message,
        }
        missing.append(Missing(issue.code, issue.title, issue.field, message))
    for issue in check.forbidden:
        message = _(
            "%(field)s is not given in a registration in the secure non-public section "
            "(Art 49(4), Annex VIII A12)."
        ) % {"field": _field_label(issue.field)}
        missing.append(Missing(issue.code, issue.title, issue.field, message))
    if system.latest_classification_id is None:
        missing.append(
            Missing(
                "classification",
                "Classification",
                "classification",
                _("Classify the system before filing it."),
            )
        )
    items, excluded, evidence, left_out_files = [], [], [], []
    kept = kept_49_4(section)
    for item in rules.items_for(section):
        # Art 49(4): the secure section holds a reduced set of items; the others are not filed
        # at all (their item stays, empty and marked, as the samples and the PDF show it).
        left_out = restricted and item.withheld_49_4
        items.append(
            {
                "code": item.code,
                "title": item.title,
                "citation": item.citation,
                "fields": {name: None if left_out else data.get(name) for name in item.fields},
                "withheld_from_public": left_out,
            }
        )
        files = [getattr(system, name) for name in item.fields if name in SYSTEM_EVIDENCE_FIELDS]
        if left_out:
            excluded.append(
                {
                    "code": item.code,
                    "title": item.title,
                    "citation": item.citation,
                    "reason": _(
                        "Art 49(4): a registration in the secure non-public section holds "
                        "%(kept)s only."
                    )
                    % {"kept": kept},
                }
            )
            left_out_files += [f.pk for f in files if f is not None]
        else:
            evidence += files
    classification = system.latest_classification.result if system.latest_classification else None
    return Content(
        section=section,
        items=items,
        missing=missing,
        restricted=restricted,
        excluded=excluded,
        kept_codes=kept if restricted else "",
        evidence=[e for e in evidence if e is not None],
        left_out_files=set(left_out_files),
        member_states=list(system.member_states),
        annex_iii_area=system.annex_iii_area,
        risk_tier=system.risk_tier,
        classification=classification,
        subject={"type": "ai_system", "id": str(system.uid), "name": str(system)},
    )


def _field_label(name: str) -> str:
    # The workspace's translated wording of a registration field (the labels of its forms).
    from registry.workspace.web.diff import field_label

    return field_label(name)


def _mdf_label(spec: mdf.MDFField) -> str:
    from registry.workspace.web.forms_gpai import MDF_LABELS

    return str(MDF_LABELS.get(spec.key, spec.title))


def _missing_message(issue: rules.FieldIssue) -> str:
    """A missing Annex VIII field in the reader's language: the rules say "required" or "one of
    <fields> is required" (registry.rules.annex_viii.check_completeness)."""
    if issue.message == "required":
        return _("%(field)s is missing.") % {"field": _field_label(issue.field)}
    names = issue.message.removeprefix("one of ").removesuffix(" is required").split(", ")
    return _("One of these is needed: %(fields)s.") % {
        "fields": ", ".join(_field_label(name) for name in names)
    }


def _require(fields: dict[str, Any], titles: dict[str, str], code: str) -> list[Missing]:
    return [
        Missing(code, titles[name], name, _("%(field)s is missing.") % {"field": titles[name]})
        for name, value in fields.items()
        if value in (None, "", [], {})
    ]


def _gpai_notification(draft: FilingDraft, organisation: Organisation) -> Content:
    version: GPAIModelVersion | None = draft.gpai_model_version
    if version is None:
        return Content(
            section=None,
            items=[],
            missing=[
                Missing(
                    "subject", "Model version", "gpai_model_version", _("Choose the model version.")
                )
            ],
        )
    model = version.model
    fields = {
        "model_name": model.name,
        "model_version": version.version,
        "training_compute_flops": version.training_compute_flops,
        "threshold_known_on": version.threshold_known_on.isoformat()
        if version.threshold_known_on
        else None,
        "commission_designated_systemic_risk": model.commission_designated_systemic_risk,
    }
    titles = {
        "model_name": _("Model name"),
        "model_version": _("Model version"),
        "training_compute_flops": _("Cumulative training compute (FLOP)"),
        "threshold_known_on": _("Date the Art 51(2) threshold was met or known"),
    }
    missing = _require(
        {k: v for k, v in fields.items() if k != "commission_designated_systemic_risk"},
        titles,
        "N1",
    )
    items = [
        {
            "code": "N1",
            "title": "Notification of a model meeting the Art 51(2) threshold",
            "citation": "Art 52(1)",
            "fields": fields,
            "withheld_from_public": False,
        }
    ]
    return Content(
        section=None,
        items=items,
        missing=missing,
        evidence=list(model.evidence.all()),
        risk_tier=version.risk_tier,
        classification=version.classification,
        subject={
            "type": "gpai_model",
            "id": str(version.uid),
            "name": f"{model.name} {version.version}",
        },
    )


def _gpai_documentation(draft: FilingDraft, organisation: Organisation) -> Content:
    version = draft.gpai_model_version
    if version is None:
        return Content(
            section=None,
            items=[],
            missing=[
                Missing(
                    "subject", "Model version", "gpai_model_version", _("Choose the model version.")
                )
            ],
        )
    items, missing = [], []
    for section in sorted({f.section for f in mdf.MDF_FIELDS}):
        fields = {}
        for spec in (f for f in mdf.MDF_FIELDS if f.section == section):
            value = (
                getattr(version, spec.key) if spec.column else version.documentation.get(spec.key)
            )
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            fields[spec.key] = value
            if value in (None, "", [], {}):
                missing.append(
                    Missing(
                        f"MDF{section}",
                        spec.title,
                        spec.key,
                        _("%(field)s is required by the Model Documentation Form.")
                        % {"field": _mdf_label(spec)},
                    )
                )
        items.append(
            {
                "code": f"MDF{section}",
                "title": MDF_SECTION_TITLES[section],
                "citation": "Annex XI; Code of Practice, Transparency, Measure 1.1",
                "fields": fields,
                "withheld_from_public": False,
            }
        )
    return Content(
        section=None,
        items=items,
        missing=missing,
        evidence=list(version.model.evidence.all()),
        risk_tier=version.risk_tier,
        classification=version.classification,
        subject={
            "type": "gpai_model",
            "id": str(version.uid),
            "name": f"{version.model.name} {version.version}",
        },
    )


MDF_SECTION_TITLES = {
    0: "Document",
    1: "General information",
    2: "Model properties",
    3: "Methods of distribution and licences",
    4: "Use",
    5: "Training process",
    6: "Data used for training, testing and validation",
    7: "Computational resources",
    8: "Energy consumption",
}


def _cop_declaration(draft: FilingDraft, organisation: Organisation) -> Content:
    items, missing, evidence = [], [], []
    from registry.workspace.selectors.copyright import copyright_policy_public_facts

    signatures = list(
        CodeOfPracticeSignature.objects.prefetch_related("models_covered", "alternative_evidence")
    )
    policy = copyright_policy_public_facts()
    if not signatures:
        missing.append(
            Missing("CoP", "Chapters", "chapters", _("Record the status of at least one chapter."))
        )
    for signature in signatures:
        fields: dict[str, Any] = {
            "status": signature.status,
            "status_date": signature.status_date.isoformat() if signature.status_date else None,
            "signatory_name": signature.signatory_name,
            "signatory_authority": signature.signatory_authority,
            "public_statement_url": signature.public_statement_url,
            "models_covered": sorted(m.name for m in signature.models_covered.all()),
        }
        if signature.status == "signed" and signature.chapter == "copyright":
            # Code, Copyright chapter, Measures 1.1, 1.3, 1.5: the signatory's copyright policy,
            # with what the Code asks to publish (its crawlers and where to complain).
            fields["copyright_policy"] = policy
            if policy is None:
                missing.append(
                    Missing(
                        "CoP-copyright",
                        "Copyright policy",
                        "copyright_policy",
                        _(
                            "Adopt a copyright policy before declaring the Copyright chapter signed."
                        ),
                    )
                )
        elif signature.status != "signed":
            # Art 53(4), 55(2): without the Code, compliance is shown by other adequate means.
            fields["alternative_means"] = signature.alternative_means
            cited = list(signature.alternative_evidence.all())
            fields["alternative_evidence"] = sorted(e.title for e in cited)
            evidence += cited  # for the AI Office; the public part names the titles only
        if signature.status == "signed":
            missing += _require(
                {k: fields[k] for k in ("status_date", "signatory_name", "signatory_authority")},
                {
                    "status_date": "Date of signature",
                    "signatory_name": "Signatory's name",
                    "signatory_authority": "Signatory's authority to sign",
                },
                f"CoP-{signature.chapter}",
            )
        items.append(
            {
                "code": f"CoP-{signature.chapter}",
                "title": signature.get_chapter_display(),
                "citation": "Art 56; General-Purpose AI Code of Practice (10 July 2025)",
                "fields": fields,
                "withheld_from_public": False,
            }
        )
    return Content(
        section=None,
        items=items,
        missing=missing,
        evidence=evidence,
        subject={"type": "organisation", "id": organisation.slug, "name": organisation.legal_name},
    )


def _training_summary(draft: FilingDraft, organisation: Organisation) -> Content:
    from registry.workspace.models import TrainingContentSummary
    from registry.workspace.training_summary import clean_content, summary_items

    version = draft.gpai_model_version
    if version is None:
        return Content(
            section=None,
            items=[],
            missing=[
                Missing(
                    "subject", "Model version", "gpai_model_version", _("Choose the model version.")
                )
            ],
        )
    summary = TrainingContentSummary.objects.filter(model_version=version).first()
    missing = []
    content: dict[str, Any] = {}
    if summary is None:
        missing.append(
            Missing(
                "T1",
                "Training-content summary",
                "training_summary",
                _("Write the summary of training content of this model version first."),
            )
        )
    else:
        content, errors = clean_content(summary.content)
        missing += [
            Missing("T", name, name, " ".join(str(m) for m in messages))
            for name, messages in errors.items()
        ]
    return Content(
        section=None,
        items=summary_items(
            content,
            provider=organisation.legal_name,
            model=version.model.name,
            version=version.version,
        )
        if summary is not None
        else [],
        missing=missing,
        risk_tier=version.risk_tier,
        classification=version.classification,
        subject={
            "type": "gpai_model",
            "id": str(version.uid),
            "name": f"{version.model.name} {version.version}",
        },
    )


BUILDERS = {
    "annex_viii_a": _annex_viii,
    "annex_viii_b": _annex_viii,
    "annex_viii_c": _annex_viii,
    "gpai_art52_notification": _gpai_notification,
    "gpai_model_documentation": _gpai_documentation,
    "gpai_training_summary": _training_summary,
    "cop_signatory_declaration": _cop_declaration,
}


def draft_content(draft: FilingDraft, organisation: Organisation | None = None) -> Content:
    organisation = organisation or connection.tenant
    content = BUILDERS[draft.kind](draft, organisation)
    extra = [e for e in draft.extra_evidence.all() if e.pk not in content.left_out_files]
    content.evidence = _unique([*content.evidence, *extra])
    system, version = draft.system, draft.gpai_model_version
    content.obstacles = [
        *kind_obstacles(draft.kind, system=system, gpai_model_version=version),
        *evidence_obstacles(content.evidence, system=system, gpai_model_version=version),
    ]
    for obstacle in content.obstacles:
        title = "Evidence" if obstacle.code == EVIDENCE_NOT_OF_SUBJECT else "Classification"
        content.missing.append(Missing(title.lower(), title, obstacle.field, obstacle.message))
    return content


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: dict[int, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.pk, item)
    return list(seen.values())
