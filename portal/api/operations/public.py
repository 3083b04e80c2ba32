"""The operations of the public host (`/api/schema/` on the portal's own domain), by operationId:
the regulator API and the public register API."""

from __future__ import annotations

from portal.api.operations import Operation as Op

_JURISDICTION = (
    "Only filings in your authority's jurisdiction are visible (a national authority: systems "
    "placed on the market in its member states; the AI Office: general-purpose AI models and "
    "signatory declarations); restricted filings (Art 49(4)) only to members granted that "
    "access, never to API keys. Any other filing is 404."
)
_DECISION = (
    "Answers the filing as it is afterwards. `version` names the version you decided on: if a "
    "newer one was filed meanwhile, 409 stale_version. A step the version's status does not "
    "allow is 409 invalid_transition."
)

# Registering and rejecting decide the public register: the service asks for a lead in person.
_LEADS = (
    "lead reviewers of a supervisory authority, signed in (with several authorities, name one "
    "in `X-Authority`); anyone else, an API key included (a key acts as a reviewer), gets 403 "
    "lead_required."
)

_INCIDENTS = (
    "Only reports addressed to your authority are visible (Art 73(1): the market-surveillance "
    "authority of the member state where the incident occurred; Art 55(1)(c): the AI Office); "
    "restricted reports (Annex III points 1, 6 and 7; Art 74(8)) only to members granted that "
    "access, never to API keys. Any other report is 404. Reports are never public."
)
_INCIDENT_STEP = (
    "Answers the report as it is afterwards, with its versions and steps. The provider's "
    "administrators are told by e-mail and the organisation's webhooks receive the event. A step "
    "the report's status does not allow is 409 invalid_transition (a closed report takes none)."
)

OPERATIONS: dict[str, Op] = {
    # --- serious-incident reports (Art 73, Art 55(1)(c)) ----------------------------------------
    "regulator_incidents_list": Op(
        "The serious-incident inbox",
        "Serious-incident reports addressed to your authority, the latest received first, with "
        "filters for status, regime, member state where it occurred, harm (Art 3(49)), overdue "
        f"and restricted. {_INCIDENTS} A page of the list (follow `next`).",
    ),
    "regulator_incidents_retrieve": Op(
        "Read a serious-incident report",
        "One report with its clock (awareness, statutory due date and the article that sets it, "
        "the next report due), the snapshot of its latest version as filed (content-hashed), "
        f"every version and every step taken. {_INCIDENTS}",
    ),
    "regulator_incidents_versions": Op(
        "List a report's versions",
        "The versions of this report (initial, follow-up, intermediate, final), oldest first, "
        "each with its hash and PDF status. A page of the list (follow `next`).",
    ),
    "regulator_incidents_version_pdf": Op(
        "Download a report version's PDF",
        "The PDF/A of one version with the filed JSON embedded. 409 pdf_not_ready with "
        "Retry-After while it is rendered; 404 version_not_found for a version that does not "
        "exist.",
    ),
    "regulator_incidents_acknowledge": Op(
        "Acknowledge receipt",
        f"Confirms to the provider that the submitted report arrived. {_INCIDENT_STEP}",
    ),
    "regulator_incidents_request_information": Op(
        "Request information",
        "Asks the provider for information by `due_on` (from today to a year ahead; otherwise "
        "400 validation_failed); the provider answers with a follow-up version. "
        f"{_INCIDENT_STEP}",
    ),
    "regulator_incidents_record_measure": Op(
        "Record a measure",
        "Records a measure the authority took (Art 73(8), within seven days of receiving the "
        "report; Art 19 of Regulation (EU) 2019/1020): withdrawal, recall, prohibition, "
        f"restriction, or `other` with a note saying what. {_INCIDENT_STEP}",
    ),
    "regulator_incidents_close": Op(
        "Close the report",
        f"Closes the report, with an optional note the provider reads. {_INCIDENT_STEP}",
    ),
    "regulator_me": Op(
        "Who is calling",
        "The authority member or authority API key behind this request, its authority and "
        "jurisdiction.",
    ),
    # --- review (Art 49, Art 70, Art 74) -------------------------------------------------------
    "regulator_rights_request_statistics": Op(
        "Rights holders' requests per GPAI provider",
        "For the AI Office (403 ai_office_only for a national authority): per provider, the "
        "requests rights holders confirmed (Art 53(1)(c), Code of Practice Measure 1.5) by kind "
        "and by status, how many are open past their due date, and the median days from "
        "receipt to answer or rejection. No requester's name or address.",
    ),
    "regulator_filings_list": Op(
        "The review queue",
        "Filings submitted to your authority, oldest waiting first, with filters for status, "
        f"kind, member state, Annex III area, risk tier and submission time. {_JURISDICTION} "
        "A page of the list (follow `next`).",
    ),
    "regulator_filings_retrieve": Op(
        "Read a filing under review",
        "One filing with the snapshot of its latest version as filed (content-hashed), every "
        f"version, the review comments and the decisions. {_JURISDICTION}",
    ),
    "regulator_filings_versions": Op(
        "List a filing's versions",
        "The versions of this filing you may read, oldest first, each with its hash and PDF "
        "status. A page of the list (follow `next`).",
    ),
    "regulator_filings_version_pdf": Op(
        "Download a version's PDF",
        "The complete PDF/A of one filed version with the filed JSON embedded. 409 "
        "pdf_not_ready with Retry-After while it is rendered; 404 version_not_found for a "
        "version you may not read or that does not exist.",
    ),
    "regulator_comments_list": Op(
        "List review comments",
        "The review comments on this filing's fields. A page of the list (follow `next`).",
    ),
    "regulator_comment": Op(
        "Comment on a field",
        "A remark on one field of the latest version, kept with the review, without deciding yet.",
    ),
    "regulator_comments_confirm": Op(
        "Confirm a comment resolved",
        "Agrees that the organisation's answer settles a comment of your authority (state "
        "`confirmed`). A comment the organisation has not answered is 409 comment_not_resolved; "
        "a comment of another authority is 403 permission_denied.",
    ),
    "regulator_comments_reopen": Op(
        "Reopen a comment",
        "The organisation's answer does not settle a comment of your authority: it is `open` "
        "again (the answer stays in the audit trail). A comment of another authority is 403 "
        "permission_denied.",
    ),
    "regulator_start_review": Op(
        "Start the review",
        f"Takes the latest submitted version into review. {_DECISION}",
    ),
    "regulator_request_changes": Op(
        "Request changes",
        "Sends the latest version back to the organisation with comments on its fields (or a "
        "reason); the organisation files a corrected version, and every version stays "
        f"readable. {_DECISION}",
    ),
    "regulator_register": Op(
        "Register a filing",
        "Registers the latest version: it receives its registration number and, unless "
        "restricted (Art 49(4)), its public part enters the public register (Art 71). "
        f"{_DECISION}",
        who=_LEADS,
    ),
    "regulator_reject": Op(
        "Reject a filing",
        f"Rejects the latest version with a reason the organisation sees. {_DECISION}",
        who=_LEADS,
    ),
    # --- the public register (Art 71) ----------------------------------------------------------
    "register_filings_list": Op(
        "Search the public register",
        "Registered entries of the EU database that the law makes public (Art 71; restricted "
        "filings under Art 49(4) never appear), with their public part only. A page of the "
        "list (follow `next`).",
    ),
    "register_filings_retrieve": Op(
        "Read a public entry",
        "One registered entry with the public part of its current registered version "
        "(Art 71(4) with Annex VIII).",
    ),
    "register_filings_versions": Op(
        "List a public entry's versions",
        "Every version of the entry with its dates; the content of registered versions only. "
        "A page of the list (follow `next`).",
    ),
    "register_filings_version_pdf": Op(
        "Download a public copy",
        "The PDF of the public copy of one registered version (never the complete filing). "
        "409 pdf_not_ready with Retry-After while it is rendered; 404 version_not_found for a "
        "version without a public copy.",
    ),
    "register_export": Op(
        "Download the public register",
        "The whole public register as open data, JSON or CSV (`format`), one row per entry.",
    ),
    "register_signatories_list": Op(
        "The Code of Practice signatory register",
        "Per organisation and chapter of the General-Purpose AI Code of Practice (Art 56), "
        "every registered declaration, newest first. Paginated by organisation: a page holds "
        "every chapter row of `page_size` organisations, by name.",
    ),
    "register_signatories_export": Op(
        "Download the signatory register",
        "The signatory register as open data, JSON or CSV (`format`).",
    ),
    "register_verify": Op(
        "Verify a document's hash",
        "Whether a SHA-256 (64 hexadecimal digits, else 400) is that of a filed version's "
        "JSON, its complete PDF, or the public copy of a registered version, as `/verify/` "
        "answers it. Restricted filings (Art 49(4)) answer `found: false`.",
    ),
    "schemas_systems_bulk": Op(
        "JSON Schema of the bulk format",
        "The JSON Schema (2020-12) that one row of an organisation's bulk import of AI systems "
        "must satisfy, published for integrators who validate before sending.",
    ),
}
