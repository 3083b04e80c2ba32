"""/api/v1/regulator/filings/ on the public host: the review queue of one supervisory authority,
a filing with its latest snapshot, its versions and PDFs, and the review actions.

Scoping: a session user acts through one authority membership (X-Authority picks one when
there are several) and sees that membership's jurisdiction; an authority's API key acts as a
reviewer of its authority without Art 49(4) access (registry.register.selectors). Outside the
jurisdiction a filing does not exist (404). Registering and rejecting need a lead reviewer, so
a key cannot take them (403 lead_required)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import F, QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.accounts.models import AuthorityMembership
from portal.api.filters import InstantFilter, MemberStateFilter
from portal.api.request import PortalRequest
from portal.api.schema import pdf_responses
from portal.api.v1.common import DOWNLOAD_RENDERERS, not_found, paginated_list
from portal.api.v1.filing_versions import (
    OLDEST_FIRST,
    FilingVersionSerializer,
    ReviewCommentSerializer,
    ReviewDecisionSerializer,
    as_page_source,
    pdf_download,
)
from portal.api.views import RegulatorViewSet
from registry.register.models import Filing, FilingKind, FilingStatus, FilingVersion, ReviewComment
from registry.register.selectors import (
    regulator_filings_for_membership,
    regulator_key_membership,
)
from registry.register.selectors_console import regulator_version, regulator_versions
from registry.register.services import review
from registry.register.services.comments import comment_confirm, comment_reopen
from registry.workspace import choices


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    legal_name = serializers.CharField()
    country = serializers.CharField()


class QueueFilingSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    submitted_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the latest version was filed."
    )

    class Meta:
        model = Filing
        fields = [
            "id",
            "registration_number",
            "kind",
            "status",
            "organisation",
            "subject_type",
            "subject_name",
            "restricted",
            "member_states",
            "annex_iii_area",
            "risk_tier",
            "latest_version_number",
            "registered_version_number",
            "submitted_at",
            "registered_at",
            "updated_at",
        ]


class RegulatorFilingSerializer(QueueFilingSerializer):
    latest_snapshot = serializers.SerializerMethodField(
        help_text="The latest version exactly as filed (canonical JSON's data)."
    )
    versions = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    authorised_representative = serializers.SerializerMethodField(
        help_text="For a provider established outside the Union (Art 22, Art 54): its "
        "authorised representative now (`status` active, with name, address and contact "
        "details, whom a regulator may address instead of the provider), or `status` none when "
        "no mandate in force covers the filing; `ended` lists terminated or expired mandates "
        "with their reasons. Null when the filing needs no representative."
    )

    class Meta(QueueFilingSerializer.Meta):
        fields = [
            *QueueFilingSerializer.Meta.fields,
            "latest_snapshot",
            "versions",
            "comments",
            "decisions",
            "authorised_representative",
        ]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_authorised_representative(self, filing: Filing) -> dict[str, Any] | None:
        from registry.register.selectors_mandates import filing_representatives

        return filing_representatives([filing]).get(filing.pk)

    def _versions(self, filing: Filing) -> list[FilingVersion]:
        return self.context["versions"]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_latest_snapshot(self, filing: Filing) -> dict[str, Any] | None:
        versions = self._versions(filing)
        return versions[-1].snapshot if versions else None

    @extend_schema_field(FilingVersionSerializer(many=True))
    def get_versions(self, filing: Filing) -> Any:
        return FilingVersionSerializer(self._versions(filing), many=True).data

    @extend_schema_field(ReviewCommentSerializer(many=True))
    def get_comments(self, filing: Filing) -> Any:
        rows = [c for v in self._versions(filing) for c in v.comments.all()]
        return ReviewCommentSerializer(rows, many=True).data

    @extend_schema_field(ReviewDecisionSerializer(many=True))
    def get_decisions(self, filing: Filing) -> Any:
        rows = [d for v in self._versions(filing) for d in v.decisions.all()]
        return ReviewDecisionSerializer(rows, many=True).data


class CommentInSerializer(serializers.Serializer):
    field = serializers.CharField(
        max_length=100, help_text="An Annex VIII item code or field name of the filing."
    )
    body = serializers.CharField(max_length=5000)


class RequestChangesSerializer(serializers.Serializer):
    comments = CommentInSerializer(many=True, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version you reviewed: refused with 409 stale_version if a newer exists.",
    )


class RegisterSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class RejectSerializer(RegisterSerializer):
    reason = serializers.CharField(max_length=5000)


class QueueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FilingStatus.choices)
    kind = django_filters.ChoiceFilter(choices=FilingKind.choices)
    member_state = MemberStateFilter()
    annex_iii_area = django_filters.ChoiceFilter(choices=choices.AnnexIIIArea.choices)
    risk_tier = django_filters.ChoiceFilter(choices=choices.RiskTier.choices)
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    restricted = django_filters.BooleanFilter()
    submitted_after = InstantFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = InstantFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = Filing
        fields: list[str] = []


_TAGS = ["regulator"]
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")


def _action_schema(operation_id: str, request: Any) -> Any:
    return extend_schema(
        operation_id=operation_id,
        tags=_TAGS,
        request=request,
        responses={200: RegulatorFilingSerializer},
    )


@extend_schema_view(
    list=extend_schema(
        operation_id="regulator_filings_list",
        tags=_TAGS,
    ),
    retrieve=extend_schema(operation_id="regulator_filings_retrieve", tags=_TAGS),
)
class RegulatorFilingViewSet(mixins.ListModelMixin, RegulatorViewSet):
    serializer_class = QueueFilingSerializer
    filterset_class = QueueFilter
    lookup_value_regex = r"[0-9a-fA-F-]{36}"
    cursor_ordering = ("submitted_at", "id")
    http_method_names = ["get", "post", "head", "options"]
    # Reading and the review steps: review.read / review.act (the base's defaults by method).
    action_abilities = {"register": "review.decide_final", "reject": "review.decide_final"}

    def _membership(self) -> AuthorityMembership | None:
        request = self.request
        if request.api_key is not None:
            return regulator_key_membership(request.api_key)
        return request.authority_membership

    def _versions(self, filing: Filing) -> list[FilingVersion]:
        """The versions this key or membership may read (each version's own Art 49(4) flag and
        member states decide), oldest first."""
        membership = self._membership()
        memberships = [membership] if membership is not None else []
        return regulator_versions(user=self.request.user, filing=filing, memberships=memberships)

    def scoped_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return Filing.objects.none()
        membership = self._membership()
        if membership is None:
            return Filing.objects.none()
        # The newest version's submission time is kept on the filing (the queue's index).
        return regulator_filings_for_membership(membership).annotate(
            submitted_at=F("latest_submitted_at")
        )

    def _detail(self, filing: Filing) -> Response:
        filing = self.get_queryset().get(pk=filing.pk)
        versions = self._versions(filing)
        data = RegulatorFilingSerializer(filing, context={"versions": versions}).data
        return Response(data)

    @extend_schema(responses={200: RegulatorFilingSerializer})
    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        operation_id="regulator_filings_versions",
        tags=_TAGS,
        responses={200: FilingVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def versions(self, request: PortalRequest, pk: str) -> Response:
        filing = self.get_object()
        rows = as_page_source(self._versions(filing)).select_related("pdf_job")
        return paginated_list(self, rows, FilingVersionSerializer, ordering=OLDEST_FIRST)

    @extend_schema(
        operation_id="regulator_filings_version_pdf",
        tags=_TAGS,
        parameters=[_NUMBER],
        responses=pdf_responses("The version's PDF."),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]+)/pdf",
        renderer_classes=DOWNLOAD_RENDERERS,
        filterset_class=None,
    )
    def version_pdf(self, request: PortalRequest, pk: str, number: str) -> Any:
        filing = self.get_object()
        membership = self._membership()
        version = regulator_version(
            user=request.user,
            filing=filing,
            number=int(number),
            memberships=[membership] if membership is not None else [],
        )
        if version is None:
            raise not_found("No such version of this filing.", "version_not_found")
        return pdf_download(version)

    @_action_schema("regulator_start_review", None)
    @action(detail=True, methods=["post"], url_path="start-review", filterset_class=None)
    def start_review(self, request: PortalRequest, pk: str) -> Response:
        filing = self.get_object()
        review.filing_start_review(actor=request.actor, filing=filing)
        return self._detail(filing)

    @_action_schema("regulator_request_changes", RequestChangesSerializer)
    @action(detail=True, methods=["post"], url_path="request-changes", filterset_class=None)
    def request_changes(self, request: PortalRequest, pk: str) -> Response:
        payload = RequestChangesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        filing = self.get_object()
        review.filing_request_changes(
            actor=request.actor,
            filing=filing,
            comments=[dict(c) for c in data.get("comments", [])],
            reason=data.get("reason", ""),
            version_number=data.get("version"),
        )
        return self._detail(filing)

    @_action_schema("regulator_register", RegisterSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def register(self, request: PortalRequest, pk: str) -> Response:
        payload = RegisterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        filing = self.get_object()
        review.filing_register(
            actor=request.actor,
            filing=filing,
            version_number=payload.validated_data.get("version"),
        )
        return self._detail(filing)

    @_action_schema("regulator_reject", RejectSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request: PortalRequest, pk: str) -> Response:
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        filing = self.get_object()
        review.filing_reject(
            actor=request.actor,
            filing=filing,
            reason=payload.validated_data["reason"],
            version_number=payload.validated_data.get("version"),
        )
        return self._detail(filing)

    @extend_schema(
        methods=["GET"],
        operation_id="regulator_comments_list",
        tags=_TAGS,
        responses={200: ReviewCommentSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        operation_id="regulator_comment",
        tags=_TAGS,
        request=CommentInSerializer,
        responses={201: ReviewCommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def comments(self, request: PortalRequest, pk: str) -> Response:
        filing = self.get_object()
        if request.method == "GET":
            readable = [version.pk for version in self._versions(filing)]
            rows = ReviewComment.objects.filter(version__in=readable).select_related(
                "version", "authority"
            )
            return paginated_list(self, rows, ReviewCommentSerializer, ordering=("id",))
        payload = CommentInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comment = review.filing_comment(
            actor=request.actor,
            filing=filing,
            field=payload.validated_data["field"],
            body=payload.validated_data["body"],
        )
        comment = ReviewComment.objects.select_related("version", "authority").get(pk=comment.pk)
        return Response(ReviewCommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    def _comment(self, pk: str, comment_id: str) -> ReviewComment:
        filing = self.get_object()
        readable = [version.pk for version in self._versions(filing)]
        comment = ReviewComment.objects.filter(pk=int(comment_id), version__in=readable).first()
        if comment is None:
            raise not_found("No such comment on this filing.", "comment_not_found")
        return comment

    def _comment_step(
        self, request: PortalRequest, pk: str, comment_id: str, step: Callable[..., ReviewComment]
    ) -> Response:
        """Confirm or reopen a comment of a version this caller may read (the review loop)."""
        assert request.actor is not None  # the regulator base has authenticated the caller
        comment = step(actor=request.actor, comment=self._comment(pk, comment_id))
        comment = ReviewComment.objects.select_related("version", "authority").get(pk=comment.pk)
        return Response(ReviewCommentSerializer(comment).data)

    @extend_schema(
        operation_id="regulator_comments_confirm",
        tags=_TAGS,
        request=None,
        responses={200: ReviewCommentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"comments/(?P<comment_id>[0-9]{1,18})/confirm",
        filterset_class=None,
    )
    def confirm_comment(self, request: PortalRequest, pk: str, comment_id: str) -> Response:
        return self._comment_step(request, pk, comment_id, comment_confirm)

    @extend_schema(
        operation_id="regulator_comments_reopen",
        tags=_TAGS,
        request=None,
        responses={200: ReviewCommentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"comments/(?P<comment_id>[0-9]{1,18})/reopen",
        filterset_class=None,
    )
    def reopen_comment(self, request: PortalRequest, pk: str, comment_id: str) -> Response:
        return self._comment_step(request, pk, comment_id, comment_reopen)
