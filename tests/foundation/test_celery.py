from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.celery import app
from portal.tenancy.tasks import schema_probe
from tests.worker import celery_worker


def test_celery_is_json_only_with_late_acks_and_a_pdf_queue():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert app.amqp.router.route({}, "registry.filings.render_pdf")["queue"].name == "pdf"


@pytest.mark.worker
def test_task_runs_on_a_real_worker_in_the_schema_it_was_sent_from(org_a, org_b):
    with celery_worker():
        with tenant_context(org_a):
            result_a = schema_probe.delay()
        with tenant_context(org_b):
            result_b = schema_probe.delay()
        public = schema_probe.delay()
        assert result_a.get(timeout=20) == {"schema": "org_acme", "slug": "acme"}
        assert result_b.get(timeout=20) == {"schema": "org_globex", "slug": "globex"}
        assert public.get(timeout=20)["schema"] == "public"
