"""Registration numbers from a sequence; submitted snapshots protected from raw SQL too."""

from django.db import migrations

FORWARD = """
CREATE SEQUENCE IF NOT EXISTS public.register_registration_number_seq START 1;

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
CREATE TRIGGER register_version_immutable BEFORE UPDATE OR DELETE ON register_filingversion
    FOR EACH ROW EXECUTE FUNCTION register_version_refuse_change();
CREATE TRIGGER register_decision_append_only BEFORE UPDATE OR DELETE ON register_reviewdecision
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER register_evidence_append_only BEFORE UPDATE OR DELETE ON register_filingevidence
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS register_evidence_append_only ON register_filingevidence;
DROP TRIGGER IF EXISTS register_decision_append_only ON register_reviewdecision;
DROP TRIGGER IF EXISTS register_version_immutable ON register_filingversion;
DROP FUNCTION IF EXISTS register_version_refuse_change();
DROP SEQUENCE IF EXISTS public.register_registration_number_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial"), ("audit", "0002_append_only_trigger")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
