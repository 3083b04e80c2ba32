"""While the database is unreachable, requests get 503 with Retry-After, not a bare 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.fixture
def database_down(monkeypatch):
    # The first query of every request is TenantMainMiddleware's domain lookup.
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr("django_tenants.middleware.main.get_tenant_domain_model", refuse)


def test_api_answers_503_problem_with_retry_after(database_down, db):
    response = Client(HTTP_HOST="acme.localhost", raise_request_exception=False).get(
        "/api/v1/systems/"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "database_unavailable"


def test_pages_answer_503_with_retry_after(database_down, db):
    response = Client(HTTP_HOST="localhost", raise_request_exception=False).get("/register/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Briefly unavailable" in response.content


def test_other_errors_stay_500(monkeypatch, db):
    def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("django_tenants.middleware.main.get_tenant_domain_model", boom)
    response = Client(HTTP_HOST="localhost", raise_request_exception=False).get("/")
    assert response.status_code == 500
