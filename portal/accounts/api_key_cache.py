"""Organisation API keys remembered in Redis for a minute, so an API request does not look its
key up in PostgreSQL (a query, and django-tenants' `SET search_path` before it, on every call;
bench/api_read.py).

Revocation takes effect at once: `api_key_revoke` writes a tombstone for the key's prefix (in
its transaction, so it is there before the revocation commits), and a tombstone, while it lives (an hour, far longer than any entry), makes every look-up
go to the database, where the key is revoked. A request that read the key just before the
revocation and caches it just after cannot bring it back: the tombstone is read with the entry
(one MGET) and wins. Expiry needs nothing: `ApiKey.is_usable` is evaluated on every request.
Authority keys are not cached (their authority's jurisdiction is read with them).

The keys are raw Redis keys on the cache's client (not the per-schema keys of Django's cache
API), so a revocation on any host reaches the entry written on the organisation's host."""

from __future__ import annotations

import logging
import pickle
from typing import Any

from django.core.cache import cache
from redis.exceptions import RedisError

from portal.accounts.models import ApiKey

log = logging.getLogger(__name__)

ENTRY_SECONDS = 60
TOMBSTONE_SECONDS = 3600


def _keys(prefix: str) -> tuple[str, str]:
    return f"portal:apikey:{prefix}", f"portal:apikey-revoked:{prefix}"


def _client() -> Any:
    # The Redis client behind Django's cache (private, as in portal/api/throttling.py).
    return cache._cache.get_client(write=True)  # type: ignore[attr-defined]


def api_key_cached(prefix: str) -> ApiKey | None:
    """The remembered key for `prefix`, or None (not remembered, revoked, or Redis unreachable:
    the caller reads the database)."""
    entry_key, tombstone_key = _keys(prefix)
    try:
        entry, tombstone = _client().mget([entry_key, tombstone_key])
    except RedisError:
        return None
    if entry is None or tombstone is not None:
        return None
    # Written only by api_key_remember below, into the portal's own Redis (as Django's cache
    # pickles every value it stores there).
    api_key = pickle.loads(entry)  # noqa: S301
    return api_key if isinstance(api_key, ApiKey) else None


def api_key_remember(api_key: ApiKey) -> None:
    if api_key.authority_id is not None:
        return
    entry_key, _tombstone = _keys(api_key.prefix)
    try:
        _client().set(entry_key, pickle.dumps(api_key), ex=ENTRY_SECONDS)
    except RedisError:
        log.warning("API key %s not cached: Redis unreachable", api_key.prefix)


def api_key_forget(prefix: str) -> None:
    """For a revocation: the tombstone first, then the entry. If this process cannot reach Redis
    the revocation still proceeds (refusing it would be worse); an entry another process wrote
    then lives out its ENTRY_SECONDS at most."""
    entry_key, tombstone_key = _keys(prefix)
    try:
        client = _client()
        client.set(tombstone_key, b"1", ex=TOMBSTONE_SECONDS)
        client.delete(entry_key)
    except RedisError:
        log.error("API key %s revoked without its tombstone: Redis unreachable", prefix)
