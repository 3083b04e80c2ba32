"""Issue 18 item 7: clients generated from the two OpenAPI documents, as an integrator generates
them (openapi-python-client, --fail-on-warning, examples/openapi-python-client.yaml), drive the
README's API walkthrough and an authority's review. Only generated code talks to the portal,
in-process over WSGI (the host name picks the organisation, as in production); the clients are
regenerated on every run and never committed."""

from __future__ import annotations

import hashlib
import importlib
import io
import pkgutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import httpx
import pypdf
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client as DjangoClient
from openapi_python_client.config import ConfigFile

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import ApiKey
from portal.api.models import IdempotencyRecord
from registry.workspace.demo_files import minimal_pdf
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST
from tests.cast import Cast
from tests.worker import celery_worker

CONFIG = Path(__file__).resolve().parents[2] / "examples" / "openapi-python-client.yaml"
PACKAGES = {ORG_A_HOST: "portal_org_client", PUBLIC_HOST: "portal_public_client"}


@pytest.fixture(scope="session")
def generated_clients(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> Iterator[dict[str, ModuleType]]:
    """Both documents as served, each generated into a package: once per session, the two in
    parallel (about 5 s, 3 s of CPU)."""
    out = tmp_path_factory.mktemp("generated-clients")
    runs = {}
    for host, package in PACKAGES.items():
        with django_db_blocker.unblock():
            document = DjangoClient(HTTP_HOST=host).get("/api/schema/?format=json")
            connection.set_schema_to_public()
        assert document.status_code == 200
        (out / f"{package}.json").write_bytes(document.content)
        # The integrator's configuration, with a package name per document and without the
        # ruff post-hooks (formatting changes nothing the test relies on, and costs seconds).
        config = ConfigFile.load_from_path(CONFIG).model_copy(
            update={"package_name_override": package, "post_hooks": []}
        )
        (out / f"{package}.config.json").write_text(config.model_dump_json(exclude_none=True))
        command = [sys.executable, "-m", "openapi_python_client", "generate"]
        command += ["--path", str(out / f"{package}.json")]
        command += ["--config", str(out / f"{package}.config.json")]
        command += ["--meta", "none", "--output-path", str(out / package), "--fail-on-warning"]
        runs[host] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for host, run in runs.items():
        output = run.communicate(timeout=120)[0].decode()
        assert run.returncode == 0, f"generating the client of {host} warned or failed:\n{output}"
        assert "Warning" not in output, output
    sys.path.insert(0, str(out))
    try:
        yield {host: importlib.import_module(package) for host, package in PACKAGES.items()}
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.split(".")[0] in PACKAGES.values()]:
            del sys.modules[name]


@pytest.fixture
def transport() -> Iterator[httpx.WSGITransport]:
    """The portal in this process: the test's connection stays open across requests (as with
    Django's test client), so a `db` test's transaction survives them."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield httpx.WSGITransport(app=WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _client(package: ModuleType, host: str, key: str, transport: httpx.BaseTransport) -> Any:
    return package.AuthenticatedClient(
        base_url=f"http://{host}",
        token=key,
        raise_on_unexpected_status=True,  # an answer the document does not list fails the test
        httpx_args={"transport": transport},
    )


def _ok(response: Any, status: int) -> Any:
    """The parsed body of a documented success (a Problem or another status fails the test)."""
    assert response.status_code == status, response.content[:2000]
    assert response.parsed is not None
    return response.parsed


@pytest.mark.worker
def test_generated_client_files_the_readme_walkthrough_and_downloads_the_pdf(
    generated_clients: dict[str, ModuleType],
    transport: httpx.WSGITransport,
    committed_db: None,
    settings: Any,
    tmp_path: Path,
) -> None:
    """README "API", step by step: evidence upload (multipart), a system, its classification,
    a draft, its checklist, submit with the declaration and an Idempotency-Key, poll until a real
    Celery worker has rendered the PDF, download it (binary) and check it against
    `pdf.pdf_sha256` of the version."""
    from portal_org_client.api.evidence import evidence_upload
    from portal_org_client.api.filings import (
        filings_checklist,
        filings_create,
        filings_status,
        filings_submit,
        filings_version_pdf,
    )
    from portal_org_client.api.me import me
    from portal_org_client.api.systems import systems_classify, systems_create
    from portal_org_client.models import (
        ClassifyRequest,
        ClassifyRequestFacts,
        ConformityAssessmentRouteEnum,
        EvidenceUploadRequest,
        FilingDraftCreateRequest,
        FilingKindEnum,
        FilingStatusEnum,
        MemberStateEnum,
        OperatorRoleEnum,
        PdfJobStateEnum,
        Problem,
        SubmitRequest,
        SystemStatusEnum,
        SystemWriteRequest,
    )
    from portal_org_client.types import File

    # Committed rows (the worker is another process); the workspace and register tables are
    # truncated afterwards (tests/committed.py), the key and its idempotency records here.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    key, plaintext = api_key_create(
        actor=cast.owner_a,
        organisation=cast.org_a,
        name="generated client",
        scopes=["read", "write", "submit"],
    )
    run = f"generated-{uuid.uuid4().hex}"
    try:
        client = _client(generated_clients[ORG_A_HOST], ORG_A_HOST, plaintext, transport)
        assert _ok(me.sync_detailed(client=client), 200).organisation.slug == "acme"

        def upload(title: str) -> int:
            body = EvidenceUploadRequest(
                file=File(
                    payload=io.BytesIO(minimal_pdf(title)),
                    file_name=f"{title}.pdf",
                    mime_type="application/pdf",
                ),
                title=title,
            )
            evidence = _ok(evidence_upload.sync_detailed(client=client, body=body), 201)
            assert evidence.content_type == "application/pdf"
            return int(evidence.id)

        declaration, instructions = upload("EU declaration"), upload("Instructions")

        system = _ok(
            systems_create.sync_detailed(
                client=client,
                idempotency_key=f"{run}-register",
                body=SystemWriteRequest(
                    trade_name="TriageAssist",
                    role=OperatorRoleEnum.PROVIDER,
                    system_reference="TA 2.1",
                    provider_address="Friedrichstraße 1, 10117 Berlin",
                    provider_contact_details="compliance@helios.example",
                    intended_purpose="Prioritises emergency calls for dispatchers.",
                    components_and_functions="Speech-to-text, triage model, dispatcher console.",
                    data_and_logic_description="Gradient-boosted classifier over call records.",
                    status=SystemStatusEnum.ON_MARKET,
                    member_states=[MemberStateEnum.DE],
                    conformity_assessment_route=ConformityAssessmentRouteEnum.ANNEX_VI_INTERNAL_CONTROL,
                    declaration_of_conformity=declaration,
                    instructions_for_use=instructions,
                ),
            ),
            201,
        )
        facts = ClassifyRequestFacts.from_dict(
            {"role": "provider", "annex_iii_area": "5(d)", "provider_established_in_eu": True}
        )
        classification = _ok(
            systems_classify.sync_detailed(
                str(system.id), client=client, body=ClassifyRequest(facts=facts)
            ),
            201,
        )
        assert classification.risk_tier == "high_risk"

        draft = _ok(
            filings_create.sync_detailed(
                client=client,
                body=FilingDraftCreateRequest(kind=FilingKindEnum.ANNEX_VIII_A, system=system.id),
            ),
            201,
        )
        checklist = _ok(filings_checklist.sync_detailed(str(draft.id), client=client), 200)
        assert checklist.complete, [(item.code, item.message) for item in checklist.missing]

        def submit() -> Any:
            return filings_submit.sync_detailed(
                str(draft.id),
                client=client,
                body=SubmitRequest(confirm=True),
                idempotency_key=f"{run}-submit",
            )

        first = submit()
        filed = _ok(first, 201)
        assert filed.status == FilingStatusEnum.SUBMITTED and filed.registration_number
        # A retry after a lost answer files nothing twice: the same answer, marked a replay.
        again = submit()
        assert again.status_code == first.status_code and again.content == first.content
        assert again.headers["Idempotent-Replayed"] == "true"

        # No worker yet: the documented 409 pdf_not_ready, with Retry-After.
        early = filings_version_pdf.sync_detailed(str(draft.id), 1, client=client)
        assert early.status_code == 409 and isinstance(early.parsed, Problem)
        assert early.parsed.code == "pdf_not_ready" and int(early.headers["Retry-After"]) >= 1

        with celery_worker():
            deadline = time.monotonic() + 60
            while True:
                status = _ok(filings_status.sync_detailed(str(draft.id), client=client), 200)
                pdf = status.latest_version.pdf
                if pdf is not None and pdf.state == PdfJobStateEnum.READY:
                    break
                assert time.monotonic() < deadline, f"PDF not rendered: {status.to_dict()}"
                time.sleep(0.2)

        download = filings_version_pdf.sync_detailed(str(draft.id), 1, client=client)
        assert download.headers["Content-Type"] == "application/pdf"
        content = _ok(download, 200).payload.read()
        assert hashlib.sha256(content).hexdigest() == pdf.pdf_sha256
        assert len(content) == pdf.pdf_size
        reader = pypdf.PdfReader(io.BytesIO(content))
        assert len(reader.pages) == pdf.page_count
        text = "".join(page.extract_text() for page in reader.pages)
        assert "TriageAssist" in text and filed.registration_number in text
        # The snapshot embedded in the PDF/A-3 is the version the register keeps.
        (snapshot,) = [a for a in reader.attachment_list if a.name == "filing.json"]
        assert hashlib.sha256(snapshot.content).hexdigest() == status.latest_version.sha256
    finally:
        ApiKey.objects.filter(pk=key.pk).delete()
        IdempotencyRecord.objects.filter(key__startswith=run).delete()


def test_generated_public_client_walks_the_regulator_review(
    generated_clients: dict[str, ModuleType],
    transport: httpx.WSGITransport,
    make_key: Any,
    msa: Any,
    org_a: Any,
    targets: Any,
) -> None:
    """An authority's key on the public host: the queue, one filing (and its PDF, binary), a
    comment, registering refused (a lead's decision), changes requested; the organisation then
    sees them on its filing's status."""
    from portal_org_client.api.filings import filings_status
    from portal_public_client.api.regulator import (
        regulator_comment,
        regulator_comments_list,
        regulator_filings_list,
        regulator_filings_retrieve,
        regulator_filings_version_pdf,
        regulator_register,
        regulator_request_changes,
    )
    from portal_public_client.models import (
        CommentInRequest,
        FilingStatusEnum,
        Problem,
        RegulatorFilingsListStatus,
        RequestChangesRequest,
    )

    filing_id, draft_id = targets["filing_a"], targets["draft_a"]  # submitted by acme, DE
    reviewer = _client(
        generated_clients[PUBLIC_HOST],
        PUBLIC_HOST,
        make_key(msa, scopes=["read", "write"]),
        transport,
    )

    queue = _ok(
        regulator_filings_list.sync_detailed(
            client=reviewer, status=RegulatorFilingsListStatus.SUBMITTED, page_size=10
        ),
        200,
    )
    assert [str(row.id) for row in queue.results] == [filing_id]

    filing = _ok(regulator_filings_retrieve.sync_detailed(filing_id, client=reviewer), 200)
    assert filing.organisation.slug == "acme" and filing.status == FilingStatusEnum.SUBMITTED
    (version,) = filing.versions
    pdf = _ok(regulator_filings_version_pdf.sync_detailed(filing_id, 1, client=reviewer), 200)
    assert hashlib.sha256(pdf.payload.read()).hexdigest() == version.pdf.pdf_sha256

    comment = _ok(
        regulator_comment.sync_detailed(
            filing_id,
            client=reviewer,
            body=CommentInRequest(field="intended_purpose", body="Which decisions does it make?"),
            idempotency_key=f"comment-{uuid.uuid4()}",
        ),
        201,
    )
    assert (comment.version, comment.authority) == (1, "de-msa")

    # A key acts as a reviewer: registering is a lead's (README, API), refused as a Problem.
    refused = regulator_register.sync_detailed(filing_id, client=reviewer)
    assert refused.status_code == 403 and isinstance(refused.parsed, Problem)
    assert refused.parsed.code == "lead_required"

    decided = _ok(
        regulator_request_changes.sync_detailed(
            filing_id,
            client=reviewer,
            body=RequestChangesRequest(
                comments=[CommentInRequest(field="system_reference", body="Give the version.")]
            ),
        ),
        200,
    )
    assert decided.status == FilingStatusEnum.CHANGES_REQUESTED
    assert [d.kind for d in decided.decisions] == ["request_changes"]

    comments = _ok(regulator_comments_list.sync_detailed(filing_id, client=reviewer), 200)
    assert [c.field for c in comments.results] == ["intended_purpose", "system_reference"]

    # The organisation reads the outcome through its own generated client.
    provider = _client(
        generated_clients[ORG_A_HOST], ORG_A_HOST, make_key(org_a, scopes=["read"]), transport
    )
    status = _ok(filings_status.sync_detailed(str(draft_id), client=provider), 200)
    assert status.status == "changes_requested"
    assert {c.field for c in status.comments} == {"intended_purpose", "system_reference"}


def test_generated_models_type_what_a_download_is_checked_against_as_always_there(
    generated_clients: dict[str, ModuleType],
) -> None:
    """The hash of a PDF is in every answer that carries the PDF's state: `str`, not `Unset`."""
    from portal_org_client.models import Pdf
    from portal_public_client.models import PublicCopy

    for model in (Pdf, PublicCopy):
        fields = attrs.fields_dict(model)
        del fields["additional_properties"]
        assert [name for name, f in fields.items() if f.default is not attrs.NOTHING] == [], model
        assert "pdf_sha256 (str): SHA-256 (hex) of the PDF file" in (model.__doc__ or "")


def test_every_module_of_both_generated_clients_imports(
    generated_clients: dict[str, ModuleType],
) -> None:
    """Generation without warnings is not enough: what it wrote must also be valid Python."""
    for package in generated_clients.values():
        names = [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
        assert len(names) > 50
        for name in names:
            importlib.import_module(name)
