"""Rate limits per API key, per session user, or per client IP for anonymous callers.

A fixed window counted with Redis's atomic INCR (with its EXPIRE, pipelined): one round trip
per request and no lost updates between workers, unlike DRF's read-modify-write history list.
Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] at request time (so override_settings
and environment changes apply) under the names "api_key", "user" and "anon"; a view may name its
own bucket with `throttle_scope` (rate "<scope>.<kind>", e.g. "classify.api_key"), falling back to
the kind's rate. Every throttled answer says where the caller stands: `RateLimit-Limit`,
`RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window ends), and a 429 `Retry-After`.

Refused requests (401, 403) are counted too, per client address under the rate "refused": once a
client has used it up, every request from that address is 429 until the window ends, whatever its
credentials, so guessing keys costs time and a right guess looks like a wrong one. The address's
refusals are read in the same round trip as the rate-limit counter (a request that gets through
authentication costs Redis one round trip, not two); a request refused by authentication or by a
permission reads them on its way out, and is answered 429 instead of 401/403 once they are used up.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from portal.accounts.models import ApiKey
from portal.api.request import RateLimit

HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


class PortalRateThrottle(BaseThrottle):
    cache_prefix = "throttle"  # tests set a fresh prefix per test for isolation

    def __init__(self) -> None:
        self._wait: float | None = None

    @staticmethod
    def parse_rate(rate: str) -> tuple[int, int]:
        count, _, period = rate.partition("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0].lower()]
        return int(count), seconds

    def _bucket(self, request: Request) -> tuple[str, str]:
        actor = getattr(request, "actor", None)
        if isinstance(actor, ApiKey):
            return "api_key", f"key{actor.pk}"
        if actor is not None and getattr(actor, "is_authenticated", False):
            return "user", f"user{actor.pk}"
        return "anon", f"ip{self.get_ident(request)}"

    def allow_request(self, request: Request, view: Any) -> bool:
        kind, ident = self._bucket(request)
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        scope = getattr(view, "throttle_scope", None)
        rate = (scope and rates.get(f"{scope}.{kind}")) or rates.get(kind)
        refused = _refused_key(request)
        if not rate:
            return self._refusals_left(refused, _refusals(refused))
        limit, period = self.parse_rate(rate)
        now = time.time()
        window = int(now // period)
        key = f"{self.cache_prefix}:{scope or 'all'}:{kind}:{ident}:{period}:{window}"
        count, refusals = _count(key, period + 1, refused)
        if not self._refusals_left(refused, refusals):
            return False
        wait = (window + 1) * period - now
        state = RateLimit(limit, max(0, limit - count), max(1, int(wait + 0.999)))
        request.rate_limit = state  # type: ignore[attr-defined]
        if count <= limit:
            return True
        self._wait = wait
        return False

    def wait(self) -> float | None:
        return self._wait

    def _refusals_left(self, refused: tuple[str, int, float] | None, refusals: int) -> bool:
        """False (and the wait) when the client's address has used up its refusals."""
        if refused is None or refusals < refused[1]:
            return True
        self._wait = refused[2]
        return False


_clients: dict[int, Any] = {}


def _redis() -> Any:
    """The cache's Redis client (its primary server and connection pool), one per process.
    Django's cache builds a new client object, with its table of some 300 response callbacks, on
    every call: two per API request, about 5 % of a list request's CPU (bench/api_read.py). Keyed
    by process id, so a forked worker never uses its parent's client."""
    client = _clients.get(os.getpid())
    if client is None:
        client = _clients[os.getpid()] = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    return client


def _count(key: str, timeout: int, refused: tuple[str, int, float] | None) -> tuple[int, int]:
    """INCR and EXPIRE in one round trip to Redis (a pipeline on the cache's own client), where
    the cache API needs two or three (add, incr, and add again after a lost race), with the
    address's refusals read in the same trip; the keys are the cache's, so `cache.get(key)` reads
    the same counters. (count, refusals so far)."""
    full_key = cache.make_key(key)
    pipe = _redis().pipeline(transaction=False)
    pipe.incr(full_key)
    pipe.expire(full_key, timeout)
    if refused is not None:
        pipe.get(cache.make_key(refused[0]))
    count, _expiry_set, *refusals = pipe.execute()
    return int(count), int(refusals[0] or 0) if refusals else 0


def _refusals(refused: tuple[str, int, float] | None) -> int:
    # The counter is a plain integer in Redis (the cache stores ints unpickled; see _count).
    return 0 if refused is None else int(_redis().get(cache.make_key(refused[0])) or 0)


def add_rate_limit_headers(request: Request, response: Any) -> None:
    state: RateLimit | None = getattr(request, "rate_limit", None)
    if state is not None:
        for name, value in zip(HEADERS, state, strict=True):
            response[name] = str(value)


REFUSED_RATE = "refused"


def _refused_key(request: Request) -> tuple[str, int, float] | None:
    rate = (api_settings.DEFAULT_THROTTLE_RATES or {}).get(REFUSED_RATE)
    if not rate:
        return None
    limit, period = PortalRateThrottle.parse_rate(str(rate))
    now = time.time()
    window = int(now // period)
    ident = PortalRateThrottle().get_ident(request)
    key = f"{PortalRateThrottle.cache_prefix}:refused:ip{ident}:{period}:{window}"
    return key, limit, (window + 1) * period - now


def refused(request: Request, exc: Exception) -> Exception:
    """After a 401 or 403: 429 instead, for an address that has used up its refusals (so a
    guess is answered alike, right or wrong), else one refusal more for it and `exc` unchanged."""
    found = _refused_key(request)
    if found is None:
        return exc
    key, limit, wait = found
    if _refusals(found) >= limit:
        return exceptions.Throttled(wait=wait)
    cache.add(key, 0, timeout=int(wait) + 2)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=int(wait) + 2)
    return exc
