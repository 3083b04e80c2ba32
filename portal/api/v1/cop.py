"""/api/v1/cop-signatures/: the organisation's status per chapter of the General-Purpose AI Code
of Practice (never one boolean: signing is per chapter), setting it, and its history."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.schema import present, when
from portal.api.v1.common import IdListField, paginated_list
from portal.api.views import OrganisationViewSet
from portal.errors import ValidationFailed
from registry.workspace import choices, selectors, services
from registry.workspace.models import CodeOfPracticeSignature, CodeOfPracticeSignatureChange


class CopSignatureSerializer(serializers.ModelSerializer):
    models_covered = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    updated_by = serializers.IntegerField(source="updated_by_id", read_only=True, allow_null=True)
    alternative_evidence: serializers.PrimaryKeyRelatedField[Any] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )

    class Meta:
        model = CodeOfPracticeSignature
        fields = [
            "id",
            "chapter",
            "status",
            "status_date",
            "signatory_name",
            "signatory_authority",
            "public_statement_url",
            "models_covered",
            "notes",
            "alternative_means",
            "alternative_evidence",
            "updated_at",
            "updated_by",
        ]


_SIGNED = [choices.CoPStatus.SIGNED.value]
_TEXT = {"type": "string", "pattern": r"\S"}  # trimmed, then required: not blank
_DATE = {"type": "string", "format": "date"}


class CopSignatureSetSerializer(serializers.Serializer):
    chapter = serializers.ChoiceField(choices=choices.CoPChapter.choices)
    status = serializers.ChoiceField(choices=choices.CoPStatus.choices)
    status_date = serializers.DateField(required=False, allow_null=True)
    signatory_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signatory_authority = serializers.CharField(max_length=200, required=False, allow_blank=True)
    public_statement_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    models_covered = IdListField(
        required=False, help_text="GPAI model ids; empty on a signed chapter means all models."
    )
    notes = serializers.CharField(required=False, allow_blank=True)
    alternative_means = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Art 53(4), 55(2): how the provider shows compliance with the chapter's "
        "obligations without the Code (a chapter not signed only).",
    )
    alternative_evidence = IdListField(
        required=False, help_text="Evidence ids of the alternative means (a chapter not signed)."
    )

    # What the service checks between fields (registry/workspace/services/cop.py), documented.
    schema_rules: ClassVar[list[dict[str, Any]]] = [
        when(
            "status",
            _SIGNED,
            present(
                "status_date",
                "signatory_name",
                "signatory_authority",
                status_date=_DATE,
                signatory_name=_TEXT,
                signatory_authority=_TEXT,
            ),
        ),
        when(
            "status",
            _SIGNED,
            {
                "properties": {
                    "alternative_means": {"maxLength": 0},
                    "alternative_evidence": {"maxItems": 0},
                }
            },
        ),
        when(
            "status",
            [choices.CoPStatus.DECLINED.value, choices.CoPStatus.WITHDRAWN.value],
            present("status_date", status_date=_DATE),
        ),
        when(
            "status",
            [s for s in choices.CoPStatus.values if s not in _SIGNED],
            {"properties": {"models_covered": {"maxItems": 0}}},
        ),
    ]


class CopSignatureChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.IntegerField(source="changed_by_id", read_only=True, allow_null=True)

    class Meta:
        model = CodeOfPracticeSignatureChange
        fields = ["id", "chapter", "changed_at", "changed_by", "before", "after"]


_TAGS = ["code of practice"]


@extend_schema_view(
    list=extend_schema(operation_id="cop_signatures_list", tags=_TAGS),
    create=extend_schema(
        operation_id="cop_signatures_set",
        tags=_TAGS,
        request=CopSignatureSetSerializer,
        responses={200: CopSignatureSerializer},
    ),
)
class CopSignatureViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = CopSignatureSerializer
    cursor_ordering = "id"
    http_method_names = ["get", "post", "head", "options"]
    required_ability = {"POST": "cop.sign"}

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.cop_signature_list()

    def create(self, request: PortalRequest) -> Response:
        payload = CopSignatureSetSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        signature = services.cop_signature_set(actor=request.actor, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=signature.pk)).data)

    @extend_schema(
        operation_id="cop_signatures_history",
        tags=_TAGS,
        parameters=[
            OpenApiParameter("chapter", str, enum=choices.CoPChapter.values, required=False)
        ],
        responses={200: CopSignatureChangeSerializer(many=True)},
    )
    @action(detail=False, methods=["get"])
    def history(self, request: PortalRequest) -> Response:
        chapter = request.query_params.get("chapter")  # an empty one is a mistake too
        if chapter is not None and chapter not in choices.CoPChapter.values:
            raise ValidationFailed(
                _("Unknown chapter."),
                field_errors={
                    "chapter": [
                        _("Choose one of: %(choices)s.")
                        % {"choices": ", ".join(choices.CoPChapter.values)}
                    ]
                },
            )
        return paginated_list(
            self, selectors.cop_signature_history(chapter=chapter), CopSignatureChangeSerializer
        )
