from django.db import migrations, models


def link_cited_evidence(apps, schema_editor):
    """A file a system cites as its certificate, declaration or instructions but linked to
    nothing is that system's evidence: link it, so filings made before the rule that evidence
    must belong to the filing's subject (issue 11) can be filed again."""
    AISystem = apps.get_model("workspace", "AISystem")
    Evidence = apps.get_model("workspace", "Evidence")
    loose = set(
        Evidence.objects.filter(
            systems__isnull=True,
            gpai_models__isnull=True,
            risk_records__isnull=True,
            qms_records__isnull=True,
        ).values_list("pk", flat=True)
    )
    if not loose:
        return
    link = Evidence.systems.through
    rows = AISystem.objects.values_list(
        "pk", "certificate_scan_id", "declaration_of_conformity_id", "instructions_for_use_id"
    )
    link.objects.bulk_create(
        [
            link(aisystem_id=system_id, evidence_id=evidence_id)
            for system_id, *cited in rows
            for evidence_id in set(cited) & loose
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0004_risk_tier_out_of_scope"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="shared",
            field=models.BooleanField(
                default=False,
                help_text="Any filing of the organisation may cite it, whatever it is about.",
                verbose_name="shared by the organisation",
            ),
        ),
        migrations.RunPython(link_cited_evidence, migrations.RunPython.noop),
    ]
