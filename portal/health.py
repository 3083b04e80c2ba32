"""/healthz: is this process able to serve? Database and Redis must answer; the worker is
reported (a stopped worker delays PDFs but does not stop the portal serving)."""

from __future__ import annotations

import time
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


def _timed(check) -> dict[str, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as exc:  # noqa: BLE001 - a health check reports every failure
        return {"ok": False, "error": type(exc).__name__ + ": " + str(exc)[:200]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}


def _database() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        cursor.fetchone()
    return {}


def _redis() -> dict[str, object]:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    client.ping()
    return {}


def _worker() -> dict[str, object]:
    from portal.celery import app

    replies = app.control.ping(timeout=0.5)
    if not replies:
        raise RuntimeError("no Celery worker answered within 0.5 s")
    return {"workers": sorted(name for reply in replies for name in reply)}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _timed(_database), "redis": _timed(_redis)}
    checks["worker"] = (
        _timed(_worker) if checks["redis"]["ok"] else {"ok": False, "error": "redis down"}
    )
    healthy = checks["database"]["ok"] and checks["redis"]["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


class HealthCheckMiddleware:
    """Answers `/healthz` (that exact path) before the host is checked or a tenant is looked up:
    the container's health check asks `localhost:8000`, a Host that production's ALLOWED_HOSTS
    refuses (the web container stayed unhealthy for ever; issue 14 item 10). First in MIDDLEWARE;
    the answer says only whether the database and Redis answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
