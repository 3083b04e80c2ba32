"""The public form on a GPAI provider's register page: the limits reach the person as an error
summary (429 for a rate limit), a honeypot files nothing, the confirmation link works once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail

from registry.register.models import RightsRequest, RightsRequestStatus
from tests.rights import PERSONAL, link_in

URL = "/register/providers/acme/rights-request/"


def _form(**overrides):  # type: ignore[no-untyped-def]
    return {
        "kind": "complaint",
        "model": "",
        **PERSONAL,
        "acting_for": "self",
        "rights_holder": "",
        "works": "Photographs of the Alps, 2015-2020",
        "work_urls": "",
        "request_text": "Tell me whether my photographs were used for training.",
        "homepage": "",
        **overrides,
    }


@pytest.fixture
def public(host_client):  # type: ignore[no-untyped-def]
    return host_client("localhost")


def test_the_form_files_and_the_link_confirms(provider, public, on_commit):
    page = public.get(URL)
    assert page.status_code == 200 and b"Acme Large" in page.content
    with on_commit():
        sent = public.post(URL, _form())
    assert sent.status_code == 200 and b"Check your e-mail" in sent.content
    link = link_in(mail.outbox[0])
    assert public.get(link).status_code == 200  # asks; a link scanner confirms nothing
    assert RightsRequest.objects.get().status == RightsRequestStatus.UNCONFIRMED
    with on_commit():
        done = public.post(link)
    request = RightsRequest.objects.get()
    assert request.status == RightsRequestStatus.RECEIVED
    assert request.reference.encode() in done.content


def test_an_expired_link_says_so(provider, public, settings):
    public.post(URL, _form())
    from registry.register.services.rights_request_mail import confirm_url

    link = confirm_url(RightsRequest.objects.get())
    settings.RIGHTS_REQUEST_CONFIRM_HOURS = 0
    page = public.post(urlsplit(link).path)
    assert page.status_code == 422 and b"expired" in page.content


def test_the_honeypot_files_and_mails_nothing(provider, public):
    page = public.post(URL, _form(homepage="https://spam.test"))
    assert page.status_code == 200 and b"Check your e-mail" in page.content
    assert not RightsRequest.objects.exists() and mail.outbox == []


def test_too_long_a_field_is_shown_next_to_it(provider, public):
    page = public.post(URL, _form(works="x" * 5001))
    assert page.status_code == 422
    assert b"errorlist-box" in page.content and b'id="id_works_error"' in page.content
    assert not RightsRequest.objects.exists()


def test_a_rate_limit_is_a_429_page_that_says_so(provider, public, settings):
    settings.RIGHTS_REQUEST_RATE = {**settings.RIGHTS_REQUEST_RATE, "address": (1, 3600)}
    assert public.post(URL, _form()).status_code == 200
    page = public.post(URL, _form(requester_email="second@authors.test"))
    assert page.status_code == 429
    assert b"Too many requests from your network address" in page.content
    assert RightsRequest.objects.count() == 1


def test_an_organisation_that_is_no_gpai_provider_on_the_register_has_no_form(org_b, public):
    assert public.get("/register/providers/globex/rights-request/").status_code == 404


def test_the_register_links_the_form_from_the_listing(provider, public):
    page = public.get(f"/register/{provider.listed_model.pk}/")
    assert URL.encode() in page.content
