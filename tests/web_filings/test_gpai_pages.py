"""GPAI model pages: list with the systemic-risk badge, model and version forms, the MDF form
and its exports per audience."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django_tenants.utils import tenant_context

from registry.workspace import services
from registry.workspace.models import GPAIModel, GPAIModelVersion
from tests.queries import count_queries


def _model(org, actor, name="Atlas", **version_fields):
    with tenant_context(org):
        model = services.gpai_model_create(actor=actor, name=name)
        version = services.gpai_model_version_create(
            actor=actor, model=model, version="1.0", **version_fields
        )
    return model, version


def test_list_shows_the_systemic_risk_badge(acme, org_a, alice):
    _model(org_a, alice, "Big", training_compute_flops=3e25, threshold_known_on=date(2026, 3, 2))
    _model(org_a, alice, "Small", training_compute_flops=1e22)
    body = acme.get("/models/").content.decode()
    big = body.split(">Big<")[1].split("</tr>")[0]
    small = body.split(">Small<")[1].split("</tr>")[0]
    assert "Systemic risk (Art 51)" in big and "No systemic risk" in small


def test_list_runs_the_same_queries_for_one_and_for_many_models(acme, org_a, alice):
    _model(org_a, alice, "M0")
    acme.get("/models/")
    with count_queries() as one:
        acme.get("/models/")
    for n in range(1, 5):
        _model(org_a, alice, f"M{n}")
    with count_queries() as many:
        acme.get("/models/")
    assert many.count == one.count, many.statements


def test_model_form_creates_a_model(acme, org_a):
    response = acme.post("/models/new/", {"name": "Orion", "model_family": "Stars"})
    assert response.status_code == 302
    with tenant_context(org_a):
        model = GPAIModel.objects.get(name="Orion")
    assert response["Location"] == f"/models/{model.pk}/"


def test_model_form_without_a_name_shows_the_error_and_creates_nothing(acme, org_a):
    response = acme.post("/models/new/", {"name": "", "description": "kept"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_name_error"' in body and "kept" in body
    with tenant_context(org_a):
        assert not GPAIModel.objects.exists()


def test_duplicate_model_name_is_refused_next_to_the_name(acme, org_a, alice):
    _model(org_a, alice, "Atlas")
    response = acme.post("/models/new/", {"name": "Atlas"})
    assert response.status_code == 422
    assert 'id="id_name_error"' in response.content.decode()


def test_version_over_the_threshold_shows_the_art52_due_date(acme, org_a, alice):
    with tenant_context(org_a):
        model = services.gpai_model_create(actor=alice, name="Titan")
    response = acme.post(
        f"/models/{model.pk}/versions/new/",
        {
            "version": "2.0",
            "training_compute_flops": "2e25",
            "threshold_known_on": "2026-03-02",
            "input_modalities": ["text", "image"],
            "output_modalities": ["text"],
        },
    )
    assert response.status_code == 302
    body = acme.get(f"/models/{model.pk}/").content.decode()
    assert "Due by 16 March 2026" in body
    assert "Art 52(1): within two weeks" in body
    assert "Systemic risk (Art 51)" in body


def test_version_with_bad_compute_keeps_the_input(acme, org_a, alice):
    with tenant_context(org_a):
        model = services.gpai_model_create(actor=alice, name="Titan")
    response = acme.post(
        f"/models/{model.pk}/versions/new/", {"version": "2.0", "training_compute_flops": "lots"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_training_compute_flops_error"' in body and 'value="2.0"' in body
    with tenant_context(org_a):
        assert not GPAIModelVersion.objects.exists()


def test_art52_notification_on_a_non_systemic_version_is_refused_by_the_service(acme, org_a, alice):
    model, version = _model(org_a, alice, training_compute_flops=1e22)
    response = acme.post(
        f"/models/{model.pk}/versions/{version.pk}/edit/",
        {"version": "1.0", "art52_notified_on": "2026-01-05"},
    )
    assert response.status_code == 422
    assert 'id="id_art52_notified_on_error"' in response.content.decode()


def test_a_version_label_cannot_be_changed_and_nothing_is_saved(acme, org_a, alice):
    """The rule is the service's (gpai_model_version_update), so the API and the page agree."""
    model, version = _model(org_a, alice, training_compute_flops=1e22)
    response = acme.post(
        f"/models/{model.pk}/versions/{version.pk}/edit/",
        {"version": "2.0", "training_compute_flops": "2e22"},
    )
    assert response.status_code == 422
    assert 'id="id_version_error"' in response.content.decode()
    with tenant_context(org_a):
        version.refresh_from_db()
    assert (version.version, version.training_compute_flops) == ("1.0", 1e22)


def test_mdf_form_saves_columns_and_documentation_grouped_by_section(acme, org_a, alice):
    model, version = _model(org_a, alice)
    page = acme.get(f"/models/{model.pk}/versions/{version.pk}/documentation/").content.decode()
    assert "1. General information" in page and "8. Energy consumption" in page
    response = acme.post(
        f"/models/{model.pk}/versions/{version.pk}/documentation/",
        {
            "provider_legal_name": "Acme AI SE",
            "architecture": "Decoder-only transformer",
            "data_provenance": "Web crawl\nLicensed data",
            "parameter_count": "7000000000",
            "input_modalities": ["text"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with tenant_context(org_a):
        version.refresh_from_db()
    assert version.architecture == "Decoder-only transformer"
    assert version.parameter_count == 7_000_000_000
    assert version.documentation["data_provenance"] == ["Web crawl", "Licensed data"]
    assert version.documentation["provider_legal_name"] == "Acme AI SE"


def test_export_for_downstream_providers_leaves_out_authority_only_items(acme, org_a, alice):
    model, version = _model(org_a, alice, parameter_count=7_000_000_000, licence="Apache-2.0")
    base = f"/models/{model.pk}/versions/{version.pk}/export"
    response = acme.get(f"{base}/dp/", {"format": "json"})
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["audience"] == "dp" and data["fields"]["licence"] == "Apache-2.0"
    assert "parameter_count" not in data["fields"]  # authorities only (MDF section 2)
    authority = json.loads(acme.get(f"{base}/aio/", {"format": "json"}).content)
    assert authority["fields"]["parameter_count"] == 7_000_000_000
    assert acme.get(f"{base}/nca/").status_code == 200
    assert acme.get(f"{base}/public/").status_code == 404


def test_viewer_reads_but_cannot_change(host_client, viewer_a, org_a, alice):
    model, version = _model(org_a, alice)
    client = host_client("acme.localhost", user=viewer_a)
    assert client.get(f"/models/{model.pk}/").status_code == 200
    assert client.get(f"/models/{model.pk}/versions/{version.pk}/documentation/").status_code == 200
    assert client.get("/models/new/").status_code == 403
    assert client.post("/models/new/", {"name": "Nope"}).status_code == 403
    assert (
        client.post(
            f"/models/{model.pk}/versions/{version.pk}/documentation/", {"licence": "x"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize(
    "path",
    ["/models/", "/models/{m}/", "/models/new/", "/models/{m}/versions/{v}/documentation/",
     "/models/{m}/versions/{v}/export/dp/"],
)  # fmt: skip
def test_outsiders_get_nothing(path, host_client, org_a, alice, carol, cast):
    model, version = _model(org_a, alice)
    url = path.format(m=model.pk, v=version.pk)
    assert host_client("acme.localhost", user=carol).get(url).status_code == 403
    assert host_client("acme.localhost", user=cast.owner_b).get(url).status_code == 403
    assert host_client("acme.localhost").get(url).status_code == 302
