from __future__ import annotations

import re

from django.core import mail


def test_password_reset_mails_a_working_link(host_client, alice):
    client = host_client("acme.localhost")
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    follow = client.get(link.group(1), follow=True)
    assert follow.status_code == 200
    assert follow.context["validlink"] is True
    done = client.post(
        follow.redirect_chain[-1][0],
        {
            "new_password1": "a-brand-new-passphrase-42",
            "new_password2": "a-brand-new-passphrase-42",
        },
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-passphrase-42")


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(host_client, db):
    response = host_client("localhost").post(
        "/accounts/password/reset/", {"email": "nobody@nowhere.test"}
    )
    assert response.status_code == 302
    assert mail.outbox == []
