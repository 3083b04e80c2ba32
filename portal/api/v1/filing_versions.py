"""Register-side representations shared by the organisation's filings API and the regulator API:
versions with their PDF job, comments, decisions, and the PDF download."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from portal.api.v1.common import file_download
from registry.register import storage
from registry.register.models import (
    FilingVersion,
    PdfJob,
    PdfJobState,
    PublicRendition,
    ReviewComment,
    ReviewDecision,
)
from registry.register.models.pdf import RenderJob
from registry.register.pdf_files import version_pdf


class PdfNotReady(exceptions.APIException):
    status_code = 409
    default_detail = "The PDF of this version is not rendered yet; poll the status and retry."
    default_code = "pdf_not_ready"
    retry_after = 5  # seconds: a typical filing renders in under one (README, Performance)


# What an integrator checks a download against (README, API): the file's own SHA-256.
PDF_SHA256_HELP = "SHA-256 (hex) of the PDF file as its download serves it; empty until ready."


class PdfSerializer(serializers.ModelSerializer):
    class Meta:
        model = PdfJob
        fields = ["state", "pdf_sha256", "pdf_size", "page_count", "finished_at"]
        # Always in the answer: read-only fields are required in the document, so a generated
        # client types them as present (`str`, not `str | Unset`).
        read_only_fields = fields
        extra_kwargs = {"pdf_sha256": {"help_text": PDF_SHA256_HELP}}


class FilingVersionSerializer(serializers.ModelSerializer):
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = FilingVersion
        fields = [
            "number",
            "status",
            "sha256",
            "previous_sha256",
            "schema_version",
            "submitted_at",
            "submitted_by_label",
            "decided_at",
            "pdf",
        ]

    @extend_schema_field(PdfSerializer(allow_null=True))
    def get_pdf(self, version: FilingVersion) -> dict[str, Any] | None:
        job = getattr(version, "pdf_job", None)
        return PdfSerializer(job).data if job is not None else None


class ReviewCommentSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number", read_only=True)
    authority = serializers.CharField(source="authority.slug", read_only=True)

    class Meta:
        model = ReviewComment
        fields = [
            "id",
            "version",
            "field",
            "body",
            "author_label",
            "authority",
            "created_at",
            "state",
            "resolution",
            "resolved_by_label",
            "resolved_at",
            "confirmed_by_label",
            "confirmed_at",
        ]
        read_only_fields = fields

    state = serializers.ChoiceField(
        choices=["open", "resolved", "confirmed"],
        read_only=True,
        help_text="open; resolved (the organisation answered, awaiting the reviewer); confirmed "
        "(the reviewer agreed the answer settles it).",
    )


class CommentResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(
        max_length=4000, help_text="How the organisation dealt with the comment."
    )


class ReviewDecisionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number", read_only=True)
    authority = serializers.CharField(source="authority.slug", read_only=True, allow_null=True)

    class Meta:
        model = ReviewDecision
        fields = ["id", "version", "kind", "reason", "actor_label", "authority", "created_at"]


class PublicCopySerializer(serializers.ModelSerializer):
    """The public copy of a registered version: the only PDF the public register serves."""

    public_sha256 = serializers.CharField(
        source="sha256",
        read_only=True,
        help_text="SHA-256 of the public part embedded in the PDF (filing.json).",
    )

    class Meta:
        model = PublicRendition
        fields = ["state", "public_sha256", "pdf_sha256", "pdf_size", "page_count", "finished_at"]
        read_only_fields = fields
        extra_kwargs = {"pdf_sha256": {"help_text": PDF_SHA256_HELP}}


# Version lists page by number: unique within one filing (constraint one_version_number).
OLDEST_FIRST = ("number",)
NEWEST_FIRST = ("-number",)


def as_page_source(versions: list[FilingVersion]) -> QuerySet[FilingVersion]:
    """The versions a selector chose (row by row: Art 49(4) flags, member states, public
    statuses) as a queryset the cursor pagination can page through: exactly those rows."""
    return FilingVersion.objects.filter(pk__in=[version.pk for version in versions])


def pdf_download(version: FilingVersion) -> Any:
    """The complete filing's PDF: for the organisation and its authorities."""
    return _stored_pdf(*version_pdf(version, public=False))


def public_pdf_download(version: FilingVersion) -> Any:
    """The public copy's PDF (docs/decisions/0008-public-rendition.md)."""
    return _stored_pdf(*version_pdf(version, public=True))


def _stored_pdf(job: RenderJob | None, filename: str) -> Any:
    if job is None or job.state != PdfJobState.READY:
        raise PdfNotReady()
    return file_download(
        storage.absolute_path(job.storage_path), filename=filename, content_type="application/pdf"
    )
