"""Register-side representations of serious-incident reports, shared by the organisation's
incidents API and the regulator API: the report, its versions with their PDF, its steps, and the
PDF download. Nothing here reads an organisation's workspace."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.v1.common import file_download
from portal.api.v1.filing_versions import PDF_SHA256_HELP, PdfNotReady
from registry.register import storage
from registry.register.models import (
    IncidentPdfJob,
    IncidentReport,
    IncidentReportVersion,
    IncidentStep,
    PdfJobState,
)


class IncidentPdfSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentPdfJob
        fields = ["state", "pdf_sha256", "pdf_size", "page_count", "finished_at"]
        read_only_fields = fields
        extra_kwargs = {"pdf_sha256": {"help_text": PDF_SHA256_HELP}}


class IncidentVersionSerializer(serializers.ModelSerializer):
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = IncidentReportVersion
        fields = [
            "number",
            "stage",
            "sha256",
            "previous_sha256",
            "submitted_at",
            "submitted_by_label",
            "pdf",
        ]
        read_only_fields = fields

    @extend_schema_field(IncidentPdfSerializer(allow_null=True))
    def get_pdf(self, version: IncidentReportVersion) -> dict[str, Any] | None:
        job = getattr(version, "pdf_job", None)
        return IncidentPdfSerializer(job).data if job is not None else None


class IncidentStepSerializer(serializers.ModelSerializer):
    authority = serializers.CharField(source="authority.slug", read_only=True, allow_null=True)

    class Meta:
        model = IncidentStep
        fields = [
            "id",
            "kind",
            "actor_label",
            "authority",
            "version_number",
            "note",
            "due_on",
            "measure",
            "created_at",
        ]
        read_only_fields = fields


class IncidentReportSerializer(serializers.ModelSerializer):
    """The report as the register holds it (both sides read the same fields)."""

    authority = serializers.CharField(source="authority.slug", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    registration_number = serializers.CharField(
        source="filing.registration_number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = IncidentReport
        fields = [
            "id",
            "reference",
            "regime",
            "subject_type",
            "subject_id",
            "subject_name",
            "registration_number",
            "authority",
            "authority_name",
            "member_state",
            "harms",
            "widespread",
            "aware_on",
            "due_on",
            "clock_citation",
            "restricted",
            "status",
            "latest_number",
            "latest_stage",
            "next_due_on",
            "information_due_on",
            "first_report_at",
            "latest_report_at",
            "closed_at",
        ]
        read_only_fields = fields


def incident_pdf_download(version: IncidentReportVersion) -> Any:
    """The PDF of one incident report version: for the organisation and its authority only."""
    job = getattr(version, "pdf_job", None)
    if job is None or job.state != PdfJobState.READY:
        raise PdfNotReady()
    return file_download(
        storage.absolute_path(job.storage_path),
        filename=f"{version.report.reference}-v{version.number}.pdf",
        content_type="application/pdf",
    )
