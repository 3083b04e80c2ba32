from __future__ import annotations

from django.db import connection
from django.utils import timezone


def registration_number_allocate() -> str:
    """The next registration number, e.g. EU-AI-2026-000042.

    A PostgreSQL sequence hands it out: values are never given twice, not even when the
    transaction that drew one rolls back, so a number is never reused.
    """
    with connection.cursor() as cursor:
        cursor.execute("select nextval('public.register_registration_number_seq')")
        (value,) = cursor.fetchone()
    return f"EU-AI-{timezone.now().year}-{value:06d}"
