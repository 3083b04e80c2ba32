"""Run by ``start_provider`` before the server starts: the database, the people, the client."""

from __future__ import annotations

import json
import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso_idp.settings"
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from tests.sso_idp.validator import UNVERIFIED_GROUP  # noqa: E402

call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
config = json.loads(os.environ["IDP_SETUP"])
unverified, _ = Group.objects.get_or_create(name=UNVERIFIED_GROUP)
for person in config["people"]:
    user = User.objects.create_user(
        username=person["username"] or person["email"],
        email=person["email"],
        password=person["password"],
    )
    if not person["verified"]:
        user.groups.add(unverified)
Application.objects.create(
    name="portal",
    client_id=config["client_id"],
    client_secret=config["client_secret"],  # hashed on save; the portal keeps the plain one
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=" ".join(config["redirect_uris"]),
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,  # no consent page: the authority's own provider, trusted
)
