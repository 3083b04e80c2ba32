"""A real OpenID Connect provider for the SSO tests: django-oauth-toolkit in its OpenID Connect
mode, as a tiny Django project of its own (its own PostgreSQL database), started on loopback by ``start_provider``
(tests/sso_idp/process.py). Nothing of the portal is imported here."""
