"""The production image and docker-compose.yml, checked without Docker (issue 14 items 10, 11):
the compose file is valid Compose, every container command exists in the portal as installed for
production, the web container's health check is answered 200 for the Host it sends, production
settings pass `check --deploy`, and nothing private or development-only goes into the image."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
# Our image's services (built here); postgres and redis are the official images, checked by them.
OURS = {name: svc for name, svc in COMPOSE["services"].items() if "build" in svc}


def _dockerfile_cmd() -> list[str]:
    match = re.search(r"^CMD (\[.*?\])\s*$", DOCKERFILE.replace("\\\n", " "), re.M | re.S)
    assert match, "the Dockerfile has no CMD in exec form"
    return json.loads(match.group(1))


def _health_url() -> str:
    test = OURS["web"]["healthcheck"]["test"]
    (url,) = re.findall(r"https?://[^'\"\s]+", " ".join(test))
    return url


@pytest.fixture(scope="module")
def probe() -> dict:  # type: ignore[type-arg]
    """One process with production settings, as the image runs them."""
    url = urlsplit(_health_url())
    commands = [svc.get("command") or _dockerfile_cmd() for svc in OURS.values()]
    commands.append(OURS["web"]["healthcheck"]["test"][1:])  # after "CMD"
    env = {
        **os.environ,
        "PORTAL_ENV": "production",
        "SECRET_KEY": "p" * 64 + "-production-secret-for-the-check",
        "DEBUG": "0",
        "PORTAL_DOMAIN": "ai-portal.example.eu",
    }
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("production_probe.py")), json.dumps(
            {"health_host": url.netloc, "health_path": url.path, "commands": commands}
        )],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_check_deploy(probe):  # type: ignore[no-untyped-def]
    assert probe["deploy_check"] == "ok"


def test_production_hashes_passwords_with_pbkdf2_not_the_tests_md5(probe):  # type: ignore[no-untyped-def]
    # `make test` hashes with MD5 (PORTAL_ENV=test, portal/settings.py); production keeps Django's
    # slow-on-purpose default.
    assert probe["password_hasher"] == "pbkdf2_sha256 pbkdf2_sha256"


def test_the_web_health_check_is_answered_200_for_the_host_it_sends(probe):  # type: ignore[no-untyped-def]
    # It asks localhost:8000, which production's ALLOWED_HOSTS refuses: answered before the check.
    assert urlsplit(_health_url()).netloc == "localhost:8000"
    assert probe["health_status"] == 200, probe["health_body"]
    assert json.loads(probe["health_body"])["status"] == "ok"


def test_every_container_command_exists_without_the_development_packages(probe):  # type: ignore[no-untyped-def]
    assert set(probe["commands"].values()) == {"ok"}, probe["commands"]
    assert len(probe["commands"]) == len(OURS) + 1  # setup, web, worker, beat; the health check


def test_the_compose_file_is_valid_against_the_compose_specification():
    schema = json.loads((ROOT / "tests/foundation/compose_spec/compose-spec.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(COMPOSE)]
    assert errors == []
    # The schema itself would catch a typo in a service's key:
    broken = {
        **COMPOSE,
        "services": {**COMPOSE["services"], "web": {**OURS["web"], "helthcheck": {}}},
    }
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


def test_web_waits_for_setup_and_is_published_on_loopback_behind_a_named_proxy():
    for name in ("web", "worker", "beat"):
        assert OURS[name]["depends_on"]["setup"] == {"condition": "service_completed_successfully"}
    (port,) = OURS["web"]["ports"]
    assert port == "${WEB_PUBLISH:-127.0.0.1:8000}:8000"
    assert OURS["web"]["environment"]["FORWARDED_ALLOW_IPS"] == "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    assert "--forwarded-allow-ips" not in _dockerfile_cmd()  # gunicorn reads FORWARDED_ALLOW_IPS
    assert "ENV FORWARDED_ALLOW_IPS=127.0.0.1" in DOCKERFILE


def test_nothing_private_or_development_only_goes_into_the_image():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", ".venv/", "var/", ".git/", "test-artefacts/"} <= ignored
    installs = [
        shlex.split(line)
        for line in DOCKERFILE.replace("\\\n", " ").splitlines()
        if "pip install" in line
    ]
    assert installs and all("requirements.lock" in " ".join(cmd) for cmd in installs)
    assert "requirements-dev.lock" not in DOCKERFILE and "requirements-test.lock" not in DOCKERFILE
