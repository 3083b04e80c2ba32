from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.errors import Forbidden, ValidationFailed
from registry.workspace import services
from tests.workspace.helpers import counts


def _model(actor, name="Frontier", **kw):  # type: ignore[no-untyped-def]
    return services.gpai_model_create(actor=actor, name=name, **kw)


def test_a_version_over_10_25_flop_has_systemic_risk_and_an_art_52_due_date(in_a, bob):
    model = _model(bob)
    version = services.gpai_model_version_create(
        actor=bob,
        model=model,
        version="1.0",
        training_compute_flops=3e25,
        input_modalities=["text", "image"],
        output_modalities=["text"],
        distribution_channels=["api"],
        parameter_range="over_1t",
        release_date=date(2026, 3, 1),
        threshold_known_on=date(2025, 11, 20),
        documentation={"acceptable_use_policy": "https://example.com/aup"},
    )
    assert version.systemic_risk is True
    assert version.risk_tier == "gpai_systemic_risk"
    assert version.art52_notification_due == date(2025, 11, 20) + timedelta(days=14)
    model.refresh_from_db()
    assert model.systemic_risk is True


def test_a_small_version_has_no_systemic_risk(in_a, bob):
    version = services.gpai_model_version_create(
        actor=bob, model=_model(bob), version="1", training_compute_flops=1e23
    )
    assert (version.risk_tier, version.systemic_risk) == ("gpai", False)
    assert version.art52_notification_due is None


def test_commission_designation_gives_systemic_risk_to_every_version(in_a, bob):
    model = _model(bob)
    version = services.gpai_model_version_create(
        actor=bob, model=model, version="1", training_compute_flops=1e23
    )
    services.gpai_model_update(actor=bob, model=model, commission_designated_systemic_risk=True)
    version.refresh_from_db()
    model.refresh_from_db()
    assert version.systemic_risk is True
    assert model.systemic_risk is True


def test_unknown_mdf_fields_and_bad_modalities_are_refused(in_a, bob):
    model = _model(bob)
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.gpai_model_version_create(
            actor=bob,
            model=model,
            version="1",
            input_modalities=["smell"],
            documentation={"favourite_colour": "red", "data_provenance": "web"},
        )
    errors = exc.value.field_errors
    assert "documentation.favourite_colour" in errors
    assert "documentation.data_provenance" in errors
    assert counts() == before


def test_art_52_notification_only_for_systemic_risk(in_a, bob):
    with pytest.raises(ValidationFailed) as exc:
        services.gpai_model_version_create(
            actor=bob,
            model=_model(bob),
            version="1",
            training_compute_flops=1e22,
            art52_notified_on=date(2026, 1, 1),
        )
    assert "art52_notified_on" in exc.value.field_errors


def test_viewer_cannot_create_a_model(in_a, viewer_a):
    with pytest.raises(Forbidden):
        _model(viewer_a)
