"""manage.py create_api_key prints a working key once."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, assert_problem


def test_command_prints_a_key_that_works_on_its_own_host_only(api, org_a):
    out = io.StringIO()
    call_command(
        "create_api_key",
        organisation="acme",
        name="demo",
        scopes="read,write",
        stdout=out,
        stderr=io.StringIO(),
    )
    key = out.getvalue().strip()
    me = api(ORG_A_HOST, key=key).get("/api/v1/me").json()
    assert me["api_key"]["scopes"] == ["read", "write"]
    assert_problem(api(ORG_B_HOST, key=key).get("/api/v1/me"), 401)


def test_command_refuses_unknown_organisation_and_scope(db):
    with pytest.raises(CommandError):
        call_command("create_api_key", organisation="nope", name="x", stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command(
            "create_api_key",
            organisation="acme",
            name="x",
            scopes="everything",
            stderr=io.StringIO(),
        )
