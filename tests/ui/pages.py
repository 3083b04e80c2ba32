"""The main pages of the portal, in one list that three checks share: the untranslated-string scan
(tests/ui/test_translations.py), the accessibility check in the browser (tests/e2e/test_axe.py)
and the render benchmark (bench/page_render.py).

Add a page here and all three cover it:

    MainPage("systems", host=ORG, path="/systems/", as_user=MEMBER)

`as_user` names a part, not a person: each check casts it (the tests with alice / carol / the
regulator of tests/cast.py, the benchmark with the demo people of portal/demo.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.web_public.main_page_data import SamplePath

PUBLIC = "public"  # localhost
ORG = "org"  # <slug>.localhost of the organisation the member belongs to

MEMBER = "member"  # an administrator of the organisation
OUTSIDER = "outsider"  # signed in, member of no organisation
REGULATOR = "regulator"  # reviewer at a national authority


@dataclass(frozen=True)
class MainPage:
    name: str
    host: str
    path: str
    as_user: str | None = None
    status: int = 200
    # A POST renders the page after a failed submission (errors shown, input kept).
    post: dict[str, str] | None = field(default=None, hash=False)
    # Skip the browser's accessibility check for this page (say why in a comment).
    axe: bool = True
    # Why the render benchmark cannot hold this page to the 100 ms target, if it cannot.
    bench_exempt: str = ""
    # The page documents a data format by its codes (column names and values of the open data),
    # so the internal-name check of tests/ui/readable.py lets codes through; dates still count.
    documents_codes: bool = False


MAIN_PAGES: list[MainPage] = [
    MainPage("public-home", PUBLIC, "/"),
    MainPage("public-home-signed-in", PUBLIC, "/", as_user=MEMBER),
    MainPage("login", PUBLIC, "/accounts/login/"),
    MainPage("org-login", ORG, "/accounts/login/"),
    MainPage(
        "login-failed",
        ORG,
        "/accounts/login/",
        post={"username": "nobody@example.test", "password": "not-the-password"},
        bench_exempt="hashes the password (PBKDF2, slow on purpose)",
    ),
    MainPage("password-reset", PUBLIC, "/accounts/password/reset/"),
    MainPage("switcher", PUBLIC, "/accounts/organisations/", as_user=MEMBER),
    MainPage("dashboard", ORG, "/", as_user=MEMBER),
    MainPage("systems", ORG, "/systems/", as_user=MEMBER),
    # {system}: a classified Section A system the checks create (tests/ui/test_translations.py;
    # the benchmark takes a demo system). The browser's axe check of this page runs in
    # tests/e2e/test_provider_wizard.py, on the system the provider makes through the wizard.
    MainPage("system-detail", ORG, "/systems/{system}/", as_user=MEMBER, axe=False),
    MainPage("system-edit", ORG, "/systems/{system}/edit/", as_user=MEMBER, axe=False),
    MainPage("system-edit-item", ORG, "/systems/{system}/edit/a5/", as_user=MEMBER, axe=False),
    MainPage("system-wizard", ORG, "/systems/new/", as_user=MEMBER),
    MainPage("records", ORG, "/records/", as_user=MEMBER),
    MainPage("qms-records", ORG, "/records/qms/", as_user=MEMBER),
    MainPage("evidence", ORG, "/evidence/", as_user=MEMBER),
    MainPage("evidence-upload", ORG, "/evidence/upload/", as_user=MEMBER),
    # {evidence}: the declaration of conformity of the {system} above, cited by it (its axe
    # check at both widths runs in tests/e2e/test_page_width.py, which has the sample data).
    MainPage("evidence-detail", ORG, "/evidence/{evidence}/", as_user=MEMBER, axe=False),
    MainPage("gpai-models", ORG, "/models/", as_user=MEMBER),
    MainPage("code-of-practice", ORG, "/code-of-practice/", as_user=MEMBER),
    MainPage("copyright-policy", ORG, "/copyright-policy/", as_user=MEMBER),
    MainPage("copyright-policy-new", ORG, "/copyright-policy/new/", as_user=MEMBER),
    MainPage("filings", ORG, "/filings/", as_user=MEMBER),
    MainPage("filing-new", ORG, "/filings/new/", as_user=MEMBER),
    MainPage("incidents", ORG, "/incidents/", as_user=MEMBER),
    # The draft page (/filings/<id>/) needs a draft: its language scan is in
    # tests/web_filings/test_translated_pages.py, its axe check in tests/e2e/test_provider_filing.py.
    MainPage("settings-members", ORG, "/settings/members/", as_user=MEMBER),
    MainPage("settings-api-keys", ORG, "/settings/api-keys/", as_user=MEMBER),
    MainPage("settings-history", ORG, "/settings/history/", as_user=MEMBER),
    MainPage("notifications", PUBLIC, "/notifications/", as_user=MEMBER),
    MainPage("notification-settings", PUBLIC, "/notifications/settings/", as_user=MEMBER),
    # The regulator console and the public register (tests/web_regulator, tests/web_public).
    MainPage("regulator-queue", PUBLIC, "/regulator/", as_user=REGULATOR),
    MainPage(
        "regulator-queue-filtered",
        PUBLIC,
        "/regulator/?status=submitted&member_state=DE",
        as_user=REGULATOR,
    ),
    # A sample filing is filed when the page is requested (tests/web_public/main_page_data.py);
    # the browser's axe check of these two runs in tests/e2e/test_regulator_and_public.py.
    MainPage(
        "regulator-filing",
        PUBLIC,
        SamplePath("/regulator/filings/<sample>/", "regulator-filing"),
        as_user=REGULATOR,
        axe=False,
    ),
    MainPage("regulator-dashboard", PUBLIC, "/regulator/dashboard/", as_user=REGULATOR),
    MainPage("register", PUBLIC, "/register/"),
    MainPage(
        "register-entry", PUBLIC, SamplePath("/register/<sample>/", "register-entry"), axe=False
    ),
    # Art 53(1)(d): a registered training-content summary, shown whole (axe: as register-entry).
    MainPage(
        "register-training-summary",
        PUBLIC,
        SamplePath("/register/<sample>/", "register-training-summary"),
        axe=False,
    ),
    MainPage("signatories", PUBLIC, "/signatories/"),
    MainPage("verify", PUBLIC, "/verify/"),
    MainPage("verify-failed", PUBLIC, "/verify/", post={"sha256": ""}, status=422),
    MainPage("open-data", PUBLIC, "/open-data/", documents_codes=True),
    MainPage("not-a-member", ORG, "/", as_user=OUTSIDER, status=403),
    MainPage("not-found", PUBLIC, "/no-such-page/", status=404),
]


def page_named(name: str) -> MainPage:
    return next(page for page in MAIN_PAGES if page.name == name)
