"""The planner's row estimate of a query, for list totals too large to count on every page
(portal.pagination.cheap_count). Read-only: it plans the query, never runs it (VOLATILE only
because PL/pgSQL refuses EXPLAIN in a STABLE function)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION public.portal_row_estimate(query text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric::bigint;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]

    operations = [
        # Trigram indexes of the organisations' schemas (workspace/0003) need the operator classes
        # in public, on every schema's search_path.
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;", migrations.RunSQL.noop
        ),
        migrations.RunSQL(CREATE, "DROP FUNCTION IF EXISTS public.portal_row_estimate(text);"),
    ]
