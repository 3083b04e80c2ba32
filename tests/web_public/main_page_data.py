"""Filings for the main pages of tests/ui/pages.py that show one filing (the regulator's filing
view, a public register entry). Their paths need a filing's id, which exists only once a filing
does: `sample_path()` files one through the register's services (or finds the one filed earlier
in the same transaction) and returns the page's path.

It runs where the page is requested: inside the translation test's transaction (rolled back with
it) and in the render benchmark's throwaway database. The browser's accessibility check cannot use
it (the server would not see the test's uncommitted rows); those pages are checked with data by
tests/e2e/test_regulator_and_public.py instead.
"""

from __future__ import annotations

SAMPLE_SUBJECT_ID = "main-page-sample"


def _organisation():  # type: ignore[no-untyped-def]
    from portal.tenancy.models import Organisation

    for slug in ("acme", "helios"):  # the tests' organisation, the demo's (bench)
        found = Organisation.objects.filter(slug=slug).first()
        if found is not None:
            return found
    return Organisation.objects.exclude(schema_name="public").order_by("pk").first()


def _lead_for_germany():  # type: ignore[no-untyped-def]
    from portal.accounts.models import Authority, AuthorityMembership, User

    authority = Authority.objects.filter(
        kind="national_msa", member_states__contains=["DE"]
    ).first()
    membership = authority.memberships.filter(role="lead").select_related("user").first()
    if membership is not None:
        return membership.user
    user, _ = User.objects.get_or_create(
        email="main-page-lead@example.test", defaults={"full_name": "Main Page Lead"}
    )
    AuthorityMembership.objects.get_or_create(user=user, authority=authority, role="lead")
    return user


def _ai_office_lead():  # type: ignore[no-untyped-def]
    from portal.accounts.models import AuthorityMembership

    membership = (
        AuthorityMembership.objects.filter(authority__kind="ai_office", role="lead")
        .select_related("user")
        .first()
    )
    return membership.user


def _filed(kind_of_page: str):  # type: ignore[no-untyped-def]
    from portal.accounts.models import Membership
    from registry.register.models import Filing
    from registry.register.services.review import filing_register
    from registry.register.services.submit import filing_version_submit
    from tests.register.factories import submission

    organisation = _organisation()
    subject_id = f"{SAMPLE_SUBJECT_ID}-{kind_of_page}"
    existing = Filing.objects.filter(organisation=organisation, subject_id=subject_id).first()
    if existing is not None:
        return existing
    owner = Membership.objects.filter(organisation=organisation, role="owner").first().user
    # The name starts with the organisation's: the translation scan allows data that does.
    name = f"{organisation.legal_name} HireRank"
    if kind_of_page == "training-summary":
        # Art 53(1)(d): a model's public summary of training content, registered by the AI Office.
        name = f"{organisation.legal_name} Atlas 1.0"
        version = filing_version_submit(
            actor=owner,
            submission=submission(
                organisation,
                kind="gpai_training_summary",
                subject_id=subject_id,
                member_states=(),
                subject={"type": "gpai_model", "id": subject_id, "name": name},
            ),
        )
        filing_register(actor=_ai_office_lead(), filing=version.filing)
        return version.filing
    version = filing_version_submit(
        actor=owner,
        submission=submission(
            organisation,
            subject_id=subject_id,
            subject={"type": "ai_system", "id": subject_id, "name": name},
        ),
    )
    if kind_of_page == "registered":
        filing_register(actor=_lead_for_germany(), filing=version.filing)
    return version.filing


def sample_path(page: str) -> str:
    if page == "regulator-filing":
        return f"/regulator/filings/{_filed('open').pk}/"
    if page == "register-entry":
        return f"/register/{_filed('registered').pk}/"
    if page == "register-training-summary":
        return f"/register/{_filed('training-summary').pk}/"
    raise ValueError(page)


class SamplePath(str):
    """A main page's path that names a sample filing, resolved when the page is requested.

    The string's own value ("/register/<sample>/") is what pytest shows and hashes; `str()` (which
    Django's test client applies to every path) and `format()` (which tests/ui/test_translations.py
    applies to paths with placeholders) file the sample and return the real path.
    """

    def __new__(cls, template: str, page: str) -> SamplePath:
        self = super().__new__(cls, template)
        self.page = page
        return self

    def __str__(self) -> str:
        return sample_path(self.page)

    def format(self, *args: object, **kwargs: object) -> str:  # noqa: ARG002
        return sample_path(self.page)
