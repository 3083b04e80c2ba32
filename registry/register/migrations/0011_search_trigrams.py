"""Trigram GIN indexes for the filings' text search (registry.register.search): UPPER(x) LIKE
UPPER('%q%') is what Django's icontains writes, and these indexes answer it for any substring of
three characters or more. The organisations' legal names have theirs in tenancy/0003.

RunSQL rather than Meta.indexes, as register/0004: expression indexes of one operator class."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0010_review_comment_resolution"),
        ("tenancy", "0002_row_estimate"),  # pg_trgm in public
    ]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS register_filing_subject_trgm ON register_filing "
            "USING gin (upper(subject_name) gin_trgm_ops);"
            "CREATE INDEX IF NOT EXISTS register_filing_number_trgm ON register_filing "
            "USING gin (upper(registration_number) gin_trgm_ops);",
            "DROP INDEX IF EXISTS register_filing_subject_trgm;"
            "DROP INDEX IF EXISTS register_filing_number_trgm;",
        )
    ]
