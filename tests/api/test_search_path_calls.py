"""TENANT_LIMIT_SET_CALLS (portal/settings.py): django-tenants sets the search path once per
schema switch, not before every query, and sets it again after a rollback undid it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from portal.tenancy.models import Organisation
from registry.workspace.models import AISystem
from tests.api.helpers import ORG_A_HOST

pytestmark = pytest.mark.django_db


def test_a_request_sets_the_search_path_once_per_schema_it_uses(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"]))
    client.get("/api/v1/systems/")  # warm
    with CaptureQueriesContext(connection) as context:
        assert client.get("/api/v1/systems/").status_code == 200
    statements = [q["sql"].upper() for q in context.captured_queries]
    sets = [s for s in statements if s.startswith("SET SEARCH_PATH")]
    # The public schema (to find the host's organisation), then the organisation's: two, for
    # a request of three queries (domain, key, page).
    assert len(sets) == 2 and len(statements) - len(sets) >= 3, statements


def _current_schema() -> str:
    with connection.cursor() as cursor:
        cursor.execute("select current_schema()")
        return str(cursor.fetchone()[0])


def test_a_search_path_undone_by_a_savepoint_rollback_is_set_again(org_a):
    try:
        with transaction.atomic():
            connection.set_schema_to_public()
            assert Organisation.objects.filter(pk=org_a.pk).exists()  # SET public
            with pytest.raises(RuntimeError), transaction.atomic():
                connection.set_tenant(org_a)
                AISystem.objects.count()  # SET the organisation's path, inside the savepoint
                raise RuntimeError
            # The rollback to the savepoint put PostgreSQL's path back to public; the backend
            # must not trust the SET it remembers, or this would read the public schema.
            assert _current_schema() == org_a.schema_name
    finally:
        connection.set_schema_to_public()
