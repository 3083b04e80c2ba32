"""Hostile query strings: NUL characters and bytes that are not UTF-8, percent-encoded as a client
sends them. PostgreSQL cannot store or compare a NUL (psycopg raises before the query runs: a 500
until portal.middleware.MalformedURLMiddleware), and Django would read invalid UTF-8 as U+FFFD.

Web pages and the query parameters they read: add a page's parameters here when it reads
request.GET (the API's come from its OpenAPI document)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.pagination import CURSOR_PARAM, SIZE_PARAM, SORT_PARAM
from registry.register.web.forms import QueueFilterForm, RegisterFilterForm
from registry.workspace.web.forms_records import RiskFilterForm
from registry.workspace.web.forms_systems import SystemFilterForm

# id -> the value as it appears in the URL
BAD_VALUES: dict[str, str] = {
    "nul": "%00",
    "nul-inside": "HireRank%00x",
    "invalid-utf8": "%FF",
    "bad-continuation": "caf%C3%28",
    "encoded-surrogate": "%ED%A0%80",
    "beyond-unicode": "%F4%90%80%80",
    "overlong-nul": "%C0%80",
    "truncated": "%E2%82",
}


@dataclass(frozen=True)
class WebPage:
    host: str  # "public" or "org"
    path: str
    params: tuple[str, ...]
    as_user: str | None = None  # "member" (alice of acme) or "regulator"

    @property
    def id(self) -> str:
        return f"{self.host}:{self.path}"


def _fields(form: type) -> tuple[str, ...]:
    return tuple(form.base_fields)  # type: ignore[attr-defined]


PAGING = (SORT_PARAM, SIZE_PARAM, CURSOR_PARAM)

WEB_PAGES: list[WebPage] = [
    WebPage("public", "/register/", (*_fields(RegisterFilterForm), "page")),
    WebPage("public", "/signatories/", ("chapter",)),
    WebPage("public", "/verify/", ()),
    WebPage("public", "/open-data/register.csv", ()),
    WebPage("public", "/accounts/login/", ("next",)),
    WebPage("public", "/accounts/organisations/", ("from", "to", "nonce"), as_user="member"),
    WebPage("public", "/regulator/", (*_fields(QueueFilterForm), "page"), as_user="regulator"),
    WebPage("public", "/regulator/dashboard/", (), as_user="regulator"),
    WebPage("org", "/systems/", (*_fields(SystemFilterForm), *PAGING), as_user="member"),
    WebPage("org", "/records/", _fields(RiskFilterForm), as_user="member"),
    WebPage(
        "org", "/evidence/upload/", ("systems", "risk_records", "qms_records"), as_user="member"
    ),
    WebPage(
        "org",
        "/filings/new/",
        ("kind", "provider_q", "provider_filing_id"),
        as_user="member",
    ),
    WebPage("org", "/filings/provider-entries/", ("provider_q",), as_user="member"),
]
