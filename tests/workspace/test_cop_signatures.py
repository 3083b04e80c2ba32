from __future__ import annotations

from datetime import date

import pytest

from portal.errors import Forbidden, ValidationFailed
from registry.workspace import selectors, services
from registry.workspace.choices import CoPChapter, CoPStatus
from registry.workspace.models import CodeOfPracticeSignatureChange
from registry.workspace.models.cop import HistoryImmutable
from tests.workspace.helpers import counts

SIGNER = {"signatory_name": "Ada Admin", "signatory_authority": "CEO"}


def test_chapters_and_statuses_follow_the_code_of_practice():
    assert CoPChapter.values == ["transparency", "copyright", "safety_security"]
    assert set(CoPStatus.values) == {"signed", "declined", "not_signed", "withdrawn"}


def test_admin_signs_one_chapter_and_history_records_it(in_a, alice, bob):
    model = services.gpai_model_create(actor=bob, name="M")
    signature = services.cop_signature_set(
        actor=alice,
        chapter="safety_security",
        status="signed",
        status_date=date(2025, 7, 30),
        models_covered=[model],
        public_statement_url="https://example.com/cop",
        **SIGNER,
    )
    assert list(signature.models_covered.all()) == [model]
    [change] = selectors.cop_signature_history()
    assert change.before is None
    assert change.after["status"] == "signed"
    assert change.after["models_covered"] == [model.pk]
    assert change.changed_by == alice


def test_every_change_is_kept_and_withdrawal_follows_signing(in_a, alice):
    services.cop_signature_set(
        actor=alice, chapter="copyright", status="signed", status_date="2025-07-30", **SIGNER
    )
    services.cop_signature_set(
        actor=alice, chapter="copyright", status="withdrawn", status_date="2026-01-15", **SIGNER
    )
    history = list(selectors.cop_signature_history(chapter="copyright"))
    assert [h.after["status"] for h in history] == ["withdrawn", "signed"]
    assert history[0].before["status"] == "signed"


def test_setting_the_same_state_again_adds_no_history(in_a, alice):
    kwargs = {"chapter": "transparency", "status": "declined", "status_date": date(2025, 7, 31)}
    services.cop_signature_set(actor=alice, **kwargs)
    before = counts()
    services.cop_signature_set(actor=alice, **kwargs)
    assert counts() == before


def test_withdrawing_an_unsigned_chapter_is_refused(in_a, alice):
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.cop_signature_set(
            actor=alice, chapter="copyright", status="withdrawn", status_date=date(2026, 1, 1)
        )
    assert "status" in exc.value.field_errors
    assert counts() == before


def test_signing_needs_date_signatory_and_authority(in_a, alice):
    with pytest.raises(ValidationFailed) as exc:
        services.cop_signature_set(actor=alice, chapter="copyright", status="signed")
    assert {"status_date", "signatory_name", "signatory_authority"} <= set(exc.value.field_errors)


def test_unknown_chapter_or_status_is_refused(in_a, alice):
    with pytest.raises(ValidationFailed):
        services.cop_signature_set(actor=alice, chapter="ethics", status="signed")
    with pytest.raises(ValidationFailed):
        services.cop_signature_set(actor=alice, chapter="copyright", status="maybe")


def test_editor_cannot_sign(in_a, bob):
    with pytest.raises(Forbidden):
        services.cop_signature_set(
            actor=bob, chapter="copyright", status="signed", status_date=date(2025, 7, 30), **SIGNER
        )


def test_history_is_append_only(in_a, alice):
    services.cop_signature_set(
        actor=alice, chapter="transparency", status="declined", status_date=date(2025, 7, 31)
    )
    change = CodeOfPracticeSignatureChange.objects.get()
    with pytest.raises(HistoryImmutable):
        change.save()
    with pytest.raises(HistoryImmutable):
        CodeOfPracticeSignatureChange.objects.all().delete()
