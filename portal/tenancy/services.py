"""Provisioning: an organisation, its schema, its domain and its owner's membership, all or nothing."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.accounts.models import Membership, Role, User
from portal.audit.services import audit_record, model_snapshot
from portal.errors import Conflict, ValidationFailed
from portal.tenancy import identifiers
from portal.tenancy.models import Domain, Organisation, OrganisationType

# Host labels that name parts of the portal itself, or would confuse people or mail servers.
RESERVED_SLUGS = frozenset(
    {
        "www", "api", "admin", "public", "static", "media", "mail", "smtp", "imap", "ftp",
        "login", "auth", "accounts", "account", "register", "registry", "regulator",
        "regulators", "console", "help", "support", "status", "docs", "portal", "app",
        "assets", "cdn", "test", "localhost", "healthz", "ai-office", "aioffice", "eu",
        "europa", "commission", "root", "system", "template", "default",
    }
)  # fmt: skip
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
SCHEMA_PREFIX = "org_"


def schema_name_for(slug: str) -> str:
    # The prefix keeps organisation schemas apart from public, pg_* and information_schema.
    return SCHEMA_PREFIX + slug.replace("-", "_")


def domain_for(slug: str) -> str:
    return f"{slug}.{settings.PORTAL_DOMAIN}"


def organisation_slug_error(slug: str) -> str | None:
    if not SLUG_RE.match(slug or "") or "--" in slug:
        return _(
            "Use 3 to 40 lower-case letters, digits and single hyphens, starting with a letter "
            "and not ending with a hyphen."
        )
    if slug in RESERVED_SLUGS:
        return _("'%(slug)s' is reserved by the portal; choose another short name.") % {
            "slug": slug
        }
    return None


def _exists(slug: str) -> str:
    return _("An organisation with the short name '%(slug)s' exists.") % {"slug": slug}


def _validate(fields: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if msg := organisation_slug_error(fields["slug"]):
        errors["slug"] = [msg]
    elif (
        Organisation.objects.filter(slug=fields["slug"]).exists()
        or Organisation.objects.filter(schema_name=schema_name_for(fields["slug"])).exists()
        or Domain.objects.filter(domain=domain_for(fields["slug"])).exists()
    ):
        errors["slug"] = [_exists(fields["slug"])]
    if not (fields.get("legal_name") or "").strip():
        errors["legal_name"] = [_("The legal name is required.")]
    if fields.get("organisation_type") not in OrganisationType.values:
        errors["organisation_type"] = [
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(OrganisationType.values)}
        ]
    checks = {
        "vat_number": identifiers.vat_number_error,
        "euid": identifiers.euid_error,
        "lei": identifiers.lei_error,
    }
    for name, check in checks.items():
        if fields.get(name) and (msg := check(fields[name])):
            errors[name] = [msg]
    return errors


def organisation_provision(
    *,
    actor: User | None,
    owner: User,
    legal_name: str,
    slug: str,
    country: str,
    organisation_type: str,
    eu_established: bool = True,
    vat_number: str = "",
    euid: str = "",
    lei: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    address: str = "",
    website: str = "",
) -> Organisation:
    """Create the organisation, its schema (migrated), its domain and the owner's membership.

    Everything happens in one transaction; PostgreSQL's DDL is transactional, so a failure at any
    step leaves no schema, no row and no membership behind.
    """
    fields = {
        "legal_name": legal_name.strip(),
        "slug": (slug or "").strip().lower(),
        "country": (country or "").upper(),
        "organisation_type": organisation_type,
        "eu_established": eu_established,
        "vat_number": identifiers.normalise_identifier(vat_number),
        "euid": euid.strip().upper(),
        "lei": lei.strip().upper(),
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_phone": contact_phone,
        "address": address,
        "website": website,
    }
    if errors := _validate(fields):
        raise ValidationFailed(_("The organisation could not be created."), field_errors=errors)

    organisation = Organisation(schema_name=schema_name_for(fields["slug"]), **fields)
    try:
        organisation.full_clean(exclude=["schema_name"])
    except ValidationError as exc:
        raise ValidationFailed(
            _("The organisation could not be created."), field_errors=exc.message_dict
        ) from exc

    try:
        with transaction.atomic():
            organisation.save()  # CREATE SCHEMA + tenant migrations, inside this transaction
            Domain.objects.create(
                domain=domain_for(organisation.slug), tenant=organisation, is_primary=True
            )
            Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
            audit_record(
                actor=actor or owner,
                action="organisation.provisioned",
                obj=organisation,
                after=model_snapshot(organisation),
                organisation_id=organisation.pk,
            )
    except IntegrityError as exc:
        # Two requests raced for the same short name; the unique constraints decided.
        raise Conflict(
            _exists(str(fields["slug"])),
            code="duplicate_organisation",
            field_errors={"slug": [_("This short name was taken a moment ago.")]},
        ) from exc
    return organisation


def template_tenant_ensure() -> Organisation:
    """The template organisation whose schema new organisations are cloned from (idempotent).

    It has no domain and no members, so no request can reach it; selectors leave it out."""
    template = Organisation.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).first()
    if template is None:
        with transaction.atomic():
            # Its own schema is created the slow way once (there is nothing to clone from yet).
            template = Organisation.objects.create(
                schema_name=settings.TENANT_BASE_SCHEMA,
                slug="_template",
                legal_name="Template for new organisations",
                country="BE",
                organisation_type=OrganisationType.PRIVATE_COMPANY,
            )
    return template


def public_tenant_ensure() -> Organisation:
    """The rows the portal needs: the public schema with its host names, and the template of
    new organisations (idempotent; run on every start)."""
    template_tenant_ensure()
    with transaction.atomic():
        public, _ = Organisation.objects.get_or_create(
            schema_name=settings.PUBLIC_SCHEMA_NAME,
            defaults={
                "legal_name": "AI Act registration portal",
                "slug": "public",
                "country": "BE",
                "organisation_type": OrganisationType.EU_INSTITUTION,
            },
        )
        hosts = [settings.PORTAL_DOMAIN, *settings.PUBLIC_HOST_ALIASES]
        for index, host in enumerate(hosts):
            Domain.objects.get_or_create(
                domain=host, defaults={"tenant": public, "is_primary": index == 0}
            )
    return public
