"""A mixed load at 20 concurrent users against gunicorn (2 workers) on the test database: providers
browsing their pages and filing, integrators on the API, regulators reviewing in the console and
on the regulator API, visitors on the public register. No 5xx, and no response carries data of
another organisation or of another authority's jurisdiction (every response is checked).

RELIABILITY_LOAD_SECONDS sets the duration (default 60 s, what issue 7 asks for).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import statistics
import threading
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import ApiKey, Authority, AuthorityMembership, User
from registry.register.models import Filing
from registry.register.services.submit import filing_version_submit
from registry.workspace import services
from tests.cast import Cast
from tests.e2e.server import database_url_for
from tests.register.factories import submission
from tests.reliability.load_users import (
    Integrator,
    Outcome,
    ProviderWeb,
    PublicVisitor,
    RegulatorApi,
    RegulatorWeb,
    World,
)
from tests.reliability.support import ARTEFACTS, gunicorn

DURATION = float(os.environ.get("RELIABILITY_LOAD_SECONDS", "60"))
pytestmark = pytest.mark.timeout(int(DURATION) + 120)
FILERS = 2  # in-process providers filing through the register service, one per organisation


def _file(org, marker: str, subject: str, states: tuple[str, ...]) -> Filing:
    made = submission(org, subject_id=subject, member_states=states)
    body = {**made.body, "subject": {**made.body["subject"], "name": f"{marker} {subject}"}}
    made = dataclasses.replace(made, body=body, subject_name=f"{marker} {subject}")
    return filing_version_submit(actor=None, submission=made).filing


def _filer(world: World, org, marker: str, states: tuple[str, ...], name: str) -> None:
    """A provider filing a new registration every ~1.5 s, in this process (the same service the
    filing pages and the filings API call), so regulators' queues change under them."""
    n = 0
    try:
        while not world.stop.is_set():
            n += 1
            started = time.monotonic()
            try:
                _file(org, marker, f"{name}-{n}", states)
                world.outcomes.append(Outcome(name, "file", 201, time.monotonic() - started))
            except Exception as exc:  # noqa: BLE001 - recorded as a failed outcome
                world.outcomes.append(Outcome(name, "file", 500, 0, repr(exc)[:300]))
            world.stop.wait(1.5)
    finally:
        connection.close()  # this thread's own connection, before the test database is dropped


def _session(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _report(outcomes: list[Outcome]) -> str:
    seconds = sorted(o.seconds for o in outcomes if o.status)
    p95 = seconds[int(len(seconds) * 0.95) - 1] if seconds else 0
    return (
        f"{len(outcomes)} requests in {DURATION:.0f} s ({len(outcomes) / DURATION:.1f}/s), "
        f"median {statistics.median(seconds) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )


def test_mixed_load_of_20_users_gives_no_5xx_and_no_data_of_another_party(committed_db):
    cast = Cast.load()
    token_a, token_b, token_fr = (f"qz{secrets.token_hex(4)}" for _ in range(3))
    made_keys: list[int] = []
    sessions: dict[str, str] = {}
    lead, _ = User.objects.get_or_create(email="load-lead@msa.test")
    msa = Authority.objects.get(slug="de-msa")
    AuthorityMembership.objects.get_or_create(user=lead, authority=msa, defaults={"role": "lead"})
    try:
        systems = {}
        for org, actor, marker in (
            (cast.org_a, cast.alice, token_a),
            (cast.org_b, cast.owner_b, token_b),
        ):
            with tenant_context(org):
                systems[org.slug] = [
                    services.ai_system_create(
                        actor=actor, trade_name=f"{marker} system {i}", role="provider"
                    ).pk
                    for i in range(3)
                ]
        visible = _file(cast.org_a, token_a, "load-de", ("DE",))
        foreign = _file(cast.org_b, token_b, "load-nl", ("NL",))
        _file(cast.org_a, f"{token_a} {token_fr}", "load-fr", ("FR",))
        keys = {}
        for owner, actor, kw in (
            ("acme", cast.alice, {"organisation": cast.org_a}),
            ("globex", cast.owner_b, {"organisation": cast.org_b}),
            ("de-msa", lead, {"authority": msa}),
        ):
            key, keys[owner] = api_key_create(
                actor=actor, name="load", scopes=["read", "write", "submit"], **kw
            )
            made_keys.append(key.pk)
        world = World(
            port=0,
            forbidden={
                "acme": (token_b,),
                "globex": (token_a, token_fr),
                "de-msa": (token_b, token_fr),
                "public": (token_a, token_b, token_fr),
            },
            systems=systems,
            visible_filing=str(visible.pk),
            foreign_filing=str(foreign.pk),
            own={"acme": token_a, "globex": token_b, "de-msa": token_a},
        )
        sessions = {
            "acme": _session(cast.alice),
            "globex": _session(cast.owner_b),
            "de-msa": _session(cast.regulator),
        }
        log = ARTEFACTS / "mixed-load-server.log"
        db_url = database_url_for(connection.settings_dict["NAME"])
        with gunicorn(database_url=db_url, log_path=log) as server:
            world.port = server.port
            users = [
                *(
                    ProviderWeb(f"web-{o}-{i}", world, o, sessions[o])
                    for i, o in enumerate(["acme", "globex"] * 3)
                ),
                *(
                    Integrator(f"api-{o}-{i}", world, o, keys[o], m)
                    for i, (o, m) in enumerate([("acme", token_a), ("globex", token_b)] * 3)
                ),
                *(RegulatorWeb(f"console-{i}", world, sessions["de-msa"]) for i in range(2)),
                *(RegulatorApi(f"regapi-{i}", world, keys["de-msa"]) for i in range(2)),
                *(PublicVisitor(f"public-{i}", world) for i in range(2)),
            ]
            assert len(users) + FILERS == 20
            threads = [threading.Thread(target=user.run, name=user.name) for user in users]
            threads += [
                threading.Thread(
                    target=_filer, args=(world, cast.org_a, token_a, ("DE",), "filer-acme")
                ),
                threading.Thread(
                    target=_filer, args=(world, cast.org_b, token_b, ("NL",), "filer-globex")
                ),
            ]
            for thread in threads:
                thread.start()
            time.sleep(DURATION)
            world.stop.set()
            for thread in threads:
                thread.join(60)
            assert not any(thread.is_alive() for thread in threads), "a virtual user hung"
            assert server.proc.poll() is None, server.log_tail()
    finally:
        ApiKey.objects.filter(pk__in=made_keys).delete()
        AuthorityMembership.objects.filter(user=lead).delete()
        Session.objects.filter(session_key__in=sessions.values()).delete()
        # Not lead.delete(): its collector would look for rows in tables of no schema in use.
        with connection.cursor() as cursor:
            # What the portal told the lead (the bell) goes with the lead.
            cursor.execute("delete from notifications_notification where user_id = %s", [lead.pk])
            cursor.execute("delete from accounts_user where id = %s", [lead.pk])

    outcomes = world.outcomes
    server_errors = [o for o in outcomes if o.status >= 500 or o.status == 0]
    assert not server_errors, server_errors[:5]
    problems = [o for o in outcomes if o.problem]
    assert not problems, problems[:5]
    # The markers are on the pages at all (else the isolation check would prove nothing).
    assert world.saw_own == {"acme", "globex", "de-msa"}, world.saw_own
    by_user = {user.name: user.count for user in users}
    assert all(by_user.values()), f"a user never got a turn: {by_user}"
    print(f"\nmixed load, 20 users: {_report(outcomes)}")
