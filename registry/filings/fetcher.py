"""The only way WeasyPrint may load a resource while rendering a filing.

A filing PDF is evidence: it must show exactly the snapshot, never something fetched at render
time, and rendering runs on a worker that must not be talked into reading local files or calling
internal services (SSRF). So the fetcher serves files under ``registry/filings/static/`` through
its own URL scheme, ``filing-static:filings/filing.css``, and refuses everything else: ``file:``,
``http(s):``, ``data:``, ``ftp:``, any other scheme, ``..`` segments, absolute paths and symlinks
that lead out of the static folder. Every refusal raises ``FetchRefused``; the renderer turns it
into a fatal error, so a refused fetch stops the render instead of leaving a hole in the PDF.
Values from the snapshot never reach this fetcher: the template escapes them, so ``<img src=…>``
in a field is text, not an element.
"""

from __future__ import annotations

import threading
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "filing-static"
STATIC_ROOT = Path(__file__).resolve().parent / "static"

# Only what our templates use; anything else under static/ is not served.
CONTENT_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
MAX_ASSET_BYTES = 1_000_000


class FetchRefused(ValueError):
    """A resource the filing renderer does not load.

    Raised inside WeasyPrint, the fetcher's ``fail_on_errors`` turns it into a
    ``FatalURLFetchingError`` that stops the render (``pdf.FilingRenderError`` for callers)
    instead of a logged warning and a PDF without the resource.
    """


def static_url(relative_path: str) -> str:
    """The URL of a file under ``static/`` for use in a template (``filings/filing.css``)."""
    return f"{SCHEME}:{relative_path}"


def resolve_static(url: str, *, root: Path = STATIC_ROOT) -> Path:
    """The file a ``filing-static:`` URL names, or ``FetchRefused``."""
    parts = urlsplit(url)
    if parts.scheme.lower() != SCHEME:
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: only {SCHEME}: assets are served")
    if parts.netloc or parts.query or parts.fragment:
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: host, query or fragment given")
    raw = unquote(parts.path)
    pure = PurePosixPath(raw)
    if not raw or "\\" in raw or "\x00" in raw or pure.is_absolute() or ".." in pure.parts:
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: not a plain relative path")
    suffix = pure.suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: {suffix or 'no'} extension")
    base = root.resolve()
    # resolve() follows symlinks, so a link pointing out of static/ fails the containment check.
    target = (base / pure).resolve()
    if not target.is_relative_to(base):
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: outside the static folder")
    if not target.is_file():
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: no such asset")
    if target.stat().st_size > MAX_ASSET_BYTES:
        raise FetchRefused(f"Refused to fetch {_shorten(url)}: larger than {MAX_ASSET_BYTES} B")
    return target


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves our static assets and refuses everything else.

    ``requested`` records every URL WeasyPrint asked for, so tests (and a worker's log) can show
    that a render touched nothing but our own assets.
    """

    def __init__(self, *, root: Path = STATIC_ROOT) -> None:
        # The parent sets up urllib handlers (http, ftp, file, data) that we never call;
        # fail_on_errors makes WeasyPrint treat any exception from fetch() as fatal.
        super().__init__(fail_on_errors=True, allow_redirects=False)
        self.root = root
        self.requested: list[str] = []
        self._lock = threading.Lock()

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        with self._lock:
            self.requested.append(url)
        path = resolve_static(url, root=self.root)
        body = _read_asset(path)
        content_type = CONTENT_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    # urllib's OpenerDirector.open would reach the http/file handlers; route it through fetch().
    def open(self, url: object, data: object = None, timeout: object = None) -> URLFetcherResponse:
        return self.fetch(getattr(url, "full_url", url))  # type: ignore[arg-type]


_asset_cache: dict[Path, bytes] = {}


def _read_asset(path: Path) -> bytes:
    # Static assets ship with the code and never change while a worker runs.
    cached = _asset_cache.get(path)
    if cached is None:
        cached = _asset_cache[path] = path.read_bytes()
    return cached


def _shorten(url: str) -> str:
    # A data: URI can be megabytes; keep error messages and logs readable.
    return url if len(url) <= 120 else url[:117] + "..."
