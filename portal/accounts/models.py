"""People and what they may do: one User per person (public schema), a Membership per
organisation they belong to, and membership of an authority for regulators."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Support staff: may use the admin site of the public host.")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # db_default too: rows written in SQL (bulk fixtures, the list budgets) need no value.
    # The language the person last chose in the portal's switcher: their e-mails are written in
    # it (portal/mail.py). Blank until they choose; then the e-mail takes the request's language.
    language = models.CharField(_("language"), max_length=8, blank=True, default="", db_default="")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    """Roles in an organisation, strongest first. Each role can do everything the next one can."""

    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")

    @classmethod
    def rank(cls, role: str) -> int:
        return {cls.VIEWER: 0, cls.EDITOR: 1, cls.ADMIN: 2, cls.OWNER: 3}[cls(role)]

    def at_least(self, other: str) -> bool:
        return Role.rank(self) >= Role.rank(other)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__legal_name"]
        # The members page's newest-first sort (keyset pagination seeks in it).
        indexes = [models.Index(fields=["organisation", "id"], name="membership_org_idx")]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} of {self.organisation}"


class AuthorityKind(models.TextChoices):
    # Art 64 (AI Office: GPAI models, Art 88-94) and Art 70 (national market-surveillance
    # authorities: AI systems placed on the market or put into service in their member state).
    AI_OFFICE = "ai_office", _("AI Office (European Commission)")
    NATIONAL_MSA = "national_msa", _("National market-surveillance authority")


class Authority(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=63, unique=True)
    kind = models.CharField(max_length=16, choices=AuthorityKind.choices)
    member_states = ArrayField(
        models.CharField(max_length=2),
        default=list,
        blank=True,
        help_text=_("ISO 3166 codes of the member states whose market this authority surveys."),
    )
    contact_email = models.EmailField(blank=True)
    # Art 74(8): for Annex III point 1 systems used for law enforcement and points 6, 7 and 8,
    # a member state designates its data-protection supervisory authority (or another under
    # Directive 2016/680) as market-surveillance authority; their incident reports go there.
    designated_art_74_8 = models.BooleanField(
        _("designated under Art 74(8)"),
        default=False,
        db_default=False,
        help_text=_(
            "Market-surveillance authority for Annex III point 1 (law enforcement), 6, 7 and 8 "
            "systems of its member states."
        ),
    )
    # Single sign-on through the authority's own OpenID Connect provider (portal.accounts.sso);
    # set through portal.accounts.sso.authority_sso_configure only. The secret is never shown.
    oidc_issuer = models.URLField(_("OpenID Connect issuer"), max_length=300, blank=True)
    oidc_client_id = models.CharField(_("OpenID Connect client id"), max_length=200, blank=True)
    oidc_client_secret = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.CheckConstraint(
                name="msa_has_member_states",
                condition=~models.Q(kind="national_msa") | ~models.Q(member_states=[]),
            )
        ]

    def __str__(self) -> str:
        return self.name


class AuthorityRole(models.TextChoices):
    REVIEWER = "reviewer", _("Reviewer")
    LEAD = "lead", _("Lead reviewer")


class AuthorityMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authority_memberships")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=AuthorityRole.choices)
    # Art 49(4) and Art 74(8): registrations in the secure non-public section (law enforcement,
    # migration, asylum, border control) are seen only by staff granted that access.
    restricted_access = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "authority"], name="one_authority_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) at {self.authority}"


class ApiKeyScope(models.TextChoices):
    """What a key may do. Scopes do not imply one another: a key gets exactly what it lists."""

    READ = "read", _("Read")
    WRITE = "write", _("Write")
    SUBMIT = "submit", _("Submit filings")
    ADMIN = "admin", _("Administer members and keys")


class ApiKey(models.Model):
    """A credential for integrators (bound to one organisation) or regulators (bound to one
    authority). Only a hash of the secret is stored; the plaintext is shown once, at creation."""

    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.CASCADE,
        related_name="api_keys",
        null=True,
        blank=True,
    )
    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="api_keys", null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=100)
    # The public half of the key ("aap_" + 8 characters): shown in lists and logs, used to look the
    # key up, never enough to authenticate.
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = ArrayField(models.CharField(max_length=16, choices=ApiKeyScope.choices))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_key = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        # The sorts of the API-keys page (keyset pagination seeks in them).
        indexes = [
            models.Index(fields=["organisation", "id"], name="api_key_org_idx"),
            models.Index(fields=["organisation", "name", "id"], name="api_key_org_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="api_key_has_exactly_one_owner",
                condition=(
                    models.Q(organisation__isnull=False, authority__isnull=True)
                    | models.Q(organisation__isnull=True, authority__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    # Read by portal.audit.services.audit_record: the trail names the key, not a person.
    audit_actor_kind = "api_key"

    @property
    def audit_actor_label(self) -> str:
        return f"API key {self.prefix} ({self.name})"

    # DRF and Django code that asks "is someone authenticated?" gets a truthful answer for a key.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_usable(self) -> bool:
        """Neither revoked nor expired, now."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class Invitation(models.Model):
    """An offer of membership sent by e-mail: the Membership exists only once the person accepted
    it, logged in as that address or with the account they create then (issue 14 item 4). No
    account is created before. The link carries a random token; only its SHA-256 is kept."""

    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by_label = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["email"]
        constraints = [
            # One open invitation per address and organisation: inviting again renews it.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_open_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation_id} ({self.role})"
