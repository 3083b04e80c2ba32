"""ETag / If-Match: two integrators cannot overwrite each other."""

from __future__ import annotations

from portal.accounts.models import Membership
from tests.api.helpers import ORG_A_HOST, assert_problem


def _bob_in_a(bob, org_a) -> Membership:
    return Membership.objects.get(user=bob, organisation=org_a)


def test_read_gives_an_etag_and_a_matching_update_succeeds(api, alice, bob, org_a):
    client = api(ORG_A_HOST, user=alice)
    path = f"/api/v1/members/{_bob_in_a(bob, org_a).pk}/"
    etag = client.get(path)["ETag"]
    response = client.patch(path, {"role": "viewer"}, headers={"If-Match": etag})
    assert response.status_code == 200, response.content
    assert response.json()["role"] == "viewer"
    assert response["ETag"] != etag


def test_stale_if_match_is_412_and_changes_nothing(api, alice, bob, org_a):
    client = api(ORG_A_HOST, user=alice)
    path = f"/api/v1/members/{_bob_in_a(bob, org_a).pk}/"
    stale = client.get(path)["ETag"]
    assert client.patch(path, {"role": "admin"}, headers={"If-Match": stale}).status_code == 200

    response = client.patch(path, {"role": "viewer"}, headers={"If-Match": stale})
    assert_problem(response, 412, "precondition_failed")
    assert _bob_in_a(bob, org_a).role == "admin"


def test_update_without_if_match_is_428(api, alice, bob, org_a):
    path = f"/api/v1/members/{_bob_in_a(bob, org_a).pk}/"
    response = api(ORG_A_HOST, user=alice).patch(path, {"role": "viewer"})
    assert_problem(response, 428, "precondition_required")
    assert _bob_in_a(bob, org_a).role == "editor"


def test_if_match_star_matches_any_version(api, alice, bob, org_a):
    path = f"/api/v1/members/{_bob_in_a(bob, org_a).pk}/"
    response = api(ORG_A_HOST, user=alice).patch(
        path, {"role": "viewer"}, headers={"If-Match": "*"}
    )
    assert response.status_code == 200


def test_weak_etag_never_matches(api, alice, bob, org_a):
    client = api(ORG_A_HOST, user=alice)
    path = f"/api/v1/members/{_bob_in_a(bob, org_a).pk}/"
    etag = client.get(path)["ETag"]
    response = client.patch(path, {"role": "viewer"}, headers={"If-Match": f"W/{etag}"})
    assert_problem(response, 412)


def test_delete_with_stale_if_match_is_412_and_keeps_the_row(api, alice, bob, org_a):
    client = api(ORG_A_HOST, user=alice)
    membership = _bob_in_a(bob, org_a)
    path = f"/api/v1/members/{membership.pk}/"
    response = client.delete(path, headers={"If-Match": '"0000"'})
    assert_problem(response, 412)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.delete(path, headers={"If-Match": client.get(path)["ETag"]}).status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()
