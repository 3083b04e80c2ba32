"""The fail-closed base classes of every API endpoint (after PostHog's routing mixin).

    OrganisationAPIView / OrganisationViewSet   an organisation's host: its members or its keys
    RegulatorAPIView / RegulatorViewSet         the public host: authority members or their keys
    PublicAPIView                               the public host: anyone, read-only

The base owns authentication, the membership / scope / role check, throttling, idempotency,
problem+json and the queryset scoping; a subclass declares `required_ability` (an ability of
portal.authz: ABILITIES on an organisation's host, AUTHORITY_ABILITIES for regulators; per action
in `action_abilities`) and implements `scoped_queryset()`. It cannot override the methods that
enforce those (a TypeError at import time says so); a deliberate escape is spelled
`dangerously_unscoped_queryset = True`.

Inside a handler: `request.actor` (the User or ApiKey to pass to services as `actor=`),
`request.membership` (session users on an organisation's host), `request.api_key`,
`self.organisation` (the tenant), `request.authority` (regulator endpoints).
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from portal import errors
from portal.accounts.models import ApiKey, AuthorityMembership
from portal.accounts.selectors import membership_get
from portal.api import idempotency
from portal.api.authentication import ApiKeyAuthentication, CsrfSessionAuthentication
from portal.api.concurrency import check_if_match, etag_for
from portal.api.cors import add_public_cors_headers
from portal.api.exceptions import exception_handler
from portal.api.filters import StrictFilterBackend
from portal.api.pagination import PortalCursorPagination
from portal.api.parsers import portal_parser
from portal.api.permissions import (
    DEFAULT_ABILITY,
    DEFAULT_AUTHORITY_ABILITY,
    SAFE_METHODS,
    Requirement,
    requirement_for,
)
from portal.api.renderers import JSONRenderer, ProblemJSONRenderer
from portal.api.request import PortalRequest
from portal.api.throttling import (
    PortalRateThrottle,
    add_rate_limit_headers,
    refused,
)
from portal.authz import (
    ABILITIES,
    authority_authorise,
    key_scope,
    require_key_scope,
    role_may,
)
from portal.tenancy.models import Organisation

# Overriding any of these would let a subclass skip a check: refused at class creation.
_SEALED = (
    "initial",
    "check_permissions",
    "get_permissions",
    "get_authenticators",
    "perform_authentication",
    "get_queryset",
    "handle_exception",
    "finalize_response",
    "get_exception_handler",
    "authentication_classes",
    "permission_classes",
    "cross_origin_reads",
)


# Counted per client address (portal.api.throttling): key guessing and probing cost something.
_REFUSALS = (
    exceptions.NotAuthenticated,
    exceptions.AuthenticationFailed,
    exceptions.PermissionDenied,
    errors.Forbidden,
)


class _FailClosed(GenericAPIView):
    """Shared machinery; use one of the concrete bases below."""

    authentication_classes: ClassVar[list[type]] = [
        ApiKeyAuthentication,
        CsrfSessionAuthentication,
    ]
    permission_classes: ClassVar[list[type]] = []  # access is decided by check_access()
    extra_permission_classes: ClassVar[tuple[type, ...]] = ()
    throttle_classes = [PortalRateThrottle]
    renderer_classes = [JSONRenderer, ProblemJSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = PortalCursorPagination
    filter_backends = [StrictFilterBackend]
    # Keys of a JSON response that must not be kept in the idempotency table (shown-once secrets).
    idempotency_redact: ClassVar[dict[str, Any]] = {}
    dangerously_unscoped_queryset: ClassVar[bool] = False
    # The kind of host this base serves: "organisation" or "public".
    host_kind: ClassVar[str] = ""
    # Only the public register's bases answer browsers on other origins (portal/api/cors.py).
    cross_origin_reads: ClassVar[bool] = False
    # The actions whose success carries the row's ETag (with_etag); the OpenAPI document says so.
    etag_actions: ClassVar[frozenset[str]] = frozenset()

    request: PortalRequest
    _idempotency_claim: idempotency.Claim | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ == __name__:
            return
        for name in _SEALED:
            if name in cls.__dict__:
                raise TypeError(
                    f"{cls.__qualname__} overrides {name}, which portal.api.views owns. "
                    "Declare required_ability, implement scoped_queryset(), or add "
                    "extra_permission_classes."
                )

    # --- the request pipeline (sealed) --------------------------------------------------------

    def get_exception_handler(self) -> Any:
        return exception_handler

    def get_parsers(self) -> list[Any]:
        # DRF's JSONParser, wherever a view or action names it, becomes the portal's: size
        # limit, nesting depth and text hygiene (portal/api/parsers.py).
        return [portal_parser(parser) for parser in super().get_parsers()]

    def get_permissions(self) -> list[Any]:
        return [permission() for permission in self.extra_permission_classes]

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> PortalRequest:
        # DRF's request (ViewSetMixin's override sets self.action on the way), retyped as the
        # portal's: PortalRequest adds only the attributes check_access fills in.
        drf_request = super().initialize_request(request, *args, **kwargs)
        drf_request.__class__ = PortalRequest
        return cast(PortalRequest, drf_request)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self._check_host()
        # Authentication, then check_permissions (→ check_access, which fills in self.request's
        # actor; PortalRequest starts with None), then throttles, which also refuse an address
        # that has used up its refusals (portal.api.throttling).
        super().initial(request, *args, **kwargs)
        self._idempotency_claim = idempotency.idempotency_begin(request, actor=self.request.actor)

    def check_permissions(self, request: Request) -> None:
        self.check_access(cast(PortalRequest, request))  # built by initialize_request
        super().check_permissions(request)

    def handle_exception(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, idempotency.IdempotentReplay):
            return exc.response
        if isinstance(exc, _REFUSALS):
            exc = refused(self.request, exc)
        try:
            return super().handle_exception(exc)
        except Exception:
            if self._idempotency_claim is not None:
                idempotency.idempotency_release(self._idempotency_claim)
                self._idempotency_claim = None
            raise

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)
        add_rate_limit_headers(request, response)
        if self.cross_origin_reads:
            add_public_cors_headers(response)
        claim, self._idempotency_claim = self._idempotency_claim, None
        if claim is not None:
            if isinstance(response, Response):
                response.render()
            idempotency.idempotency_complete(claim, response, redact=self.idempotency_redact)
        return response

    def _check_host(self) -> None:
        on_public = connection.schema_name == settings.PUBLIC_SCHEMA_NAME
        if on_public != (self.host_kind == "public"):
            raise Http404()

    def check_access(self, request: PortalRequest) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} must come from a portal.api base.")

    # --- querysets (sealed get_queryset, overridable scoped_queryset) ---------------------------

    def scoped_queryset(self) -> models.QuerySet[Any]:
        """The rows this endpoint serves; the base adds the organisation filter where needed."""
        raise ImproperlyConfigured(f"{type(self).__name__} must implement scoped_queryset().")

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = self.scoped_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        return self._restrict(queryset)

    def _restrict(self, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset

    # --- optimistic concurrency -------------------------------------------------------------

    def etag_of(self, instance: models.Model) -> str:
        return etag_for(instance, self.get_serializer(instance).data)

    def check_if_match(self, instance: models.Model) -> None:
        """Call with the row locked (get_object_for_update inside transaction.atomic)."""
        check_if_match(self.request, self.etag_of(instance))

    def get_object_for_update(self) -> Any:
        """get_object() with the row locked: the If-Match check and the write see the same row."""
        queryset = self.filter_queryset(self.get_queryset()).select_for_update(of=("self",))
        lookup = self.lookup_url_kwarg or self.lookup_field
        obj = queryset.filter(**{self.lookup_field: self.kwargs[lookup]}).first()
        if obj is None:
            raise Http404()
        return obj

    def with_etag(self, response: Response, instance: models.Model) -> Response:
        response["ETag"] = self.etag_of(instance)
        return response


# --- an organisation's host --------------------------------------------------------------------


class _OrganisationAccess(_FailClosed):
    host_kind = "organisation"
    required_ability: ClassVar[Requirement] = None
    # Where one HTTP method serves actions that need different authority (POST /filings/
    # creates a draft, POST /filings/{id}/submit files it): the ability per viewset action.
    action_abilities: ClassVar[dict[str, str]] = {}

    @property
    def organisation(self) -> Organisation:
        tenant = getattr(connection, "tenant", None)
        if isinstance(tenant, Organisation) and not tenant.is_public:
            return tenant
        if getattr(self, "swagger_fake_view", False):
            # Schema generation runs outside any request: a stand-in lets scoped_queryset()
            # build (never run) its query so drf-spectacular can read the model.
            return Organisation(pk=0, schema_name="schema_generation")
        raise Http404()

    def check_access(self, request: PortalRequest) -> None:
        declared = self.action_abilities.get(getattr(self, "action", None) or "")
        ability = requirement_for(
            declared or self.required_ability, request.method or "GET", DEFAULT_ABILITY
        )
        if isinstance(request.auth, ApiKey):
            api_key = request.auth
            if api_key.organisation_id != self.organisation.pk:
                raise exceptions.AuthenticationFailed()  # belt and braces: authentication checks
            require_key_scope(api_key, key_scope(ability))
            request.actor = request.api_key = api_key
            request.membership = None
            return
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        membership = membership_get(user=request.user, organisation=self.organisation)
        if membership is None:
            raise exceptions.PermissionDenied(
                _("You are not a member of this organisation."), code="not_a_member"
            )
        if not role_may(membership.role, ability):
            raise exceptions.PermissionDenied(
                _("Your role may not %(what)s.") % {"what": ABILITIES[ability].what},
                code="permission_denied",
            )
        request.actor = request.user
        request.membership = membership

    def _restrict(self, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        model = queryset.model
        if model._meta.app_config.name in settings.TENANT_APPS:
            return queryset  # lives in this organisation's schema: search_path scopes it
        if any(f.name == "organisation" for f in model._meta.get_fields()):
            return queryset.filter(organisation=self.organisation)
        if self.dangerously_unscoped_queryset:
            return queryset
        raise ImproperlyConfigured(
            f"{type(self).__name__} serves {model._meta.label}, a public-schema model without an "
            "organisation field: scope it, or say dangerously_unscoped_queryset = True."
        )


class OrganisationAPIView(_OrganisationAccess, GenericAPIView):
    """One endpoint on an organisation's host (e.g. POST /api/v1/classify)."""


class OrganisationViewSet(_OrganisationAccess, GenericViewSet):
    """A resource on an organisation's host; add DRF's mixins or write the actions."""

    # Workspace and membership rows have integer ids: anything else is a 404 at the router
    # (`/members/null/` reached the query and failed there, a 500).
    lookup_value_regex = r"[0-9]+"


# --- the public host: regulators ----------------------------------------------------------------


class _RegulatorAccess(_FailClosed):
    """Authority members by session, or authority keys. Requests never enter an organisation's
    schema; scoped_queryset must filter register rows by `request.authority`'s jurisdiction."""

    host_kind = "public"
    # An ability of portal.authz.AUTHORITY_ABILITIES, per HTTP method or for every method, and
    # per viewset action where one method serves actions of different weight (POST comments vs
    # POST register).
    required_ability: ClassVar[Requirement] = None
    action_abilities: ClassVar[dict[str, str]] = {}
    AUTHORITY_HEADER = "X-Authority"

    def check_access(self, request: PortalRequest) -> None:
        declared = self.action_abilities.get(getattr(self, "action", None) or "")
        ability = requirement_for(
            declared or self.required_ability, request.method or "GET", DEFAULT_AUTHORITY_ABILITY
        )
        if isinstance(request.auth, ApiKey):
            api_key = request.auth
            if api_key.authority_id is None:
                raise exceptions.AuthenticationFailed()
            authority_authorise(api_key, ability)
            request.actor = request.api_key = api_key
            request.authority = api_key.authority
            request.authority_membership = None
            return
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        membership = self._authority_membership(request)
        authority_authorise(request.user, ability, membership.role)
        request.actor = request.user
        request.authority = membership.authority
        request.authority_membership = membership

    def _authority_membership(self, request: PortalRequest) -> AuthorityMembership:
        memberships = list(
            AuthorityMembership.objects.filter(user=request.user).select_related("authority")
        )
        wanted = request.headers.get(self.AUTHORITY_HEADER)
        if wanted:
            memberships = [m for m in memberships if m.authority.slug == wanted]
        if not memberships:
            raise exceptions.PermissionDenied(
                _("You are not a member of a supervisory authority."), code="not_a_regulator"
            )
        if len(memberships) > 1:
            raise exceptions.PermissionDenied(
                _("You belong to several authorities: choose one with %(header)s.")
                % {"header": self.AUTHORITY_HEADER},
                code="authority_ambiguous",
            )
        return memberships[0]


class RegulatorAPIView(_RegulatorAccess, GenericAPIView):
    pass


class RegulatorViewSet(_RegulatorAccess, GenericViewSet):
    pass


# --- the public host: anyone --------------------------------------------------------------------


class _PublicAccess(_FailClosed):
    """The public register (Art 71): no credentials, safe methods only, throttled per IP."""

    host_kind = "public"
    authentication_classes: ClassVar[list[type]] = []
    cross_origin_reads = True
    http_method_names = ["get", "head", "options"]

    def check_access(self, request: PortalRequest) -> None:
        # Checked here, not only by http_method_names, which a subclass could widen.
        if request.method not in SAFE_METHODS:
            raise exceptions.MethodNotAllowed(request.method or "")
        request.actor = None


class PublicAPIView(_PublicAccess, GenericAPIView):
    pass


class PublicViewSet(_PublicAccess, GenericViewSet):
    pass
