"""Who sees what: viewers read, editors edit, admins approve; outsiders and other organisations
get nothing on acme's host."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from registry.workspace.models import AISystem
from tests.web_systems.conftest import HOST

READ_PAGES = ["/", "/systems/", "/records/", "/records/qms/", "/evidence/"]


@pytest.mark.parametrize("path", READ_PAGES + ["/systems/{id}/"])
def test_viewer_reads_without_edit_buttons(as_viewer, hirerank, path):  # type: ignore[no-untyped-def]
    response = as_viewer.get(path.format(id=hirerank.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for link in ("/systems/new/", "/edit/", "/classify/", "/risks/new/", "/evidence/upload/"):
        assert link not in html, link


@pytest.mark.parametrize(
    "path",
    [
        "/systems/new/",
        "/systems/new/preview/",
        "/systems/{id}/edit/",
        "/systems/{id}/classify/",
        "/systems/{id}/risks/new/",
        "/records/qms/new/",
        "/evidence/upload/",
    ],
)
def test_viewer_posts_are_refused_with_the_403_page(as_viewer, hirerank, org_a, path):  # type: ignore[no-untyped-def]
    response = as_viewer.post(
        path.format(id=hirerank.pk), {"trade_name": "Changed", "role": "provider"}
    )
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
    with tenant_context(org_a):
        assert not AISystem.objects.filter(trade_name="Changed").exists()


def test_editor_sees_edit_buttons(as_bob, hirerank):  # type: ignore[no-untyped-def]
    html = as_bob.get(f"/systems/{hirerank.pk}/").content.decode()
    assert f"/systems/{hirerank.pk}/edit/" in html and f"/systems/{hirerank.pk}/classify/" in html


@pytest.mark.parametrize("path", READ_PAGES + ["/systems/new/", "/evidence/upload/"])
def test_anonymous_is_sent_to_log_in(host_client, cast, path):  # type: ignore[no-untyped-def]
    response = host_client(HOST).get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", READ_PAGES + ["/systems/{id}/", "/systems/new/"])
def test_outsider_and_other_organisation_get_nothing(host_client, hirerank, cast, path):  # type: ignore[no-untyped-def]
    for user in (cast.carol, cast.owner_b):
        response = host_client(HOST, user=user).get(path.format(id=hirerank.pk))
        assert response.status_code == 403
        assert "HireRank" not in response.content.decode()


def test_bob_on_globex_does_not_see_acme_systems(host_client, hirerank, bob):  # type: ignore[no-untyped-def]
    client = host_client("globex.localhost", user=bob)
    assert "HireRank" not in client.get("/systems/").content.decode()
    assert client.get(f"/systems/{hirerank.pk}/").status_code == 404
