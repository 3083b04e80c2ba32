from __future__ import annotations

import pytest


@pytest.fixture
def provider(org_a):  # type: ignore[no-untyped-def]
    """acme, on the public register as the provider of a listed GPAI model."""
    from tests.rights import list_as_gpai_provider

    org_a.listed_model = list_as_gpai_provider(org_a)
    return org_a


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run what a service leaves for after the commit (mail) as the commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


from tests.api.conftest import make_key  # noqa: E402, F401 - API keys of any owner and scope
