"""A trigram GIN index on the organisations' legal names: the filings' text search
(registry.register.search) finds an organisation by any part of its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0003_organisation_two_factor_all_members")]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS tenancy_organisation_legal_name_trgm "
            "ON tenancy_organisation USING gin (upper(legal_name) gin_trgm_ops);",
            "DROP INDEX IF EXISTS tenancy_organisation_legal_name_trgm;",
        )
    ]
