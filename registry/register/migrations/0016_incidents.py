"""Serious-incident reports (Art 73, Art 55(1)(c)): reports, their immutable versions, the steps
taken on them and their PDFs; references from a sequence; versions and steps protected from raw
SQL too, like filing versions (0002)."""

import django.contrib.postgres.fields
import django.db.models.deletion
import uuid
from django.db import migrations, models

FORWARD = """
CREATE SEQUENCE IF NOT EXISTS public.register_incident_reference_seq START 1;

CREATE OR REPLACE FUNCTION register_incident_version_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a submitted incident report version is immutable'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER register_incident_version_immutable
    BEFORE UPDATE OR DELETE ON register_incidentreportversion
    FOR EACH ROW EXECUTE FUNCTION register_incident_version_refuse_change();
CREATE TRIGGER register_incident_step_append_only BEFORE UPDATE OR DELETE ON register_incidentstep
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS register_incident_step_append_only ON register_incidentstep;
DROP TRIGGER IF EXISTS register_incident_version_immutable ON register_incidentreportversion;
DROP FUNCTION IF EXISTS register_incident_version_refuse_change();
DROP SEQUENCE IF EXISTS public.register_incident_reference_seq;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_list_page_indexes"),
        ("register", "0015_rights_requests"),
        ("tenancy", "0004_legal_name_trigram"),
    ]

    operations = [
        migrations.CreateModel(
            name="IncidentReport",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("reference", models.CharField(max_length=32, unique=True)),
                (
                    "regime",
                    models.CharField(
                        choices=[
                            ("art73", "Serious incident of a high-risk AI system (Art 73)"),
                            (
                                "art55",
                                "Serious incident of a GPAI model with systemic risk (Art 55(1)(c))",
                            ),
                        ],
                        max_length=8,
                    ),
                ),
                (
                    "subject_type",
                    models.CharField(
                        choices=[("ai_system", "AI system"), ("gpai_model", "GPAI model")],
                        max_length=16,
                    ),
                ),
                ("subject_id", models.CharField(max_length=64)),
                ("subject_name", models.CharField(max_length=401)),
                ("member_state", models.CharField(blank=True, max_length=2)),
                (
                    "harms",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(
                            choices=[
                                ("death", "Death of a person (Art 3(49)(a))"),
                                ("health", "Serious harm to a person's health (Art 3(49)(a))"),
                                (
                                    "critical_infrastructure",
                                    "Serious and irreversible disruption of critical infrastructure (Art 3(49)(b))",
                                ),
                                (
                                    "fundamental_rights",
                                    "Infringement of obligations under Union law protecting fundamental rights (Art 3(49)(c))",
                                ),
                                (
                                    "property_environment",
                                    "Serious harm to property or the environment (Art 3(49)(d))",
                                ),
                                (
                                    "cybersecurity",
                                    "Serious cybersecurity breach, including exfiltration of model weights (CoP Measure 9.3)",
                                ),
                            ],
                            max_length=32,
                        ),
                        size=None,
                    ),
                ),
                ("widespread", models.BooleanField(default=False)),
                ("aware_on", models.DateField()),
                ("due_on", models.DateField()),
                ("clock_citation", models.CharField(max_length=120)),
                ("restricted", models.BooleanField(default=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("acknowledged", "Acknowledged by the authority"),
                            ("information_requested", "Information requested"),
                            ("final_submitted", "Final report submitted"),
                            ("closed", "Closed"),
                        ],
                        default="submitted",
                        max_length=24,
                    ),
                ),
                ("latest_number", models.PositiveIntegerField(default=1)),
                (
                    "latest_stage",
                    models.CharField(
                        choices=[
                            ("initial", "Initial report (Art 73(5): may be incomplete)"),
                            ("follow_up", "Follow-up report"),
                            ("intermediate", "Intermediate report (CoP Measure 9.3)"),
                            (
                                "final",
                                "Final report (Art 73(6): investigation and corrective action)",
                            ),
                        ],
                        default="initial",
                        max_length=16,
                    ),
                ),
                ("next_due_on", models.DateField(blank=True, null=True)),
                ("information_due_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("first_report_at", models.DateTimeField()),
                ("latest_report_at", models.DateTimeField()),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "authority",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="incident_reports",
                        to="accounts.authority",
                    ),
                ),
                (
                    "filing",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="incident_reports",
                        to="register.filing",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="incident_reports",
                        to="tenancy.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["-first_report_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="IncidentReportVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("initial", "Initial report (Art 73(5): may be incomplete)"),
                            ("follow_up", "Follow-up report"),
                            ("intermediate", "Intermediate report (CoP Measure 9.3)"),
                            (
                                "final",
                                "Final report (Art 73(6): investigation and corrective action)",
                            ),
                        ],
                        max_length=16,
                    ),
                ),
                ("canonical", models.TextField()),
                ("snapshot", models.JSONField()),
                ("sha256", models.CharField(max_length=64, unique=True)),
                ("previous_sha256", models.CharField(blank=True, max_length=64)),
                ("submitted_at", models.DateTimeField()),
                ("submitted_by_id", models.BigIntegerField(null=True)),
                ("submitted_by_label", models.CharField(max_length=254)),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="versions",
                        to="register.incidentreport",
                    ),
                ),
            ],
            options={
                "ordering": ["report", "number"],
            },
        ),
        migrations.CreateModel(
            name="IncidentPdfJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("rendering", "Rendering"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        db_index=True,
                        default="queued",
                        max_length=16,
                    ),
                ),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("error", models.TextField(blank=True)),
                ("pdf_sha256", models.CharField(blank=True, max_length=64)),
                ("pdf_size", models.BigIntegerField(blank=True, null=True)),
                ("page_count", models.PositiveIntegerField(blank=True, null=True)),
                ("storage_path", models.CharField(blank=True, max_length=200)),
                ("render_seconds", models.FloatField(blank=True, null=True)),
                ("queued_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pdf_job",
                        to="register.incidentreportversion",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="IncidentStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("submitted", "Report version submitted"),
                            ("acknowledged", "Receipt acknowledged"),
                            ("information_requested", "Information requested"),
                            ("information_provided", "Information provided"),
                            ("measure_recorded", "Measure recorded (Art 73(8))"),
                            ("closed", "Closed"),
                        ],
                        max_length=24,
                    ),
                ),
                ("actor_label", models.CharField(max_length=254)),
                ("version_number", models.PositiveIntegerField(blank=True, null=True)),
                ("note", models.TextField(blank=True)),
                ("due_on", models.DateField(blank=True, null=True)),
                (
                    "measure",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("withdrawal", "Withdrawal from the market"),
                            ("recall", "Recall"),
                            ("prohibition", "Prohibition of making it available"),
                            ("restriction", "Restriction of making it available"),
                            ("other", "Other measure"),
                        ],
                        max_length=16,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "authority",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.authority",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="steps",
                        to="register.incidentreport",
                    ),
                ),
            ],
            options={
                "ordering": ["report", "created_at", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="incidentreport",
            index=models.Index(
                fields=["organisation", "first_report_at", "id"], name="incident_org_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="incidentreport",
            index=models.Index(
                fields=["authority", "first_report_at", "id"], name="incident_inbox_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="incidentreport",
            index=models.Index(fields=["status", "due_on"], name="incident_status_due_idx"),
        ),
        migrations.AddConstraint(
            model_name="incidentreportversion",
            constraint=models.UniqueConstraint(
                fields=("report", "number"), name="one_incident_version_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="incidentpdfjob",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "ready"), _negated=True),
                    models.Q(("pdf_sha256", ""), _negated=True),
                    _connector="OR",
                ),
                name="ready_incident_pdf_has_hash",
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
