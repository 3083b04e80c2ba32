"""Every API endpoint, as data: the cross-organisation matrix (test_isolation_matrix.py) runs each
one against every kind of outsider. Adding an endpoint? Add a row here; if its path names an
object, add the placeholder to the `targets` fixture in tests/api/conftest.py (an object of
organisation A, so that a refusal is about access, not about a missing row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from portal.accounts.models import ApiKeyScope, Role


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # "{placeholder}"s are filled from the `targets` fixture
    scope: str  # the scope an API key needs
    min_role: str | None = Role.VIEWER  # the least role of a session member (organisation host)
    body: Any = None  # a valid body: refusals must not depend on a bad one; "{x}" from targets
    host: Literal["organisation", "public"] = "organisation"
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"  # or "multipart" (fresh files: see fill_body)
    # Who succeeds: a key with the scope, a DE lead, or the AI Office's lead (GPAI supervision).
    insider: Literal["key", "lead", "ai_office"] = "key"
    # Scopes the succeeding key holds besides `scope`. Submitting: the workspace counts a key
    # as a member only through read/write/admin (portal.authz.actor_role).
    insider_scopes: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.host}:{self.method} {self.path}"


ANY = {"If-Match": "*"}  # updates carry a valid precondition: only access may refuse them
R, W, S, A = ApiKeyScope.READ, ApiKeyScope.WRITE, ApiKeyScope.SUBMIT, ApiKeyScope.ADMIN
E, AD = Role.EDITOR, Role.ADMIN
UPLOAD = "@pdf"  # fill_body turns it into a fresh small PDF upload
FACTS = {"role": "provider", "annex_iii_area": "4(a)"}

ENDPOINTS: list[Endpoint] = [
    # --- organisation host ---
    Endpoint("GET", "/api/v1/me", ApiKeyScope.READ),
    Endpoint(
        "POST",
        "/api/v1/classify",
        ApiKeyScope.READ,
        body={"facts": {"role": "provider", "annex_iii_area": "4(a)"}},
    ),
    Endpoint("GET", "/api/v1/audit-events/", ApiKeyScope.READ),
    Endpoint("GET", "/api/v1/audit-events/{audit_event_a}/", ApiKeyScope.READ),
    Endpoint("GET", "/api/v1/members/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "POST",
        "/api/v1/members/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"email": "carol@nowhere.test", "role": "viewer"},
    ),
    Endpoint("GET", "/api/v1/members/{membership_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "PATCH",
        "/api/v1/members/{membership_a}/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"role": "viewer"},
        headers=ANY,
    ),
    Endpoint("DELETE", "/api/v1/members/{membership_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint("GET", "/api/v1/api-keys/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint(
        "POST",
        "/api/v1/api-keys/",
        ApiKeyScope.ADMIN,
        Role.ADMIN,
        body={"name": "intruder", "scopes": ["admin"]},
    ),
    Endpoint("GET", "/api/v1/api-keys/{api_key_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    Endpoint("DELETE", "/api/v1/api-keys/{api_key_a}/", ApiKeyScope.ADMIN, Role.ADMIN),
    # --- systems, classifications, bulk ---
    Endpoint("GET", "/api/v1/systems/", R),
    Endpoint("POST", "/api/v1/systems/", W, E, body={"trade_name": "Matrix", "role": "provider"}),
    Endpoint("GET", "/api/v1/systems/{system_a}/", R),
    Endpoint("PATCH", "/api/v1/systems/{system_a}/", W, E, body={"status": ""}, headers=ANY),
    Endpoint("DELETE", "/api/v1/systems/{system_a}/", A, AD),
    Endpoint("GET", "/api/v1/systems/{system_a}/classifications/", R),
    Endpoint("POST", "/api/v1/systems/{system_a}/classifications/", W, E, body={"facts": FACTS}),
    Endpoint("POST", "/api/v1/systems/bulk", W, E, body=[{"trade_name": "B", "role": "provider"}]),
    Endpoint("GET", "/api/v1/systems/bulk/schema.json", R),
    Endpoint("GET", "/api/v1/systems/export", R),
    # --- GPAI models ---
    Endpoint("GET", "/api/v1/gpai-models/", R),
    Endpoint("POST", "/api/v1/gpai-models/", W, E, body={"name": "Matrix LM"}),
    Endpoint("GET", "/api/v1/gpai-models/{gpai_model_a}/", R),
    Endpoint(
        "PATCH", "/api/v1/gpai-models/{gpai_model_a}/", W, E, body={"description": "d"}, headers=ANY
    ),
    Endpoint("GET", "/api/v1/gpai-model-versions/", R),
    Endpoint(
        "POST",
        "/api/v1/gpai-model-versions/",
        W,
        E,
        body={"model": "{gpai_model_a}", "version": "2"},
    ),
    Endpoint("GET", "/api/v1/gpai-model-versions/{gpai_model_version_a}/", R),
    Endpoint(
        "PATCH",
        "/api/v1/gpai-model-versions/{gpai_model_version_a}/",
        W,
        E,
        body={"licence": "MIT"},
        headers=ANY,
    ),
    # --- risk and QMS records ---
    Endpoint("GET", "/api/v1/risk-records/", R),
    Endpoint(
        "POST",
        "/api/v1/risk-records/",
        W,
        E,
        body={"system": "{system_a}", "hazard": "H", "likelihood": "possible", "severity": "major"},
    ),
    Endpoint("GET", "/api/v1/risk-records/{risk_record_a}/", R),
    Endpoint(
        "PATCH",
        "/api/v1/risk-records/{risk_record_a}/",
        W,
        E,
        body={"mitigation": "m"},
        headers=ANY,
    ),
    Endpoint("GET", "/api/v1/qms-records/", R),
    Endpoint(
        "POST",
        "/api/v1/qms-records/",
        W,
        E,
        body={"aspect": "b", "title": "Design control", "document_version": "1"},
    ),
    Endpoint("GET", "/api/v1/qms-records/{qms_record_a}/", R),
    Endpoint(
        "PATCH", "/api/v1/qms-records/{qms_record_a}/", W, E, body={"summary": "s"}, headers=ANY
    ),
    Endpoint("POST", "/api/v1/qms-records/{qms_record_a}/approve/", A, AD),
    # --- evidence ---
    Endpoint("GET", "/api/v1/evidence/", R),
    Endpoint(
        "POST",
        "/api/v1/evidence/",
        W,
        E,
        body={"file": UPLOAD, "title": "T"},
        content_type="multipart",
    ),
    Endpoint("GET", "/api/v1/evidence/{evidence_a}/", R),
    Endpoint("GET", "/api/v1/evidence/{evidence_a}/download/", R),
    Endpoint("POST", "/api/v1/evidence/{evidence_a}/link/", W, E, body={"systems": ["{system_a}"]}),
    Endpoint(
        "POST", "/api/v1/evidence/{evidence_a}/unlink/", W, E, body={"systems": ["{system_a}"]}
    ),
    # --- Code of Practice ---
    Endpoint("GET", "/api/v1/cop-signatures/", R),
    Endpoint(
        "POST",
        "/api/v1/cop-signatures/",
        A,
        AD,
        body={"chapter": "copyright", "status": "declined", "status_date": "2025-08-01"},
    ),
    Endpoint("GET", "/api/v1/cop-signatures/history/", R),
    # --- filings ---
    Endpoint("GET", "/api/v1/filings/", R),
    Endpoint(
        "POST", "/api/v1/filings/", W, E, body={"kind": "annex_viii_a", "system": "{system_a}"}
    ),
    Endpoint("GET", "/api/v1/filings/{draft_a}/", R),
    Endpoint("PATCH", "/api/v1/filings/{draft_a}/", W, E, body={"notes": "n"}, headers=ANY),
    Endpoint("GET", "/api/v1/filings/{draft_ready_a}/checklist/", R),
    Endpoint(
        "POST",
        "/api/v1/filings/{draft_ready_a}/submit/",
        S,
        AD,
        body={"confirm": True},
        insider_scopes=(R,),
    ),
    Endpoint("GET", "/api/v1/filings/{draft_a}/status/", R),
    Endpoint("GET", "/api/v1/filings/{draft_a}/versions/", R),
    Endpoint("GET", "/api/v1/filings/{draft_a}/versions/1/pdf/", R),
    Endpoint("POST", "/api/v1/filings/{draft_a}/withdraw/", A, AD, body={"reason": "r"}),
    Endpoint(
        "POST",
        "/api/v1/filings/{draft_a}/comments/{comment_a}/resolve/",
        W,
        E,
        body={"resolution": "Answered."},
    ),
    Endpoint("DELETE", "/api/v1/filings/{draft_ready_a}/", W, E),
    # --- mandates (Art 22, Art 54) ---
    Endpoint("GET", "/api/v1/mandates/", R),
    Endpoint("GET", "/api/v1/mandates/{mandate_a}/", R),
    Endpoint(
        "POST",
        "/api/v1/mandates/",
        A,
        AD,
        body={
            "representative": "{representative_for_a}",
            "scope": "all",
            "tasks": ["art22_3_a"],
            "submitter": "either",
            "starts_on": "2026-01-01",
            "document": UPLOAD,
        },
        content_type="multipart",
    ),
    Endpoint("POST", "/api/v1/mandates/{mandate_offered_to_a}/accept/", A, AD),
    Endpoint(
        "POST",
        "/api/v1/mandates/{mandate_offered_to_a}/decline/",
        A,
        AD,
        body={"reason": "No capacity"},
    ),
    Endpoint(
        "POST", "/api/v1/mandates/{mandate_a}/terminate/", A, AD, body={"reason": "Art 22(4)"}
    ),
    # --- verifications under a mandate (Art 22(3)(a) and (e), Art 54(3)(a)) ---
    Endpoint("POST", "/api/v1/filings/{draft_verifiable_a}/verification/", W, E),
    Endpoint("GET", "/api/v1/verifications/", R),
    Endpoint("GET", "/api/v1/verifications/{verification_for_a}/", R),
    Endpoint(
        "POST",
        "/api/v1/verifications/{verification_for_a}/verify/",
        A,
        AD,
        body={"sha256": "{verification_for_a_sha256}"},
    ),
    Endpoint(
        "POST",
        "/api/v1/verifications/{verification_for_a}/refuse/",
        A,
        AD,
        body={"reason": "A3 is out of date."},
    ),
    # --- rights holders' requests: editors read, administrators answer ---
    Endpoint("GET", "/api/v1/rights-requests/", W, E),
    Endpoint("GET", "/api/v1/rights-requests/{rights_request_a}/", W, E),
    Endpoint(
        "POST", "/api/v1/rights-requests/{rights_request_a}/answer/", A, AD, body={"answer": "Yes."}
    ),
    Endpoint(
        "POST", "/api/v1/rights-requests/{rights_request_a}/reject/", A, AD, body={"reason": "No."}
    ),
    # --- serious-incident reports (Art 73, Art 55(1)(c)) ---
    Endpoint("GET", "/api/v1/incidents/", R),
    Endpoint(
        "POST",
        "/api/v1/incidents/",
        W,
        E,
        body={
            "regime": "art73",
            "system": "{system_a}",
            "title": "Matrix incident",
            "harms": ["health"],
            "aware_on": "2026-12-01",
        },
    ),
    Endpoint("GET", "/api/v1/incidents/{incident_a}/", R),
    Endpoint(
        "PATCH", "/api/v1/incidents/{incident_a}/", W, E, body={"description": "d"}, headers=ANY
    ),
    Endpoint(
        "POST", "/api/v1/incidents/{incident_ready_a}/submit/", S, AD, body={}, insider_scopes=(R,)
    ),
    Endpoint("GET", "/api/v1/incidents/{incident_a}/status/", R),
    Endpoint("GET", "/api/v1/incidents/{incident_a}/versions/", R),
    Endpoint("GET", "/api/v1/incidents/{incident_a}/versions/1/pdf/", R),
    Endpoint("DELETE", "/api/v1/incidents/{incident_ready_a}/", W, E),
    # --- webhooks ---
    Endpoint("GET", "/api/v1/webhooks/", A, AD),
    Endpoint(
        "POST",
        "/api/v1/webhooks/",
        A,
        AD,
        body={"url": "https://hooks.example.test/in", "events": ["filing.submitted"]},
    ),
    Endpoint("GET", "/api/v1/webhooks/{webhook_a}/", A, AD),
    Endpoint("PATCH", "/api/v1/webhooks/{webhook_a}/", A, AD, body={"active": False}, headers=ANY),
    Endpoint("DELETE", "/api/v1/webhooks/{webhook_a}/", A, AD),
    Endpoint("GET", "/api/v1/webhooks/{webhook_a}/deliveries/", A, AD),
    Endpoint("POST", "/api/v1/webhooks/{webhook_a}/test/", A, AD),
    # --- public host: regulators ---
    Endpoint("GET", "/api/v1/me", ApiKeyScope.READ, None, host="public"),
    Endpoint("GET", "/api/v1/regulator/filings/", R, None, host="public"),
    Endpoint(
        "GET",
        "/api/v1/regulator/rights-request-statistics",
        R,
        None,
        host="public",
        insider="ai_office",
    ),
    Endpoint("GET", "/api/v1/regulator/filings/{filing_a}/", R, None, host="public"),
    Endpoint("GET", "/api/v1/regulator/filings/{filing_a}/versions/", R, None, host="public"),
    Endpoint("GET", "/api/v1/regulator/filings/{filing_a}/versions/1/pdf/", R, None, host="public"),
    Endpoint("GET", "/api/v1/regulator/filings/{filing_a}/comments/", R, None, host="public"),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/comments/",
        W,
        None,
        body={"field": "general", "body": "Please check."},
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/comments/{resolved_comment_a}/confirm/",
        W,
        None,
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/comments/{comment_a}/reopen/",
        W,
        None,
        host="public",
    ),
    Endpoint("POST", "/api/v1/regulator/filings/{filing_a}/start-review/", W, None, host="public"),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/request-changes/",
        W,
        None,
        body={"comments": [{"field": "general", "body": "Add the purpose."}]},
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/register/",
        W,
        None,
        body={},
        host="public",
        insider="lead",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/filings/{filing_a}/reject/",
        W,
        None,
        body={"reason": "Incomplete."},
        host="public",
        insider="lead",
    ),
    # --- public host: serious-incident reports addressed to the DE authority (Art 73) ---
    Endpoint("GET", "/api/v1/regulator/incidents/", R, None, host="public"),
    Endpoint("GET", "/api/v1/regulator/incidents/{incident_report_a}/", R, None, host="public"),
    Endpoint(
        "GET", "/api/v1/regulator/incidents/{incident_report_a}/versions/", R, None, host="public"
    ),
    Endpoint(
        "GET",
        "/api/v1/regulator/incidents/{incident_report_a}/versions/1/pdf/",
        R,
        None,
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/incidents/{incident_report_a}/acknowledge/",
        W,
        None,
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/incidents/{incident_report_a}/request-information/",
        W,
        None,
        body={"question": "The logs, please.", "due_on": "{incident_information_due_on}"},
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/incidents/{incident_report_a}/record-measure/",
        W,
        None,
        body={"measure": "recall", "note": "Recall ordered."},
        host="public",
    ),
    Endpoint(
        "POST",
        "/api/v1/regulator/incidents/{incident_report_a}/close/",
        W,
        None,
        body={"note": "Settled."},
        host="public",
    ),
]

# Anonymous and read-only by law (Art 71): not in the matrix; test_public_register.py checks that
# they answer everyone the same and never show what is not public.
PUBLIC_ENDPOINTS: list[str] = [
    "/api/v1/register/filings/",
    "/api/v1/register/filings/{public_filing_a}/",
    "/api/v1/register/filings/{public_filing_a}/versions/",
    "/api/v1/register/filings/{public_filing_a}/versions/1/pdf/",
    "/api/v1/register/filings/export/",
    "/api/v1/register/signatories/",
    "/api/v1/register/signatories/export/",
    "/api/v1/register/verify?sha256=" + "0" * 64,
    "/api/v1/schemas/systems-bulk.json",
]


def fill_body(body: Any, targets: Any) -> Any:
    """The body with "{name}" strings replaced by the target's value and UPLOAD by a new file."""
    if isinstance(body, dict):
        return {key: fill_body(value, targets) for key, value in body.items()}
    if isinstance(body, list):
        return [fill_body(value, targets) for value in body]
    if body == UPLOAD:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from registry.workspace.demo_files import minimal_pdf

        return SimpleUploadedFile("matrix.pdf", minimal_pdf("Matrix"), "application/pdf")
    if isinstance(body, str) and body.startswith("{") and body.endswith("}"):
        return targets[body[1:-1]]
    return body
