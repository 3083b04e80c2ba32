"""Incident reminders (issue 16): the provider's kinds of reminder, and reminders to a supervisory
authority of serious-incident reports nobody has acknowledged (Art 73(8))."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_list_page_indexes"),
        ("register", "0016_incidents"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reminder",
            name="kind",
            field=models.CharField(
                choices=[
                    ("registration_due", "Registration due before placing on the market"),
                    ("certificate_expiry", "Certificate expires"),
                    ("risk_review", "Risk record due for review"),
                    ("qms_review", "QMS record due for review"),
                    ("changes_requested", "A regulator requested changes to a filing"),
                    ("incident_due_soon", "The next serious-incident report is due soon"),
                    ("incident_overdue", "A serious-incident report is overdue"),
                    (
                        "incident_information",
                        "An authority requested information on a serious incident",
                    ),
                ],
                max_length=32,
            ),
        ),
        migrations.CreateModel(
            name="AuthorityReminder",
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
                            (
                                "incident_unacknowledged",
                                "A serious-incident report awaits acknowledgement",
                            )
                        ],
                        max_length=32,
                    ),
                ),
                ("object_ref", models.CharField(max_length=100)),
                ("due_on", models.DateField()),
                ("title", models.CharField(max_length=300)),
                ("link_path", models.CharField(blank=True, max_length=200)),
                ("restricted", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "authority",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="accounts.authority",
                    ),
                ),
            ],
            options={
                "ordering": ["due_on", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("authority", "kind", "object_ref", "due_on"),
                        name="one_authority_reminder_per_item_and_due_date",
                    )
                ],
            },
        ),
    ]
