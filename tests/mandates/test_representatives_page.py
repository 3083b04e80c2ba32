"""The Representatives page: both sides see the mandate; the representative accepts it there;
a third organisation's member and the public get nothing; a bad offer shows its errors."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from registry.register.models import Mandate
from registry.workspace.demo_files import minimal_pdf

PAGE = "/settings/representatives/"


def test_both_sides_see_it_and_the_representative_accepts(host_client, cast, org_b, offer):
    mandate = offer()
    provider = host_client("acme.localhost", user=cast.alice).get(PAGE)
    assert provider.status_code == 200 and org_b.legal_name in provider.content.decode()
    # Tasks by their label and article, never their codes (issue 15 item 1).
    assert "Tasks: art" not in provider.content.decode()
    representative = host_client("globex.localhost", user=cast.owner_b)
    page = representative.get(PAGE).content.decode()
    assert "Acme AI SE" in page and f"/representatives/{mandate.pk}/accept/" in page
    german = representative.get(PAGE, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bevollmächtigte" in german and "Annehmen" in german
    response = representative.post(f"{PAGE}{mandate.pk}/accept/")
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "active"


def test_outsiders_get_nothing(host_client, cast, offer):
    mandate = offer()
    assert host_client("acme.localhost", user=cast.carol).get(PAGE).status_code in (302, 403)
    assert host_client("acme.localhost").get(PAGE).status_code == 302  # to the log-in page
    # Acme's admin on its own host cannot answer for Globex: no such mandate to accept there
    # as representative (the service refuses), and the state stays.
    host_client("acme.localhost", user=cast.alice).post(f"{PAGE}{mandate.pk}/accept/")
    mandate.refresh_from_db()
    assert mandate.status == "offered"


def test_a_bad_offer_shows_its_errors_and_writes_nothing(host_client, cast, non_eu_acme, org_b):
    org_b.eu_established = False
    org_b.save(update_fields=["eu_established"])
    client = host_client("acme.localhost", user=cast.alice)
    response = client.post(
        PAGE,
        {
            "representative": "globex",
            "scope": "all",
            "tasks": ["art22_3_a"],
            "submitter": "either",
            "starts_on": "2026-01-01",
            "document": SimpleUploadedFile("m.pdf", minimal_pdf("Mandate"), "application/pdf"),
        },
    )
    assert response.status_code == 400 or response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page and "Not established in the Union." in page
    assert not Mandate.objects.exists()


def test_answering_a_mandate_needs_a_fresh_second_factor(host_client, cast, offer):
    """Accepting makes the representative answer for the provider (Art 22, Art 54): a session
    whose code passed 16 minutes ago is sent for a code first, and nothing changes."""
    import time

    from portal.accounts.authn import AUTHENTICATED_AT_KEY

    mandate = offer()
    representative = host_client("globex.localhost", user=cast.owner_b)
    session = representative.session
    session[AUTHENTICATED_AT_KEY] = time.time() - 16 * 60
    session.save()
    response = representative.post(f"{PAGE}{mandate.pk}/accept/", HTTP_REFERER="/x")
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/two-factor/?next="
    )
    mandate.refresh_from_db()
    assert mandate.status == "offered"
