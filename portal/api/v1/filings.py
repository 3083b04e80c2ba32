"""/api/v1/filings/: the organisation's filing drafts, their completeness check, submitting them to
the register (scope `submit`), their status, versions, PDFs, and withdrawal.

A "filing" here is the draft (an id of this organisation); once submitted it carries the
register's `filing_id` and `registration_number`, which webhooks and the regulator use."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.filters import IdFilter
from portal.api.request import PortalRequest
from portal.api.schema import pdf_responses, present, when
from portal.api.v1.common import (
    DOWNLOAD_RENDERERS,
    IdListField,
    LockedUpdateMixin,
    not_found,
    paginated_list,
    resource_schema,
)
from portal.api.v1.filing_versions import (
    NEWEST_FIRST,
    CommentResolveSerializer,
    FilingVersionSerializer,
    ReviewCommentSerializer,
    as_page_source,
    pdf_download,
)
from portal.api.v1.verifications import VerificationSerializer
from portal.api.views import OrganisationViewSet
from registry.register.models import (
    MODEL_KINDS,
    SYSTEM_KINDS,
    Filing,
    FilingKind,
    FilingStatus,
    FilingVersion,
    ReviewComment,
)
from registry.register.selectors_mandates import verifications_for
from registry.register.services.comments import comment_resolve
from registry.workspace.models import FilingDraft
from registry.workspace.selectors.drafts import (
    filing_draft_checklist,
    filing_draft_comment,
    filing_draft_list,
    filing_draft_register_state,
)
from registry.workspace.services.drafts import (
    filing_draft_create,
    filing_draft_discard,
    filing_draft_submit,
    filing_draft_update,
    filing_withdraw_for_draft,
)
from registry.workspace.services.representation import filing_verification_request


class FilingDraftSerializer(serializers.ModelSerializer):
    extra_evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    registration_number = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(
        help_text="The register's status of the filing; null while it is a draft."
    )

    class Meta:
        model = FilingDraft
        fields = [
            "id",
            "uid",
            "kind",
            "system",
            "gpai_model_version",
            "provider_filing",
            "extra_evidence",
            "notes",
            "register_filing_id",
            "registration_number",
            "status",
            "last_submitted_version",
            "last_submitted_at",
            "created_at",
            "updated_at",
        ]

    def _filing(self, draft: FilingDraft) -> Filing | None:
        return self.context.get("filings", {}).get(draft.register_filing_id)

    def get_registration_number(self, draft: FilingDraft) -> str | None:
        filing = self._filing(draft)
        return filing.registration_number if filing else None

    def get_status(self, draft: FilingDraft) -> str | None:
        filing = self._filing(draft)
        return filing.status if filing else None


class FilingDraftCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FilingKind.choices)
    system = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="For Annex VIII kinds: the AI system.",
    )
    gpai_model_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="For GPAI kinds: the model version.",
    )
    provider_filing = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Section C (Art 49(3)): the provider's registered entry in the register.",
    )
    extra_evidence = IdListField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)

    # The subject a kind needs (registry/workspace/services/drafts.py), documented.
    schema_rules: ClassVar[list[dict[str, Any]]] = [
        when("kind", sorted(SYSTEM_KINDS), present("system", system={"type": "integer"})),
        when(
            "kind",
            sorted(MODEL_KINDS),
            present("gpai_model_version", gpai_model_version={"type": "integer"}),
        ),
    ]


class FilingDraftUpdateSerializer(serializers.Serializer):
    provider_filing = serializers.UUIDField(required=False, allow_null=True)
    extra_evidence = IdListField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class MissingItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class ExcludedItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    citation = serializers.CharField()
    reason = serializers.CharField()


class ChecklistSerializer(serializers.Serializer):
    complete = serializers.BooleanField()
    section = serializers.CharField(allow_null=True)
    restricted = serializers.BooleanField(help_text="Art 49(4): filed in the secure section.")
    missing = MissingItemSerializer(many=True)
    items = serializers.ListField(child=serializers.DictField(), help_text="What would be filed.")
    excluded = ExcludedItemSerializer(
        many=True,
        help_text="Art 49(4): the items a restricted registration leaves out of what is filed "
        "(Section A keeps points 1-5, 7 and 10; B 1-5, 8, 9; C 1-3), each with the reason.",
    )


class FilingStatusSerializer(serializers.Serializer):
    draft = serializers.IntegerField()
    filing_id = serializers.UUIDField(allow_null=True)
    registration_number = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=FilingStatus.choices, allow_null=True)
    latest_version = FilingVersionSerializer(allow_null=True)
    registered_version = serializers.IntegerField(allow_null=True)
    comments = ReviewCommentSerializer(many=True, help_text="Reviewers' remarks on the latest.")


class SubmitSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The submitter's declaration (Art 49: filing binds the organisation): true "
        "confirms that the key's owner or the signed-in person is authorised to file for the "
        "organisation and that the information is accurate and complete. It is recorded in the "
        "filed version (`filing.declaration`: the statement, who confirmed it and when). Without "
        "it the answer is 400 declaration_required and nothing is filed.",
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class FilingDraftFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=FilingKind.choices)
    system = IdFilter(field_name="system_id")
    submitted = django_filters.BooleanFilter(
        field_name="register_filing_id", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = FilingDraft
        fields: list[str] = []


_TAGS = ["filings"]
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")


@extend_schema_view(
    **resource_schema(
        "filings",
        tag="filings",
        write=FilingDraftCreateSerializer,
        update=FilingDraftUpdateSerializer,
        read=FilingDraftSerializer,
    )
)
class FilingViewSet(
    LockedUpdateMixin,
    mixins.RetrieveModelMixin,
    OrganisationViewSet,
):
    serializer_class = FilingDraftSerializer
    filterset_class = FilingDraftFilter
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    action_abilities = {
        "submit": "filing.submit",
        "withdraw": "filing.withdraw",
        "resolve_comment": "filing.prepare",
        "destroy": "filing.prepare",
        "verification": "filing.prepare",
    }

    def scoped_queryset(self) -> QuerySet[Any]:
        return filing_draft_list().prefetch_related("extra_evidence")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "filings": getattr(self, "_filings", {})}

    def _load_filings(self, drafts: list[FilingDraft]) -> None:
        """The register's rows of these drafts, in one query (this organisation's only)."""
        ids = [d.register_filing_id for d in drafts if d.register_filing_id]
        rows = Filing.objects.filter(pk__in=ids, organisation=self.organisation) if ids else []
        self._filings = {row.pk: row for row in rows}

    def _draft_response(self, draft: FilingDraft, code: int = 200) -> Response:
        self._load_filings([draft])
        return self.retrieve_with_etag(draft, code)

    def list(self, request: PortalRequest) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._load_filings(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        return self._draft_response(self.get_object())

    def create(self, request: PortalRequest) -> Response:
        payload = FilingDraftCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        draft = filing_draft_create(
            actor=request.actor,
            kind=data["kind"],
            system_id=data.get("system"),
            gpai_model_version_id=data.get("gpai_model_version"),
            provider_filing_id=data.get("provider_filing"),
            notes=data.get("notes", ""),
            extra_evidence_ids=data.get("extra_evidence"),
        )
        return self._draft_response(self.get_queryset().get(pk=draft.pk), status.HTTP_201_CREATED)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = FilingDraftUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        response = self.locked_update(
            lambda draft: filing_draft_update(
                actor=request.actor,
                draft=draft,
                notes=data.get("notes"),
                provider_filing_id=data.get("provider_filing"),
                extra_evidence_ids=data.get("extra_evidence"),
            )
        )
        return response

    @extend_schema(
        operation_id="filings_checklist",
        tags=_TAGS,
        responses={200: ChecklistSerializer},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def checklist(self, request: PortalRequest, pk: str) -> Response:
        content = filing_draft_checklist(self.get_object())
        return Response(
            {
                "complete": content.complete,
                "section": content.section,
                "restricted": content.restricted,
                "missing": [vars(item) for item in content.missing],
                "items": content.items,
                "excluded": content.excluded,
            }
        )

    @extend_schema(
        operation_id="filings_submit",
        tags=_TAGS,
        request=SubmitSerializer,
        responses={201: FilingStatusSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request: PortalRequest, pk: str) -> Response:
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        draft = self.get_object()
        filing_draft_submit(
            actor=request.actor, draft=draft, confirmed=payload.validated_data["confirm"]
        )
        return Response(self._status(draft), status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="filings_request_verification",
        tags=_TAGS,
        request=None,
        responses={201: VerificationSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def verification(self, request: PortalRequest, pk: str) -> Response:
        verification = filing_verification_request(actor=request.actor, draft=self.get_object())
        fresh = verifications_for(organisation=self.organisation).get(pk=verification.pk)
        context = {**self.get_serializer_context(), "organisation": self.organisation}
        return Response(
            VerificationSerializer(fresh, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        operation_id="filings_status", tags=_TAGS, responses={200: FilingStatusSerializer}
    )
    @action(detail=True, methods=["get"], url_path="status", filterset_class=None)
    def filing_status(self, request: PortalRequest, pk: str) -> Response:
        return Response(self._status(self.get_object()))

    def _status(self, draft: FilingDraft) -> dict[str, Any]:
        draft.refresh_from_db(fields=["register_filing_id"])
        state = filing_draft_register_state(draft)
        latest = state.versions[0] if state.versions else None
        filing = state.filing
        return {
            "draft": draft.pk,
            "filing_id": filing.pk if filing else None,
            "registration_number": filing.registration_number if filing else None,
            "status": filing.status if filing else None,
            "latest_version": FilingVersionSerializer(latest).data if latest else None,
            "registered_version": filing.registered_version_number if filing else None,
            "comments": ReviewCommentSerializer(state.comments, many=True).data,
        }

    @extend_schema(
        operation_id="filings_versions",
        tags=_TAGS,
        responses={200: FilingVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def versions(self, request: PortalRequest, pk: str) -> Response:
        state = filing_draft_register_state(self.get_object())
        rows = as_page_source(state.versions).select_related("pdf_job")
        return paginated_list(self, rows, FilingVersionSerializer, ordering=NEWEST_FIRST)

    @extend_schema(
        operation_id="filings_version_pdf",
        tags=_TAGS,
        parameters=[_NUMBER],
        responses=pdf_responses("The PDF/A-3b of the version."),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]+)/pdf",
        renderer_classes=DOWNLOAD_RENDERERS,
        filterset_class=None,
    )
    def version_pdf(self, request: PortalRequest, pk: str, number: str) -> Any:
        draft = self.get_object()
        version = (
            FilingVersion.objects.select_related("pdf_job", "filing")
            .filter(
                filing_id=draft.register_filing_id,
                filing__organisation=self.organisation,
                number=int(number),
            )
            .first()
            if draft.register_filing_id
            else None
        )
        if version is None:
            raise not_found("No such version of this filing.", "version_not_found")
        return pdf_download(version)

    @extend_schema(
        operation_id="filings_comments_resolve",
        tags=_TAGS,
        request=CommentResolveSerializer,
        responses={200: ReviewCommentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"comments/(?P<comment_id>[0-9]{1,18})/resolve",
        filterset_class=None,
    )
    def resolve_comment(self, request: PortalRequest, pk: str, comment_id: str) -> Response:
        payload = CommentResolveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comment = filing_draft_comment(self.get_object(), int(comment_id))
        if comment is None:
            raise not_found("No such comment on this filing.", "comment_not_found")
        comment_resolve(
            actor=request.actor, comment=comment, resolution=payload.validated_data["resolution"]
        )
        comment = ReviewComment.objects.select_related("version", "authority").get(pk=comment.pk)
        return Response(ReviewCommentSerializer(comment).data)

    @extend_schema(operation_id="filings_destroy", tags=_TAGS, responses={204: None})
    def destroy(self, request: PortalRequest, pk: str) -> Response:
        filing_draft_discard(actor=request.actor, draft=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="filings_withdraw",
        tags=_TAGS,
        request=WithdrawSerializer,
        responses={200: FilingStatusSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request: PortalRequest, pk: str) -> Response:
        payload = WithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        draft = self.get_object()
        filing_withdraw_for_draft(
            actor=request.actor,
            draft=draft,
            reason=payload.validated_data.get("reason", ""),
        )
        return Response(self._status(draft))
