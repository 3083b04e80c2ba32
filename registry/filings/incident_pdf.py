"""Render a serious-incident report version as a verifiable PDF/A-3b, like a filing (``pdf``):
the canonical JSON embedded as ``incident.json`` (AFRelationship /Source), its SHA-256 printed on
every page and written to the keywords as ``incident-sha256:<hex>``. English, as filed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.template import Context, Engine
from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError

from registry import labels

from .canonical import CanonicalJSONError, canonical_json, sha256_hex
from .fetcher import StaticOnlyFetcher, static_url
from .pdf import (
    PDF_VARIANT,
    STYLESHEET,
    TEMPLATES_DIR,
    FilingRenderError,
    RenderedPdf,
    _dedupe_associated_files,
    _font_config,
    _gc_paused,
    _submitted_at,
)
from .presentation import SnapshotError, display

TEMPLATE_NAME = "filings/incident.html"
ATTACHMENT_NAME = "incident.json"
KEYWORD_PREFIX = "incident-sha256:"
SNAPSHOT_KIND = "serious_incident_report"

REGIMES = {
    "art73": ("Serious-incident report on a high-risk AI system", "Art 73"),
    "art55": (
        "Serious-incident report on a general-purpose AI model with systemic risk",
        "Art 55(1)(c); Code of Practice, Safety and Security, Commitment 9",
    ),
}
STAGES = {
    "initial": "Initial report (Art 73(5))",
    "follow_up": "Follow-up report",
    "intermediate": "Intermediate report (CoP Measure 9.3)",
    "final": "Final report (Art 73(6))",
}
HARMS = {
    "death": "Death of a person (Art 3(49)(a))",
    "health": "Serious harm to health (Art 3(49)(a))",
    "critical_infrastructure": "Serious and irreversible disruption of critical infrastructure "
    "(Art 3(49)(b))",
    "fundamental_rights": "Infringement of fundamental-rights obligations (Art 3(49)(c))",
    "property_environment": "Serious harm to property or the environment (Art 3(49)(d))",
    "cybersecurity": "Serious cybersecurity breach (CoP Measure 9.3)",
}
NARRATIVE = (
    ("description", "What happened", ""),
    ("causal_link", "Causal link with the AI system", "Art 73(2)"),
    ("affected", "Persons, property or infrastructure affected", ""),
    ("immediate_actions", "Immediate actions taken", ""),
    ("risk_assessment", "Risk assessment", "Art 73(6)"),
    ("corrective_actions", "Corrective action", "Art 73(6)"),
    ("root_cause", "Root cause", ""),
)


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES_DIR)], autoescape=True, debug=False)


def load_incident_snapshot(canonical: bytes) -> dict[str, Any]:
    """The snapshot, if the bytes are the canonical JSON of an incident report version."""
    try:
        snapshot = json.loads(canonical.decode("utf-8"))
        if canonical_json(snapshot) != canonical:
            raise SnapshotError("The bytes are JSON but not canonical JSON")
    except (UnicodeDecodeError, json.JSONDecodeError, CanonicalJSONError) as exc:
        raise SnapshotError(str(exc)) from None
    if not isinstance(snapshot, dict) or snapshot.get("kind") != SNAPSHOT_KIND:
        raise SnapshotError("Not a serious-incident report snapshot")
    for key in ("report", "organisation", "subject", "incident", "clock"):
        if not isinstance(snapshot.get(key), dict):
            raise SnapshotError(f"Snapshot lacks {key}")
    return snapshot


def _rows(pairs: list[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"label": label, "value": display(value)} for label, value in pairs]


def incident_context(snapshot: Mapping[str, Any], *, sha256: str) -> dict[str, Any]:
    report, incident, clock = snapshot["report"], snapshot["incident"], snapshot["clock"]
    organisation, subject = snapshot["organisation"], snapshot["subject"]
    regime_label, regime_citation = REGIMES.get(report["regime"], (report["regime"], ""))
    deployer = snapshot.get("deployer")
    return {
        "reference": report["reference"],
        "version": str(report["version"]),
        "stage_label": STAGES.get(report["stage"], report["stage"]),
        "regime_label": regime_label,
        "regime_citation": regime_citation,
        "submitted_at": display(report["submitted_at"]),
        "submitted_by": report.get("submitted_by", ""),
        "authority": (report.get("authority") or {}).get("name", ""),
        "previous_sha256": report.get("previous_version_sha256") or "",
        "restricted": bool(report.get("restricted")),
        "sha256": sha256,
        "clock_rows": _rows(
            [
                ("Initial report due", clock.get("due_on")),
                ("Rule", clock.get("citation")),
                ("Became aware", incident.get("aware_on")),
                ("First reported", clock.get("first_report_at")),
                ("Legal calendar", labels.coded(labels.LEGAL_CALENDAR, clock.get("calendar"))),
            ]
        ),
        "organisation_rows": _rows(
            [
                ("Legal name", organisation.get("legal_name")),
                ("Country", labels.coded(labels.MEMBER_STATE, organisation.get("country"))),
                ("Address", organisation.get("address")),
                ("Contact person", organisation.get("contact_name")),
                ("Contact e-mail", organisation.get("contact_email")),
            ]
        ),
        "subject_rows": _rows(
            [
                ("Name", subject.get("name")),
                ("Kind", "AI system" if subject.get("type") == "ai_system" else "GPAI model"),
                ("Registration number", subject.get("registration_number")),
                (
                    "Annex III area",
                    labels.coded(labels.ANNEX_III_AREA, subject.get("annex_iii_area")),
                ),
            ]
        ),
        "incident_rows": _rows(
            [
                ("Title", incident.get("title")),
                (
                    "Member state where it occurred",
                    labels.coded(labels.MEMBER_STATE, incident.get("member_state")),
                ),
                ("Harm", [HARMS.get(h, h) for h in incident.get("harms") or []]),
                ("Widespread infringement (Art 3(61))", bool(incident.get("widespread"))),
                ("Occurred", incident.get("occurred_on")),
                ("Resolved", incident.get("resolved_on")),
            ]
        ),
        "narrative": [
            {"title": title, "citation": citation, "value": incident.get(key) or ""}
            for key, title, citation in NARRATIVE
        ],
        "deployer_rows": (
            _rows(
                [
                    ("The provider was informed on", deployer.get("provider_informed_on")),
                    ("How", deployer.get("note")),
                ]
            )
            if isinstance(deployer, dict)
            else []
        ),
    }


def render_incident_html(canonical: bytes) -> str:
    snapshot = load_incident_snapshot(canonical)
    with labels.in_english():  # filed PDFs are in English, as the filings' are
        context = incident_context(snapshot, sha256=sha256_hex(canonical))
    context["stylesheet_url"] = static_url(STYLESHEET)
    return _engine().get_template(TEMPLATE_NAME).render(Context(context, autoescape=True))


def render_incident_pdf(canonical: bytes) -> RenderedPdf:
    """The PDF/A-3b of an incident report version from its canonical JSON bytes."""
    snapshot = load_incident_snapshot(canonical)
    snapshot_sha256 = sha256_hex(canonical)
    report = snapshot["report"]
    submitted_at = _submitted_at(report["submitted_at"])
    fetcher = StaticOnlyFetcher()
    options: dict[str, Any] = {
        "pdf_variant": PDF_VARIANT,
        "attachments": [
            Attachment(
                string=canonical,
                name=ATTACHMENT_NAME,
                description=f"Canonical JSON of the incident report, SHA-256 {snapshot_sha256}",
                relationship="Source",
                created=submitted_at,
                modified=submitted_at,
                url_fetcher=fetcher,
            )
        ],
    }
    try:
        with _gc_paused():
            html = HTML(string=render_incident_html(canonical), base_url=None, url_fetcher=fetcher)
            document = html.render(font_config=_font_config(), **options)
            metadata = document.metadata
            label, citation = REGIMES.get(report["regime"], (report["regime"], ""))
            metadata.title = f"{report['reference']} version {report['version']}: {label}"
            organisation = snapshot["organisation"].get("legal_name") or ""
            metadata.authors = [organisation] if organisation else []
            metadata.description = f"{label} ({citation})"
            metadata.keywords = [
                "EU AI Act",
                citation.replace(",", ";"),
                report["reference"],
                f"version {report['version']}",
                f"{KEYWORD_PREFIX}{snapshot_sha256}",
            ]
            metadata.generator = "EU AI Act registration portal"
            stamp = submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ")
            metadata.created = metadata.modified = stamp
            metadata.lang = "en"
            content = document.write_pdf(finisher=_dedupe_associated_files, **options)
    except FatalURLFetchingError as exc:
        raise FilingRenderError(
            f"Incident render refused a resource: {exc.__cause__ or exc}"
        ) from exc
    return RenderedPdf(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        page_count=len(document.pages),
        snapshot_sha256=snapshot_sha256,
    )
