"""Organisations (one PostgreSQL schema each) and the host names that route to them."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import get_tenant_base_schema as get_base_schema_name

from portal.tenancy import identifiers


class OrganisationType(models.TextChoices):
    # Art 49(3) and Art 26(8): public authorities and Union institutions, bodies, offices and
    # agencies register their use of Annex III systems (Section C); private deployers do not.
    PRIVATE_COMPANY = "private_company", _("Private company")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    EU_INSTITUTION = "eu_institution", _("EU institution, body, office or agency")
    NON_PROFIT = "non_profit", _("Non-profit organisation")


class Organisation(TenantMixin):
    legal_name = models.CharField(_("legal name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=63, unique=True)
    country = CountryField(_("country of establishment"))
    organisation_type = models.CharField(
        _("organisation type"), max_length=32, choices=OrganisationType.choices
    )
    # Art 22 / Art 54: a provider established outside the Union must mandate an authorised
    # representative in it before placing a high-risk system or a GPAI model on the market.
    eu_established = models.BooleanField(_("established in the EU"), default=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    euid = models.CharField(_("EUID"), max_length=60, blank=True)
    lei = models.CharField(_("LEI"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Owners and administrators always need a second factor; this asks it of every member
    # (portal.accounts.two_factor.second_factor_required).
    two_factor_all_members: models.BooleanField[bool, bool] = models.BooleanField(
        verbose_name=_("two-factor authentication for every member"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    auto_create_schema = True
    auto_drop_schema = False  # a tenant's data is dropped by an explicit, audited procedure only

    class Meta:
        ordering = ["legal_name"]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def is_public(self) -> bool:
        return self.schema_name == "public"

    def create_schema(
        self, check_if_exists: bool = False, sync_schema: bool = True, verbosity: int = 1
    ) -> bool:
        """Organisations are copies of the migrated template (portal.tenancy.schema_clone); the
        template itself, and a database without it, take django-tenants' way (migrations)."""
        from django_tenants.utils import schema_exists

        from portal.tenancy import schema_clone

        template = get_base_schema_name()
        if (
            not sync_schema
            or self.schema_name == template
            or not (template and schema_exists(template))
        ):
            return bool(super().create_schema(check_if_exists, sync_schema, verbosity))
        if check_if_exists and schema_exists(self.schema_name):
            return False
        with transaction.atomic():
            plan = schema_clone.schema_create_from_template(self.schema_name)
            transaction.on_commit(partial(schema_clone.shared_foreign_keys_after_commit,
                                          self.schema_name, plan))  # fmt: skip
        connection.set_schema_to_public()  # type: ignore[attr-defined]  # django-tenants' backend
        return True

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.vat_number and (msg := identifiers.vat_number_error(self.vat_number)):
            errors["vat_number"] = msg
        if self.euid and (msg := identifiers.euid_error(self.euid)):
            errors["euid"] = msg
        if self.lei and (msg := identifiers.lei_error(self.lei)):
            errors["lei"] = msg
        if errors:
            raise ValidationError(errors)


class Domain(DomainMixin):
    class Meta:
        ordering = ["domain"]
