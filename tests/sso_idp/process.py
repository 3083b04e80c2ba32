"""Start and stop the test identity provider (tests/sso_idp) on a free loopback port."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass
class Person:
    email: str
    password: str
    verified: bool = True
    username: str = ""  # at the provider; the e-mail when empty


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen[bytes]
    log: Path
    people: list[Person] = field(default_factory=list)
    database: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        _database(self.database, "drop database if exists {name} with (force)")


def _server() -> dict[str, str]:
    """The PostgreSQL server the tests run on (the embedded one, or $DATABASE_URL's): the
    provider gets a database of its own there, never the portal's."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    return {
        "host": str(db.get("HOST") or ""),
        "port": str(db.get("PORT") or ""),
        "user": str(db.get("USER") or ""),
        "password": str(db.get("PASSWORD") or ""),
        "name": f"idp_{secrets.token_hex(6)}",
    }


def _database(server: dict[str, str], statement: str) -> None:
    if not server:
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=server["host"] or None,
        port=server["port"] or None,
        user=server["user"] or None,
        password=server["password"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(sql.SQL(statement).format(name=sql.Identifier(server["name"])))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_provider(folder: Path, *, redirect_uris: list[str], people: list[Person]) -> Provider:
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    client_id, client_secret = f"portal-{secrets.token_hex(4)}", secrets.token_urlsafe(24)
    server = _server()
    _database(server, "create database {name}")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PORTAL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.sso_idp.settings",
        IDP_DB_NAME=server["name"],
        IDP_DB_HOST=server["host"],
        IDP_DB_PORT=server["port"],
        IDP_DB_USER=server["user"],
        IDP_DB_PASSWORD=server["password"],
        IDP_RSA_KEY=pem,
        PYTHONPATH=str(BASE_DIR),
        IDP_SETUP=json.dumps(
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "redirect_uris": redirect_uris,
                "people": [p.__dict__ for p in people],
            }
        ),
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "tests.sso_idp.setup"], env=env, cwd=BASE_DIR, check=True
        )
    except subprocess.CalledProcessError:
        _database(server, "drop database if exists {name} with (force)")
        raise
    port = _free_port()
    log = folder / "idp.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.sso_idp.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    provider = Provider(issuer, client_id, client_secret, process, log, people, server)
    deadline = time.monotonic() + 30
    while True:
        try:
            discovery = f"{issuer}/.well-known/openid-configuration"
            with urllib.request.urlopen(discovery, timeout=2):  # noqa: S310 - http on loopback
                return provider
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                provider.stop()
                raise RuntimeError(f"the test identity provider did not start: {log}") from None
            time.sleep(0.2)
