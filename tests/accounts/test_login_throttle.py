"""Log-in throttling and lockout (issue 14 item 1): by account, by client address, audited, and
lifted only by an administrator or the cool-off."""

from __future__ import annotations

import uuid

from django.core import mail
from django.core.management import call_command

from portal.accounts.throttle import login_lock_lift
from portal.audit.models import AuditEvent
from tests.cast import PASSWORD


def _public_events(action: str):  # type: ignore[no-untyped-def]
    # Account events are kept in the public schema, whichever host the request came to.
    from django.db import connection

    connection.set_schema_to_public()
    return AuditEvent.objects.filter(action=action)


LOGIN = "/accounts/login/"


def _try(client, email: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_25_wrong_passwords_lock_the_account_and_the_right_one_is_refused(host_client, alice):
    client = host_client("acme.localhost")
    statuses = [_try(client, alice.email, f"wrong-{n}").status_code for n in range(25)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[4:]) == {429}  # the fifth failure locks
    locked = _try(client, alice.email, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert b"Too many failed log-in attempts" in locked.content
    event = _public_events("login.locked_out").latest("id")
    assert event.after["username"] == alice.email
    assert event.object_id == str(alice.pk)


def test_lock_follows_the_account_across_client_addresses(host_client, alice):
    client = host_client("acme.localhost")
    for n in range(5):
        _try(client, alice.email.upper(), "wrong", ip=f"10.0.1.{n}")
    assert _try(client, alice.email, PASSWORD, ip="10.0.2.99").status_code == 429


def test_lock_follows_the_client_address_across_accounts(host_client, alice):
    client = host_client("acme.localhost")
    for n in range(5):
        _try(client, f"guess{n}@acme.test", "wrong", ip="10.0.3.3")
    assert _try(client, alice.email, PASSWORD, ip="10.0.3.3").status_code == 429
    # Someone else's address is not locked: the right password still works there.
    assert _try(client, alice.email, PASSWORD, ip="10.0.3.4").status_code == 302


def test_forwarded_for_header_from_the_client_does_not_change_the_address(host_client, alice):
    client = host_client("acme.localhost")
    for n in range(5):
        client.post(
            LOGIN,
            {"username": f"x{n}@acme.test", "password": "wrong"},
            REMOTE_ADDR="10.0.4.4",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert _try(client, alice.email, PASSWORD, ip="10.0.4.4").status_code == 429


def test_administrator_lifts_the_lock_with_an_audit_event(host_client, alice):
    client = host_client("acme.localhost")
    for _ in range(5):
        _try(client, alice.email, "wrong", ip="10.0.5.5")
    assert _try(client, alice.email, PASSWORD, ip="10.0.5.5").status_code == 429
    removed = login_lock_lift(actor=None, username=alice.email, ip_address="10.0.5.5")
    assert removed >= 1
    assert _try(client, alice.email, PASSWORD, ip="10.0.5.5").status_code == 302
    lifted = _public_events("login.lock_lifted").latest("id")
    assert lifted.after["username"] == alice.email


def test_login_unlock_command_lifts_the_lock(host_client, alice):
    client = host_client("acme.localhost")
    for _ in range(5):
        _try(client, alice.email, "wrong", ip="10.0.6.6")
    call_command("login_unlock", email=alice.email, ip="10.0.6.6")
    assert _try(client, alice.email, PASSWORD, ip="10.0.6.6").status_code == 302


def test_admin_site_lists_locks_but_cannot_delete_them_without_the_service(
    host_client, alice, django_user_model
):
    staff = django_user_model.objects.create_superuser(
        email=f"support-{uuid.uuid4().hex[:6]}@portal.test", password=PASSWORD
    )
    for _ in range(5):
        _try(host_client("acme.localhost"), alice.email, "wrong", ip="10.0.7.7")
    admin = host_client("localhost", user=staff)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and alice.email.encode() in listing.content
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username=alice.email)
    assert admin.get(f"/admin/axes/accessattempt/{attempt.pk}/delete/").status_code == 403
    lifted = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "lift_lock", "_selected_action": [attempt.pk]},
    )
    assert lifted.status_code == 302
    assert not AccessAttempt.objects.filter(username=alice.email).exists()
    assert _public_events("login.lock_lifted").filter(actor_id=staff.pk).exists()


def test_password_reset_mails_are_throttled_per_address(host_client, alice):
    client = host_client("acme.localhost")
    answers = [
        client.post("/accounts/password/reset/", {"email": alice.email}, REMOTE_ADDR=f"10.1.0.{n}")
        for n in range(5)
    ]
    assert [a.status_code for a in answers] == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    assert b"Too many reset links" in answers[-1].content


def test_password_reset_mails_are_throttled_per_client(host_client, db):
    client = host_client("localhost")
    answers = [
        client.post(
            "/accounts/password/reset/", {"email": f"n{n}@nowhere.test"}, REMOTE_ADDR="10.2.0.1"
        ).status_code
        for n in range(12)
    ]
    assert answers.count(302) == 10 and answers[-1] == 429
