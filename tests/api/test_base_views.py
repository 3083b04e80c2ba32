"""The base classes fail closed: the checks cannot be overridden, unscoped querysets refuse."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.accounts.models import Membership, User
from portal.api.views import OrganisationAPIView, OrganisationViewSet, PublicAPIView


@pytest.mark.parametrize(
    "name",
    ["get_queryset", "initial", "check_permissions", "get_authenticators", "handle_exception"],
)
def test_overriding_a_sealed_method_is_refused_at_class_creation(name):
    with pytest.raises(TypeError, match=name):
        type("Sneaky", (OrganisationViewSet,), {name: lambda self, *a: None, "__module__": "x"})


def test_replacing_authentication_or_permission_classes_is_refused():
    with pytest.raises(TypeError, match="permission_classes"):
        type("Open", (OrganisationAPIView,), {"permission_classes": [], "__module__": "x"})
    with pytest.raises(TypeError, match="authentication_classes"):
        type("Open", (PublicAPIView,), {"authentication_classes": [], "__module__": "x"})


class _UsersView(OrganisationViewSet):
    def scoped_queryset(self):  # type: ignore[no-untyped-def]
        return User.objects.all()


class _DangerousUsersView(_UsersView):
    dangerously_unscoped_queryset = True


class _MembersView(OrganisationViewSet):
    def scoped_queryset(self):  # type: ignore[no-untyped-def]
        return Membership.objects.all()


def test_public_model_without_organisation_needs_the_dangerous_flag(org_a):
    from django_tenants.utils import tenant_context

    with tenant_context(org_a):
        with pytest.raises(ImproperlyConfigured, match="dangerously_unscoped_queryset"):
            _UsersView().get_queryset()
        assert _DangerousUsersView().get_queryset().model is User


def test_public_model_with_organisation_is_filtered_to_this_tenant(org_a, org_b):
    from django_tenants.utils import tenant_context

    with tenant_context(org_a):
        rows = list(_MembersView().get_queryset())
    assert rows and {m.organisation_id for m in rows} == {org_a.pk}


def test_a_plain_drf_view_is_closed_by_default(alice):
    class Plain(APIView):
        def get(self, request):  # type: ignore[no-untyped-def]
            return Response({"secret": 1})

    request = RequestFactory().get("/api/v1/plain")
    request.user = alice
    response = Plain.as_view()(request).render()
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


def test_public_view_refuses_writes_even_if_a_subclass_allows_them(db):
    class Widened(PublicAPIView):
        http_method_names = ["get", "post"]

        def post(self, request):  # type: ignore[no-untyped-def]
            return Response({"written": True})

    request = RequestFactory().post("/api/v1/x", data={}, content_type="application/json")
    response = Widened.as_view()(request)
    assert response.status_code == 405


def test_organisation_view_is_not_served_on_the_public_host(api, alice):
    from tests.api.helpers import PUBLIC_HOST

    # /api/v1/classify is not routed there at all; the base would 404 it even if it were.
    assert api(PUBLIC_HOST, user=alice).post("/api/v1/classify", {"facts": {}}).status_code == 404
