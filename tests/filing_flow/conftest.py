from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def no_enqueue(monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_pdf", lambda job_id: sent.append(job_id))
    return sent
