"""The one Celery app. Tasks are tenant-aware: tenant-schemas-celery puts the current schema into
each message's headers when it is sent, and the worker switches to that schema before running it."""

from __future__ import annotations

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = CeleryApp("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
