"""The operations of an organisation's host (`<slug>.<domain>/api/schema/`), by operationId."""

from __future__ import annotations

from portal.api.operations import Operation as Op

_LIST = "A page of the list (follow `next`); filters are the query parameters below."
_PATCH = (
    "Send `If-Match` with the ETag you last read: 428 precondition_required without it, 412 "
    "precondition_failed when the row changed since. Fields you leave out stay as they are."
)

OPERATIONS: dict[str, Op] = {
    # --- who am I ----------------------------------------------------------------------------
    "me": Op(
        "Who is calling",
        "The person or API key behind this request, the organisation of this host and the role "
        "or scopes that apply. Use it to check a key before a run.",
    ),
    # --- AI systems (Art 49, Annex VIII) ------------------------------------------------------
    "systems_list": Op(
        "List AI systems",
        "The organisation's AI systems with a summary of each one's latest classification "
        f"(the full answer is on the system itself). {_LIST}",
    ),
    "systems_create": Op(
        "Register an AI system",
        "Creates an AI system in the workspace with the Annex VIII information you have now "
        "(Art 49; only `trade_name` and `role` are required, the rest can follow by PATCH). "
        "The answer carries the system's ETag. Evidence ids must be files of this "
        "organisation (400 validation_failed otherwise). Send an Idempotency-Key so that a "
        "retry does not create it twice.",
    ),
    "systems_retrieve": Op(
        "Read an AI system",
        "One AI system with its latest classification in full (tier, obligations, explanation) "
        "and its ETag for a later PATCH.",
    ),
    "systems_partial_update": Op(
        "Change an AI system",
        "Changes the fields you send. The risk tier and what follows from it are set by "
        f"classification only, never here. {_PATCH}",
    ),
    "systems_destroy": Op(
        "Delete an AI system",
        "Deletes the system with its classification history and risk records. A system that a "
        "filing draft names is refused with 409 system_has_filing_drafts (the drafts are listed "
        "under `errors.filing_drafts`): delete or re-point them first. Filed versions in the "
        "register are never deleted.",
    ),
    "systems_classifications_list": Op(
        "List a system's classifications",
        f"Every classification of this system, newest first, as the rules engine gave it. {_LIST}",
    ),
    "systems_classify": Op(
        "Classify a system",
        "Runs the rules engine (Art 5, Art 6 with Annex I and III, Art 50) on the facts you "
        "send and keeps the result as the system's latest classification, which sets its risk "
        "tier, registration section and compliance deadline. Unknown or invalid facts are 400 "
        "with the offending keys under `errors` (`facts.<key>`).",
    ),
    "systems_bulk_import": Op(
        "Import AI systems in bulk",
        "Creates up to 1000 systems at once, all or nothing: a JSON array valid against "
        "`/api/v1/systems/bulk/schema.json`, or a CSV (`Content-Type: text/csv`) whose header "
        "row names the same fields. Any refusal is 422 bulk_rejected with `errors` keyed "
        '`"<row>.<field>"` (rows from 1) and nothing is created.',
    ),
    "systems_bulk_schema": Op(
        "JSON Schema of the bulk format",
        "The JSON Schema (2020-12) that one row of a bulk import must satisfy; the export "
        "writes the same format.",
    ),
    "systems_export": Op(
        "Export every AI system",
        "All systems of the organisation in the bulk format, as JSON or CSV (`format`); the "
        "file imports again as it is.",
    ),
    # --- the rules engine ------------------------------------------------------------------------
    "classify": Op(
        "Classify facts without saving",
        "Runs the rules engine on a set of facts and answers its result (risk tier under "
        "Art 5, Art 6 and Annex III, Art 50 transparency triggers, obligations with titles, "
        "registration section and deadline) without storing anything. Unknown or invalid facts "
        "are 400 with the offending keys under `errors`; an unknown calendar is 400 too.",
    ),
    # --- GPAI models (Art 53, Art 55) -----------------------------------------------------
    "gpai_models_list": Op(
        "List general-purpose AI models",
        f"The organisation's general-purpose AI models (Art 3(63)). {_LIST}",
    ),
    "gpai_models_create": Op(
        "Add a general-purpose AI model",
        "Creates a general-purpose AI model; whether it has systemic risk (Art 51) decides "
        "which obligations and filings apply (Art 52, Art 55). The answer carries its ETag.",
    ),
    "gpai_models_retrieve": Op("Read a general-purpose AI model", "One model with its ETag."),
    "gpai_models_partial_update": Op("Change a general-purpose AI model", _PATCH),
    "gpai_model_versions_list": Op(
        "List model versions", f"Versions of the organisation's general-purpose models. {_LIST}"
    ),
    "gpai_model_versions_create": Op(
        "Add a model version",
        "Adds a version of a general-purpose AI model with its technical documentation items "
        "(Art 53(1)(a)-(b), Annex XI and XII) and the summary of training content "
        "(Art 53(1)(d)). The model must be one of this organisation's.",
    ),
    "gpai_model_versions_retrieve": Op("Read a model version", "One model version with its ETag."),
    "gpai_model_versions_partial_update": Op("Change a model version", _PATCH),
    # --- records (Art 9, Art 17) -----------------------------------------------------------
    "risk_records_list": Op(
        "List risk-management records", f"The risk-management system's entries (Art 9). {_LIST}"
    ),
    "risk_records_create": Op(
        "Add a risk-management record",
        "Records an identified risk of one AI system with its estimation, evaluation and "
        "measures (Art 9(2)). The system must be one of this organisation's.",
    ),
    "risk_records_retrieve": Op("Read a risk-management record", "One record with its ETag."),
    "risk_records_partial_update": Op("Change a risk-management record", _PATCH),
    "qms_records_list": Op(
        "List quality-management documents",
        f"The documents of the quality-management system (Art 17(1)). {_LIST}",
    ),
    "qms_records_create": Op(
        "Add a quality-management document",
        "Adds a document of the quality-management system (Art 17(1)); it starts as a draft "
        "until an administrator approves it.",
    ),
    "qms_records_retrieve": Op("Read a quality-management document", "One document with its ETag."),
    "qms_records_partial_update": Op(
        "Change a quality-management document",
        f"Changing an approved document makes it a draft again. {_PATCH}",
    ),
    "qms_records_approve": Op(
        "Approve a quality-management document",
        "Approves the current version of the document, with who and when. A document in "
        "another state is refused with 409 invalid_state.",
    ),
    # --- evidence (Annex VIII) -------------------------------------------------------------
    "evidence_list": Op(
        "List evidence files",
        f"Files the organisation keeps as evidence for its registrations. {_LIST}",
    ),
    "evidence_upload": Op(
        "Upload an evidence file",
        "Uploads a file (multipart/form-data) such as the EU declaration of conformity or the "
        "instructions for use that a registration cites (Annex VIII Section A points 11-12). "
        "The bytes must be of the type the file name's extension says (400 otherwise). The "
        "same bytes uploaded again answer the existing file with the new links added. "
        "`shared=true` makes it a file any filing of the organisation may cite.",
    ),
    "evidence_retrieve": Op("Read an evidence file's record", "One file's record with its ETag."),
    "evidence_download": Op(
        "Download an evidence file",
        "The file as uploaded, with its detected Content-Type. 409 file_unavailable when "
        "storage cannot be read right now; retry later.",
    ),
    "evidence_link": Op(
        "Link an evidence file",
        "Adds links from this file to systems, models and records of this organisation; "
        "`shared` marks the file as the organisation's (true) or takes the mark away (false). "
        "An id of another organisation or of nothing is 400.",
    ),
    "evidence_unlink": Op(
        "Unlink an evidence file",
        "Removes the links you name; the file itself stays.",
    ),
    # --- Code of Practice (Art 56) -----------------------------------------------------------
    "cop_signatures_list": Op(
        "Code of Practice status",
        "The organisation's current status per chapter of the General-Purpose AI Code of "
        "Practice (Art 56): Transparency, Copyright, Safety and Security.",
    ),
    "cop_signatures_set": Op(
        "Sign or decline a Code of Practice chapter",
        "Sets the status of one chapter. Signing or declining binds the provider, and a "
        "signature is published in the signatory register. Setting the same status again "
        "changes nothing.",
    ),
    "cop_signatures_history": Op(
        "Code of Practice history",
        f"Every status change of every chapter, newest first, with who made it. {_LIST}",
    ),
    # --- filings (Art 49, Art 71) ------------------------------------------------------------
    "filings_list": Op(
        "List filings",
        "Filing drafts of the organisation with the status of their latest filed version and "
        f"their registration number once registered. {_LIST}",
    ),
    "filings_create": Op(
        "Start a filing",
        "Starts a draft registration of a system or model. A kind the subject's classification "
        "does not call for is refused with 409 filing_kind_not_allowed, citing the article "
        "(Art 5, Art 49(1)-(3), Art 52(1)); evidence that is neither the subject's nor shared "
        "with 400 evidence_not_of_subject; a second draft of the same kind and subject with "
        "409 draft_exists. A subject not classified yet may be drafted.",
    ),
    "filings_retrieve": Op(
        "Read a filing", "One filing draft with its status, registration number and ETag."
    ),
    "filings_partial_update": Op(
        "Change a filing draft",
        f"Changes the draft's evidence and notes; what was filed already never changes. {_PATCH}",
    ),
    "filings_checklist": Op(
        "What a filing still lacks",
        "What is missing before the draft can be submitted, exactly what submit enforces: the "
        "Annex VIII items of its section, or the model documentation for GPAI models.",
    ),
    "filings_submit": Op(
        "Submit a filing to the register",
        "Files the next version in the EU database (Art 49, Art 71): an immutable, hashed "
        "snapshot, reviewed by the competent authority; its PDF is rendered in the "
        "background. Requires `confirm: true` (400 declaration_required). Refusals: 400 "
        "filing_incomplete with the missing items as field errors; 409 "
        "filing_kind_not_allowed; 409 classification_outdated (classify again); 400 "
        "evidence_not_of_subject; 409 version_awaiting_review while an earlier version waits "
        "for its decision. Send an Idempotency-Key: a retried submit files once.",
    ),
    "filings_status": Op(
        "Poll a filing",
        "The status of the latest filed version and of its PDF job; poll it after submit "
        "until the PDF is `ready`, or subscribe to the `filing.pdf_ready` webhook.",
    ),
    "filings_versions": Op(
        "List filed versions", f"Every version filed from this draft, newest first. {_LIST}"
    ),
    "filings_version_pdf": Op(
        "Download a version's PDF",
        "The PDF/A of one filed version with the filed JSON embedded. 409 pdf_not_ready with "
        "Retry-After until the background job has rendered it; 404 version_not_found for a "
        "number that was never filed.",
    ),
    "filings_comments_resolve": Op(
        "Answer a reviewer's comment",
        "Says how the organisation dealt with a reviewer's comment (any version of this filing); "
        "the comment becomes `resolved`, awaiting the reviewer, who confirms or reopens it. A "
        "comment the reviewer already confirmed is 409 comment_confirmed; an empty answer is 400 "
        "validation_failed; a comment of another filing is 404 comment_not_found.",
    ),
    "filings_destroy": Op(
        "Discard a draft",
        "Deletes a draft that was never filed (the subject and its evidence stay). A draft with a "
        "filed version is 409 draft_filed: its versions stay in the register; withdraw it instead.",
    ),
    "filings_withdraw": Op(
        "Withdraw a filing",
        "Withdraws the version waiting for review or, once registered, the registration; the "
        "versions stay readable. A version that cannot be withdrawn in its status is 409 "
        "invalid_transition; a draft never filed is 404 not_filed.",
    ),
    # --- serious-incident reports (Art 73, Art 55(1)(c)) -------------------------------------
    "incidents_list": Op(
        "List incidents",
        "The organisation's serious-incident drafts and reports, newest first, each with its "
        "report in the register once sent and its clock: what is due next, by when, under which "
        f"rule (Art 73(2)-(4); CoP Safety and Security Measure 9.3), and whether it is overdue. {_LIST}",
    ),
    "incidents_create": Op(
        "Record an incident",
        "Starts the report of a serious incident (Art 3(49)): `art73` about a high-risk AI system "
        "(to the market-surveillance authority of `member_state`), `art55` about a GPAI model "
        "with systemic risk (to the AI Office). `title`, `harms` and `aware_on` are required; "
        "the rest may follow by PATCH (Art 73(5): the initial report may be incomplete). A harm "
        "the regime does not know (`cybersecurity` under Art 73) is 400 validation_failed. Send "
        "an Idempotency-Key so that a retry does not create it twice.",
    ),
    "incidents_retrieve": Op(
        "Read an incident", "One incident with its report, its clock and its ETag for a PATCH."
    ),
    "incidents_partial_update": Op(
        "Change an incident",
        "Changes the facts you send; they go to the authority with the next version. Once a "
        f"report is sent its awareness date is fixed (409 incident_aware_on_fixed). {_PATCH}",
    ),
    "incidents_destroy": Op(
        "Discard an incident draft",
        "Deletes a draft never sent. A sent report stays with the authority: 409 incident_sent.",
    ),
    "incidents_submit": Op(
        "Send an incident report",
        "Files the next version of the report in the register, addressed to the authority chosen "
        "by the rules: immutable, hashed (SHA-256 over the canonical JSON, chained to the "
        "previous version) and rendered to PDF in the background. The first version is the "
        "initial report; later ones are `follow_up`, `intermediate` or `final`. A key needs the "
        "`submit` scope (403 scope_missing). Refusals: 400 validation_failed naming the fields "
        "(a deployer must record when it informed the provider, Art 26(5)); 400 not_high_risk; "
        "400 not_systemic_risk; 400 no_authority; 409 incident_not_open after the final report "
        "or closing. Send an Idempotency-Key: a retried send files once.",
    ),
    "incidents_status": Op(
        "Poll an incident report",
        "The report's status, its latest version with its PDF job and every step taken on it "
        "(versions sent, acknowledgement, information requested, measures, closing).",
    ),
    "incidents_versions": Op(
        "List report versions", f"Every version sent about this incident, newest first. {_LIST}"
    ),
    "incidents_version_pdf": Op(
        "Download a report version's PDF",
        "The PDF/A-3b of one version with its canonical JSON embedded (incident.json). 409 "
        "pdf_not_ready with Retry-After until rendered; 404 version_not_found for a number never "
        "sent.",
    ),
    # --- audit ----------------------------------------------------------------------------------
    "audit_events_list": Op(
        "List audit events",
        "Every change in the workspace: who (person or key), what, when, before and after. "
        f"{_LIST}",
    ),
    "audit_events_retrieve": Op("Read an audit event", "One audit event."),
    # --- members ---------------------------------------------------------------------------------
    "members_list": Op("List members", f"The people of this organisation and their roles. {_LIST}"),
    "members_create": Op(
        "Invite a member",
        "Invites a person by e-mail address, as Settings → Members does: an e-mail with a link "
        "valid for seven days is sent, and the person becomes a member only when they accept "
        "it (nobody becomes a member, and no account is created, before). The answer is 202 "
        "with the same fields whether or not the address has an account, and no name; "
        "inviting the address again renews the invitation (new link, new expiry). Refused, "
        "with nothing created or sent: 400 validation_failed (invalid address or role), 403 "
        "permission_denied (inviting an owner without being one), 409 already_member.",
    ),
    "members_retrieve": Op("Read a membership", "One membership with its ETag."),
    "members_partial_update": Op(
        "Change a member's role",
        "Only owners grant, change or remove the owner role; the last owner cannot be "
        f"demoted (409 last_owner). {_PATCH}",
    ),
    "members_destroy": Op(
        "Remove a member",
        "Ends the membership; the person's account stays. The last owner cannot be removed "
        "(409 last_owner).",
    ),
    # --- API keys --------------------------------------------------------------------------------
    "api_keys_list": Op("List API keys", f"The organisation's keys, never their secrets. {_LIST}"),
    "api_keys_create": Op(
        "Create an API key",
        "Creates a key with the scopes you list (they do not imply one another). The secret "
        "is in `key` of this answer only; it is stored hashed and a replay of the request "
        "answers `key: null`. A key expires at `expires_at`, by default 90 days from now.",
    ),
    "api_keys_retrieve": Op("Read an API key", "One key's record, never its secret."),
    "api_keys_revoke": Op(
        "Revoke an API key",
        "Revokes the key at once; its record stays, with `revoked_at` set, and requests with "
        "it are answered 401 from now on.",
    ),
    # --- webhooks --------------------------------------------------------------------------------
    # --- rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5) ---------------
    "rights_requests_list": Op(
        "List rights holders' requests",
        "Requests that rights holders filed on the public register and confirmed by e-mail, "
        "newest first, with their status and the due date your copyright policy sets; "
        "`overdue` is true for an open request past it. Editors, or keys with the write "
        f"scope. {_LIST}",
    ),
    "rights_requests_retrieve": Op(
        "Read a rights holder's request",
        "One request in full: the requester and whom they act for, the works concerned, what "
        "they ask, the answer or the reason for a rejection, and its history.",
    ),
    "rights_requests_answer": Op(
        "Answer a rights holder's request",
        "Sends `answer` to the requester by e-mail and closes the request as answered. Only an "
        "open request (received or under review): 409 invalid_transition otherwise. "
        "Administrators, or keys with the admin scope.",
    ),
    "rights_requests_reject": Op(
        "Reject a rights holder's request",
        "Sends `reason` to the requester by e-mail and closes the request as rejected. Only an "
        "open request: 409 invalid_transition otherwise. Administrators, or keys with the admin "
        "scope.",
    ),
    "webhooks_list": Op("List webhook endpoints", f"The organisation's endpoints. {_LIST}"),
    "webhooks_create": Op(
        "Register a webhook endpoint",
        "Registers an http(s) URL for filing events. Deliveries are JSON POSTs signed after "
        "the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, "
        '`webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`) with the '
        "secret returned here once (`whsec_` and base64: the key is the decoded part); "
        "`Portal-Signature: t=<unix time>,v1=<hex>` is still sent for one release. The answer "
        "is not to be cached (`Cache-Control: no-store`). In production private, loopback and "
        "link-local addresses are refused (400).",
    ),
    "webhooks_retrieve": Op("Read a webhook endpoint", "One endpoint with its ETag, no secret."),
    "webhooks_partial_update": Op("Change a webhook endpoint", _PATCH),
    "webhooks_destroy": Op(
        "Delete a webhook endpoint",
        "Deletes the endpoint: no more deliveries go to it. `If-Match` is checked when sent.",
    ),
    "webhooks_deliveries": Op(
        "List deliveries of an endpoint",
        "Every delivery attempt to this endpoint, newest first, with the answer received. "
        "Failed deliveries are retried with exponential backoff, six attempts. " + _LIST,
    ),
    "webhooks_test": Op(
        "Send a test delivery",
        "Queues a `webhook.test` delivery to this endpoint; its outcome appears in the "
        "delivery log.",
    ),
    # --- authorised representatives (Art 22, Art 54) ---------------------------------------
    "mandates_list": Op(
        "List representative mandates",
        "The authorised-representative mandates this organisation gave (as a provider "
        "established outside the Union) or holds (as an EU-established representative), with "
        f"their history; `side` says which. {_LIST}",
    ),
    "mandates_retrieve": Op("Read a mandate", "One mandate with its history of events."),
    "mandates_offer": Op(
        "Offer a mandate",
        "A provider established in a third country offers a written mandate (Art 22(1), "
        "Art 54(1)) to an EU-established organisation on the portal: the document (checked "
        "like evidence, stored hashed), the scope (all, or the listed system and GPAI model "
        "ids), the tasks of Art 22(3)(a)-(e) / Art 54(3)(a)-(d), who submits, whether the "
        "representative verifies each filing, and the dates. 400 "
        "representative_not_eu_established when the representative is not established in the "
        "Union; 400 mandate_not_needed for a provider established in the Union; 409 "
        "mandate_pending while an earlier offer to the same organisation awaits its answer.",
    ),
    "mandates_accept": Op(
        "Accept a mandate",
        "The representative accepts a mandate offered to it; from its start date the provider "
        "may file the covered registrations. 409 mandate_state unless it is offered.",
    ),
    "mandates_decline": Op(
        "Decline a mandate",
        "The representative declines a mandate offered to it, with its reason.",
    ),
    "mandates_terminate": Op(
        "Terminate a mandate",
        "Either side ends the mandate with its reason (Art 22(4), Art 54(5)). The competent "
        "authorities (the market-surveillance authorities of the member states the covered "
        "filings name; the AI Office for GPAI models) are informed by e-mail, and the "
        "provider's filings show no representative until a new mandate is active; until then "
        "the provider cannot file them (409 representative_mandate_required).",
    ),
    "filings_request_verification": Op(
        "Ask the representative to verify a filing",
        "Art 22(3)(a), Art 54(3)(a): sends the filing as prepared (with the representative's "
        "Annex VIII A3/B3 details from its mandate) to the authorised representative whose "
        "mandate in force covers its subject. A newer request replaces one still awaiting an "
        "answer; any change to the draft after a verification needs a new one before it can be "
        "filed. 400 no_mandate where no mandate covers the subject, 400 filing_incomplete (with "
        "the missing fields) before the filing is complete.",
    ),
    "verifications_list": Op(
        "List verifications",
        "The verifications of the mandates this organisation gave (as the provider: its requests "
        "and their answers) or holds (as the representative: what it is asked to verify), newest "
        "first, each with `side`. Filter with `state` (requested, verified, refused).",
    ),
    "verifications_retrieve": Op(
        "Read a verification",
        "One verification with the body the provider prepared and its SHA-256 (of the canonical "
        "JSON): what the representative verifies.",
    ),
    "verifications_verify": Op(
        "Verify a filing",
        "The representative confirms the body it read, naming its `sha256` (409 "
        "verification_sha256_mismatch when that is not the body awaiting verification, 409 "
        "verification_answered when it was answered already, 409 mandate_state when the mandate "
        "is no longer in force). With `submit: true`, where the mandate lets the representative "
        "submit (Art 22(3)(e)), it files the filing in the provider's name at once and `filed` "
        "names the filing and version.",
    ),
    "verifications_refuse": Op(
        "Refuse a verification",
        "The representative refuses what the provider prepared, with its reason; the provider "
        "cannot file that body, and asks again after changing it.",
    ),
}
