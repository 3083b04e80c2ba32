"""Who may read a filing is decided per version (issue 11 items 1-2).

Each version gets the Art 49(4) flag and the member states it was filed with; existing versions
take the flag from their own snapshot and the member states the filing carried. A filing's
`restricted` becomes "any version was restricted" and its `member_states` the union over its
versions. The immutability trigger then protects the two new columns like the snapshot."""

import django.contrib.postgres.fields
from django.db import migrations, models

BACKFILL = """
UPDATE register_filingversion v
   SET restricted = COALESCE((v.snapshot -> 'filing' ->> 'restricted')::boolean, f.restricted),
       member_states = f.member_states
  FROM register_filing f
 WHERE f.id = v.filing_id;
UPDATE register_filing f
   SET restricted = f.restricted OR EXISTS (
           SELECT 1 FROM register_filingversion v WHERE v.filing_id = f.id AND v.restricted);
"""

TRIGGER = """
CREATE OR REPLACE FUNCTION register_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'submitted filing versions cannot be deleted'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.canonical IS DISTINCT FROM OLD.canonical
       OR NEW.snapshot IS DISTINCT FROM OLD.snapshot
       OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.previous_sha256 IS DISTINCT FROM OLD.previous_sha256
       OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.filing_id IS DISTINCT FROM OLD.filing_id
       OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
       OR NEW.submitted_by_label IS DISTINCT FROM OLD.submitted_by_label
       OR NEW.restricted IS DISTINCT FROM OLD.restricted
       OR NEW.member_states IS DISTINCT FROM OLD.member_states THEN
        RAISE EXCEPTION 'a submitted filing version is immutable'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""

TRIGGER_BEFORE = """
CREATE OR REPLACE FUNCTION register_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'submitted filing versions cannot be deleted'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.canonical IS DISTINCT FROM OLD.canonical
       OR NEW.snapshot IS DISTINCT FROM OLD.snapshot
       OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.previous_sha256 IS DISTINCT FROM OLD.previous_sha256
       OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.filing_id IS DISTINCT FROM OLD.filing_id
       OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
       OR NEW.submitted_by_label IS DISTINCT FROM OLD.submitted_by_label THEN
        RAISE EXCEPTION 'a submitted filing version is immutable'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("register", "0007_queue_counts")]

    operations = [
        migrations.AddField(
            model_name="filingversion",
            name="member_states",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=2), blank=True, default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="filingversion",
            name="restricted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGER, TRIGGER_BEFORE),
    ]
