"""The URL fetcher serves our static assets and nothing else (ARCHITECTURE.md, Jobs)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from registry.filings.fetcher import (
    STATIC_ROOT,
    FetchRefused,
    StaticOnlyFetcher,
    static_url,
)

STYLESHEET = static_url("filings/filing.css")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to open a socket connection, which then fails."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_serves_the_filing_stylesheet_as_css() -> None:
    response = StaticOnlyFetcher().fetch(STYLESHEET)
    assert response.content_type == "text/css"
    assert response.read() == (STATIC_ROOT / "filings" / "filing.css").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        f"file://{STATIC_ROOT}/filings/filing.css",  # even our own file, by path
        "http://evil.example/x.css",
        "https://evil.example/x.css",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://evil.example/x.css",
        "data:text/css,body{color:red}",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "filings/filing.css",  # relative: no scheme at all
        "filing-static:../fetcher.py",
        "filing-static:filings/../../fetcher.py",
        "filing-static:filings/%2e%2e/%2e%2e/fetcher.py",
        "filing-static:/etc/passwd",
        "filing-static:filings\\..\\..\\fetcher.py",
        "filing-static://evil.example/filings/filing.css",
        "filing-static:filings/filing.css?x=1",
        "filing-static:filings/missing.css",
        "filing-static:filings",
        "filing-static:",
    ],
)
def test_refuses_everything_but_our_static_assets(url: str) -> None:
    fetcher = StaticOnlyFetcher()
    with pytest.raises(FetchRefused, match="Refused to fetch"):
        fetcher.fetch(url)
    assert fetcher.requested == [url]


def test_refuses_a_symlink_that_leads_out_of_the_static_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    root = tmp_path / "static"
    (root / "filings").mkdir(parents=True)
    (root / "filings" / "inside.css").write_text("p { margin: 0 }")
    (root / "filings" / "evil.css").symlink_to(secret)
    fetcher = StaticOnlyFetcher(root=root)

    assert fetcher.fetch(static_url("filings/inside.css")).read() == b"p { margin: 0 }"
    with pytest.raises(FetchRefused, match="outside the static folder"):
        fetcher.fetch(static_url("filings/evil.css"))


def test_refuses_file_types_it_does_not_serve(tmp_path: Path) -> None:
    root = tmp_path / "static"
    root.mkdir()
    (root / "notes.txt").write_text("hello")
    with pytest.raises(FetchRefused, match=".txt extension"):
        StaticOnlyFetcher(root=root).fetch(static_url("notes.txt"))


def test_urllib_style_open_goes_through_the_same_checks() -> None:
    with pytest.raises(FetchRefused):
        StaticOnlyFetcher().open("http://evil.example/")


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="http://127.0.0.1:9/x.png">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<p style="background: url(https://evil.example/x.png)">x</p>',
        '<style>@import url("http://evil.example/x.css");</style>',
        "<style>@font-face { font-family: X; src: url(http://evil.example/x.woff) }</style>"
        '<p style="font-family: X">x</p>',
    ],
)
def test_weasyprint_stops_instead_of_fetching(markup: str, no_network: list[object]) -> None:
    # A template mistake must fail the render loudly, not fetch or quietly drop the resource.
    fetcher = StaticOnlyFetcher()
    with pytest.raises(FatalURLFetchingError) as error:
        HTML(string=f"<html><body>{markup}</body></html>", url_fetcher=fetcher).write_pdf()
    assert isinstance(error.value.__cause__, FetchRefused)
    assert no_network == []
    assert len(fetcher.requested) == 1


def test_a_relative_reference_without_base_url_is_dropped_not_fetched() -> None:
    fetcher = StaticOnlyFetcher()
    HTML(string='<img src="../../etc/passwd.png">', base_url=None, url_fetcher=fetcher).write_pdf()
    assert fetcher.requested == []
