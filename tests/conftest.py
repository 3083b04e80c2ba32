"""Test fixtures: the cast of every test, created once per session.

- org_a ("acme") and org_b ("globex"): two organisations with their own schemas and hosts.
- alice: admin of A. bob: editor of A and viewer of B. carol: no membership anywhere.
- regulator: reviewer at a national authority for DE. ai_office_lead: the AI Office, restricted access.

The database comes from the stack that `make test` starts (portal/devstack.py test); these rows are
committed once, before the first test, so `--reuse-db` reuses them. Each test runs in a
transaction that is rolled back, including any schema it creates (PostgreSQL DDL is transactional).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.db import connection

PASSWORD = "correct-horse-battery-staple"


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("DATABASE_URL"):
        raise pytest.UsageError(
            "The tests need the embedded stack: run `make test` (or "
            "`.venv/bin/python -m portal.devstack test [pytest args]`), or set DATABASE_URL and "
            "REDIS_URL."
        )


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    # The suite's cost on a shared machine is its CPU time more than its wall time (decision 0015):
    # this process, and the processes it started and waited for (workers, servers, browsers).
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    terminalreporter.write_line(
        f"CPU time: pytest {own.ru_utime + own.ru_stime:.1f} s, "
        f"its finished child processes {children.ru_utime + children.ru_stime:.1f} s"
    )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # PORTAL_TEST_TIMES=<file>: one line per phase of each test as it ends ("<s> <phase> <test>"),
    # so a long run's figures can be read while it runs or after it was stopped (decision 0015).
    path = os.environ.get("PORTAL_TEST_TIMES")
    if path:
        with open(path, "a") as out:
            out.write(f"{report.duration:.3f} {report.when} {report.nodeid}\n")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from tests.cast import build_cast

    # pytest-django creates the test database only when a collected test uses `db`; a run of
    # `committed_db` tests alone (`-k`, `-m reliability`) would then use the development
    # database. Create it here in that case, with Django's own setup_databases.
    ours = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
            ours = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}, keepdb=django_db_keepdb
            )
        build_cast()
    yield
    if ours is not None and not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(ours, verbosity=0)


@pytest.fixture
def viewer_a(org_a, cast):  # type: ignore[no-untyped-def]
    """A viewer of acme: the one viewer fixture (the cast has none; bob views globex only)."""
    from portal.accounts.models import Membership, Role, User

    user = User.objects.create_user(email="vera@acme.test", password="x" * 12, full_name="Vera")
    Membership.objects.create(user=user, organisation=org_a, role=Role.VIEWER)
    return user


@pytest.fixture(autouse=True)
def _public_schema_after_each_test() -> Iterator[None]:
    # A test that switches schemas (tenant_context, a request to an organisation's host) must not
    # leak its search_path into the next test on the same connection.
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    # LocaleMiddleware activates the request's language for the thread and nothing resets it: a
    # test that requests a page in French would leave later tests' messages in French.
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    from tests.cast import Cast

    return Cast.load()


@pytest.fixture
def org_a(cast):  # type: ignore[no-untyped-def]
    return cast.org_a


@pytest.fixture
def org_b(cast):  # type: ignore[no-untyped-def]
    return cast.org_b


@pytest.fixture
def alice(cast):  # type: ignore[no-untyped-def]
    return cast.alice


@pytest.fixture
def bob(cast):  # type: ignore[no-untyped-def]
    return cast.bob


@pytest.fixture
def carol(cast):  # type: ignore[no-untyped-def]
    return cast.carol


@pytest.fixture
def regulator(cast):  # type: ignore[no-untyped-def]
    return cast.regulator


@pytest.fixture(autouse=True)
def _fresh_login_throttle_counters(monkeypatch):  # type: ignore[no-untyped-def]
    """Password-reset counters live in Redis, which no test transaction rolls back."""
    import uuid

    from portal.accounts import throttle

    monkeypatch.setattr(throttle, "CACHE_PREFIX", f"throttle-test-{uuid.uuid4().hex}")


@pytest.fixture
def host_client():  # type: ignore[no-untyped-def]
    """A Django test client for a given host: host_client("acme.localhost", user=alice). A user
    whose role needs a second factor is logged in as the log-in form would leave them: with an
    authenticator (tests/two_factor.py) that passed just now."""
    from django.test import Client

    from portal.accounts.two_factor import has_second_factor, second_factor_required
    from tests.two_factor import cast_authenticator_ensure, second_factor_passed

    def make(host: str, user=None):  # type: ignore[no-untyped-def]
        client = Client(HTTP_HOST=host)
        if user is not None:
            client.force_login(user)
            if has_second_factor(user) or second_factor_required(user):
                cast_authenticator_ensure(user)
                second_factor_passed(client, user)
        return client

    return make


from tests.committed import committed_db  # noqa: E402, F401 - fixture for every test package
