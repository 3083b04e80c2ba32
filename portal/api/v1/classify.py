"""POST /api/v1/classify: the rules engine over REST (classification-contract.md)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.views import OrganisationAPIView
from portal.errors import ValidationFailed
from registry import rules
from registry.rules.facts import facts_json_schema
from registry.workspace import explanations
from registry.workspace.choices import LegalCalendarName

# The tiers of the contract's output, in the rules engine's order (out_of_scope: contract 2).
CONTRACT_RISK_TIERS = [tier.value for tier in rules.RiskTier]


@extend_schema_field(facts_json_schema())
class FactsField(serializers.DictField):
    """Documented as the rules engine's own facts schema; the engine validates them."""


@extend_schema_field(
    serializers.ChoiceField(choices=LegalCalendarName.choices, allow_null=True, required=False)
)
class CalendarField(serializers.CharField):
    """Documented as the legal calendars the engine knows; another is 400 unknown_calendar."""


# Named "Classify" so the request body is ClassifyRequest, not ClassifyRequestRequest (generated
# clients name their classes after components).
@extend_schema_serializer(component_name="Classify")
class ClassifyRequestSerializer(serializers.Serializer):
    facts = FactsField(
        help_text="The facts of classification-contract.md; unknown keys are refused, a missing "
        "key means no / not applicable."
    )
    calendar = CalendarField(
        required=False,
        allow_null=True,
        help_text=f"One of {', '.join(rules.list_calendars())}; default: the portal's setting.",
    )


class ExplanationStepSerializer(serializers.Serializer):
    step = serializers.CharField()
    citation = serializers.CharField()
    text = serializers.CharField()


class ContractResultSerializer(serializers.Serializer):
    """Documentation of the contract's output as stored with a classification:
    Classification.to_dict(), nothing more (the stored history has no ``titles``)."""

    risk_tier = serializers.ChoiceField(choices=CONTRACT_RISK_TIERS)
    transparency_triggers = serializers.ListField(child=serializers.CharField())
    must_register_eu_database = serializers.BooleanField()
    registration_section = serializers.CharField(allow_null=True)
    registration_visibility = serializers.CharField(allow_null=True)
    obligations = serializers.ListField(child=serializers.CharField())
    compliance_deadline = serializers.DateField(allow_null=True)
    calendar = CalendarField()
    ruleset_version = serializers.CharField()
    explanation = ExplanationStepSerializer(many=True)


class ClassificationSerializer(ContractResultSerializer):
    """The answer of POST /classify: the contract's output plus ``titles``."""

    titles = serializers.DictField(
        child=serializers.CharField(),
        help_text="A one-line title for each reference in obligations (not part of the stored "
        "contract JSON); obligations itself stays the list of references.",
    )


class ClassifyView(OrganisationAPIView):
    # Writes nothing: a read-scoped key and a viewer may classify.
    required_ability = "workspace.read"
    serializer_class = ClassifyRequestSerializer

    @extend_schema(
        operation_id="classify",
        request=ClassifyRequestSerializer,
        responses={200: ClassificationSerializer},
        tags=["classification"],
    )
    def post(self, request: Request) -> Response:
        payload = ClassifyRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            result = rules.classify(
                payload.validated_data["facts"], calendar=payload.validated_data.get("calendar")
            )
        except rules.FactsError as exc:
            raise ValidationFailed(
                "The facts are not valid.",
                code=rules.FactsError.code,
                field_errors={f"facts.{key}": [message] for key, message in exc.errors.items()},
            ) from None
        except rules.CalendarError as exc:
            raise ValidationFailed(
                str(exc), code=rules.CalendarError.code, field_errors={"calendar": [str(exc)]}
            ) from None
        # The contract JSON as is, plus a title per obligation for people to read (issue 12).
        titles = explanations.obligation_titles(result.obligations)
        return Response({**result.to_dict(), "titles": titles})
