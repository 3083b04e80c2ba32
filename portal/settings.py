"""Settings for every environment, read from environment variables only.

PORTAL_ENV=development (default) gives DEBUG, a throwaway secret key and console e-mail;
PORTAL_ENV=production demands SECRET_KEY and turns on every transport-security setting that
`manage.py check --deploy` looks for. DATABASE_URL and REDIS_URL pick the servers; without them the
embedded stack of portal/devstack.py provides them (it exports both to the processes it starts).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR", str(BASE_DIR / "var")))

PORTAL_ENV = env_str("PORTAL_ENV", "development")
PRODUCTION = PORTAL_ENV == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
else:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-" + "x" * 40)

# Organisations live on <slug>.<PORTAL_DOMAIN>; the bare domain is the public site (register,
# regulator console, login). `*.localhost` resolves to loopback in browsers and curl.
PORTAL_DOMAIN = env_str("PORTAL_DOMAIN", "localhost")
PUBLIC_HOST_ALIASES = env_list("PUBLIC_HOST_ALIASES", ["127.0.0.1"] if not PRODUCTION else [])
PORTAL_SCHEME = env_str("PORTAL_SCHEME", "https" if PRODUCTION else "http")
PORTAL_PORT = env_str("PORTAL_PORT", "" if PRODUCTION else "8000")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [PORTAL_DOMAIN, f".{PORTAL_DOMAIN}", *PUBLIC_HOST_ALIASES]
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    [f"{PORTAL_SCHEME}://*.{PORTAL_DOMAIN}" + (f":{PORTAL_PORT}" if PORTAL_PORT else "")],
)

SHARED_APPS = [
    "django_tenants",
    "portal.tenancy",
    # Second factor (portal.accounts.two_factor). Before portal.accounts, whose admin module
    # takes django-otp's admin pages off again (the admin writes nothing itself).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "portal.accounts",
    "portal.audit",
    "portal.notifications",  # the bell: beside the accounts, for members and reviewers alike
    "registry.register",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI assets served by us: no CDN at run time
    "portal.api",  # the REST plumbing; its idempotency table lives in the public schema
    "registry.webhooks",  # endpoints and delivery log, beside the register whose events they carry
    "axes",  # failed log-ins by account and by client address (portal.accounts.throttle)
    "csp",  # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below)
]
# Installed in every organisation's schema. The audit app is in both lists on purpose: workspace
# changes are audited in the organisation's schema, register events in the public one.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "portal.audit",
    "registry.workspace",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenancy.Organisation"
TENANT_DOMAIN_MODEL = "tenancy.Domain"
PUBLIC_SCHEMA_NAME = "public"
# New organisations are cloned from an empty, fully migrated template schema and their migrations
# recorded as applied: applying ~30 migrations in Python per organisation took ~1 s. The template
# is a tenant row of its own (portal.tenancy.services.template_tenant_ensure), so every
# `migrate_schemas` keeps it current; shared/reference/embedded-stack.md §4 and P13.
TENANT_BASE_SCHEMA = "_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
ROOT_URLCONF = "portal.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
# `SET search_path` once per schema switch (each request switches twice: public, to find the
# host's organisation, then the organisation), not before every query: a statement and a round
# trip saved per query (issue 13, bench/api_read.py). The backend forgets what it set on
# rollback, on a savepoint's rollback and on close, so a rolled-back SET is issued again.
TENANT_LIMIT_SET_CALLS = True

MIDDLEWARE = [
    # /healthz for the container's health check, whatever its Host (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "portal.middleware.RequestIdMiddleware",
    "django_tenants.middleware.main.TenantMainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen (the 400 page is translated), before any view or query.
    "portal.middleware.MalformedURLMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.accounts.middleware.TenantMembershipMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lock into the 429 page of portal.accounts.throttle
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                "registry.workspace.web.access.can",
            ],
            # {{ n|filesize }} in every template: the one size format (portal/formatting.py).
            "builtins": ["portal.formatting"],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "postgres://postgres@localhost:5432/portal")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

AUTH_USER_MODEL = "accounts.User"
# AxesStandaloneBackend refuses an account or client address that is locked before the password
# is even checked (issue 14 item 1; portal/accounts/throttle.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's default hashers (PBKDF2, 1,000,000 rounds: ~0.25 s of CPU per hash, slow on purpose)
# everywhere except under `make test` (PORTAL_ENV=test, also in the worker and servers the tests
# start): there every made user and every password log-in paid it. MD5 for tests only;
# tests/foundation/test_production_image.py checks that production hashes with PBKDF2.
if PORTAL_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
# A shared cookie domain (".portal.example") lets one login cover every organisation host; left
# unset, each host keeps its own session and the organisation switcher hands the login over.
SESSION_COOKIE_DOMAIN = env_str("SESSION_COOKIE_DOMAIN", "") or None

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates and times in the EU style (27 November 2026, 24-hour clock); de and fr use Django's.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# Outside production WhiteNoise serves straight from the app and project static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Files browsers ask for at the root of every host (/favicon.ico), served before any middleware
# that would ask an organisation host's visitor to log in first.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"AI Act portal <noreply@{PORTAL_DOMAIN}>")

# --- Log-in throttling (django-axes) and password-reset mails -----------------------------------
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCK_MINUTES", 15))
# Either the account named or the client address reaching the limit locks (not only the pair):
# spreading guesses over many addresses, or many accounts from one address, is throttled too.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "portal.accounts.throttle.normalise_username"
AXES_CLIENT_IP_CALLABLE = "portal.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are audit events (portal.accounts.login_flow)
AXES_ENABLE_ADMIN = False  # portal.accounts.admin lists the locks; lifting one is audited
AXES_VERBOSE = False

# --- Two-factor authentication (django-otp; portal.accounts.two_factor) -------------------------
# A sensitive step (portal.accounts.sensitive) needs a second factor that passed this recently.
TWO_FACTOR_REAUTH_MINUTES = env_int("TWO_FACTOR_REAUTH_MINUTES", 15)
OTP_TOTP_ISSUER = env_str("TWO_FACTOR_ISSUER", "AI Act portal")  # the name in authenticator apps
# (mails per e-mail address, mails per client address, window in seconds)
PASSWORD_RESET_RATE = (
    env_int("PASSWORD_RESET_PER_EMAIL", 3),
    env_int("PASSWORD_RESET_PER_CLIENT", 10),
    3600,
)

# --- Rights holders' requests to GPAI providers (registry.register.services.rights_requests) ------
# (limit, window in seconds) per client address, per e-mail address and per provider: no
# third-party CAPTCHA, so a flood meets these, the e-mail confirmation and the size limits.
RIGHTS_REQUEST_RATE = {
    "address": (env_int("RIGHTS_REQUEST_PER_ADDRESS", 5), 3600),
    "email": (env_int("RIGHTS_REQUEST_PER_EMAIL", 3), 86400),
    "provider": (env_int("RIGHTS_REQUEST_PER_PROVIDER", 100), 86400),
}
RIGHTS_REQUEST_CONFIRM_HOURS = 48  # the confirmation link's life; unconfirmed requests go after

# --- Celery: JSON only, late acknowledgement, bounded tasks, a queue of its own for PDFs ---------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # with acks_late: a killed worker's task is redelivered
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"registry.filings.*": {"queue": "pdf"}}
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_IMPORTS = [
    "registry.filings.tasks",
    "registry.register.reminders.tasks",
    "registry.register.mandate_tasks",
    "registry.register.tasks",
    "registry.webhooks.tasks",
]
CELERY_BEAT_SCHEDULE = {
    # A lost message or a crashed renderer must not leave a filing without its PDF.
    "requeue-stalled-pdf-jobs": {"task": "registry.filings.requeue_stalled", "schedule": 60.0},
    # A lost message must not leave a webhook delivery pending for ever.
    "requeue-stalled-webhooks": {"task": "registry.webhooks.requeue_stalled", "schedule": 300.0},
    # Issue 4 item 8: what falls due, mailed once per item and due date (idempotent rows).
    "send-daily-reminders": {
        "task": "registry.reminders.send_daily",
        "schedule": crontab(hour=6, minute=0),
        "options": {"queue": "default"},
    },
    # Art 22, Art 54: a mandate past its end date no longer counts (the gate checks the dates
    # anyway); this marks it expired so both sides and the regulators see it.
    "expire-mandates": {
        "task": "registry.mandates.expire_due",
        "schedule": crontab(hour=0, minute=10),
        "options": {"queue": "default"},
    },
    # Unconfirmed rights holders' requests (and their personal data) go once the link expired.
    "purge-unconfirmed-rights-requests": {
        "task": "registry.register.rights_requests_purge",
        "schedule": crontab(hour=3, minute=30),
        "options": {"queue": "default"},
    },
}

# --- Webhooks (registry.webhooks) ------------------------------------------------------------
# Deliveries to private, loopback and reserved addresses are refused (SSRF) unless DEBUG or this.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)

# --- Uploads --------------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 25_000_000)  # 25 MB (SI, portal/formatting.py)
# Files stop at their limit while they stream in (portal/upload_handlers.py): EVIDENCE_MAX_BYTES,
# or the limit of the path's form (/verify/: the filing PDF, VerifyForm.MAX_BYTES).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "portal.upload_handlers.LimitedTemporaryFileUploadHandler",
]
UPLOAD_MAX_BYTES_BY_PATH = {"/verify/": 20_000_000}
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR", "") or None

# --- The law ----------------------------------------------------------------------------------
# The default is the calendar as amended by the Digital Omnibus (Reg (EU) 2026/1744), whose
# regulation number and Official Journal dates are UNVERIFIED against EUR-Lex (ai-act.md section
# 9; the calendar file says "verified": false). Set original_2024_1689 for the text as published.
# Every result names the calendar it used, and the pages show it.
LEGAL_CALENDAR = env_str("LEGAL_CALENDAR", "amended_2026_1744")

# --- REST API (portal/api) --------------------------------------------------------------------
# Every API view is built on portal.api.views, which sets all of this itself; these defaults make
# any other DRF view fail closed (DenyAll) and speak problem+json.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.ApiKeyAuthentication",
        "portal.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.DenyAll"],
    "DEFAULT_RENDERER_CLASSES": [
        "portal.api.renderers.JSONRenderer",
        "portal.api.renderers.ProblemJSONRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["portal.api.filters.StrictFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.PortalRateThrottle"],
    # Per API key, per session user, per client IP (anonymous); "<n>/<s|m|h|d>".
    "DEFAULT_THROTTLE_RATES": {
        "api_key": env_str("API_RATE_PER_KEY", "600/min"),
        "user": env_str("API_RATE_PER_USER", "600/min"),
        "anon": env_str("API_RATE_ANONYMOUS", "120/min"),
        # 401 and 403 answers per client address; past it, that address gets 429 for a while.
        "refused": env_str("API_RATE_REFUSED", "60/min"),
    },
    # Reverse proxies in front of the app: the client IP is taken from X-Forwarded-For that deep.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 1 if PRODUCTION else 0),
    "EXCEPTION_HANDLER": "portal.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AI Act registration portal API",
    # 1.<date>: the path's major version and the newest entry of docs/api-changelog.md.
    "VERSION": "1.2026-12-07",
    "OAS_VERSION": "3.0.3",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and docs are the same for every organisation and reveal nothing about one.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.add_header_components",
        "portal.api.schema.add_links",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True, "displayOperationId": True},
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "portal.accounts.models.Role",
        "ApiKeyScopeEnum": "portal.accounts.models.ApiKeyScope",
        # The resource API's choice sets, named once (fields called status, kind, role recur).
        "RiskTierEnum": "registry.workspace.choices.RiskTier",
        # Stored classifications and POST /classify name the same legal calendars.
        "LegalCalendarEnum": "registry.workspace.choices.LegalCalendarName",
        # The rules engine's own tiers (classification-contract.md), as /classify answers them.
        "ContractRiskTierEnum": "portal.api.v1.classify.CONTRACT_RISK_TIERS",
        "OperatorRoleEnum": "registry.workspace.choices.OperatorRole",
        "SystemStatusEnum": "registry.workspace.choices.SystemStatus",
        "RiskStatusEnum": "registry.workspace.choices.RiskStatus",
        "QMSRecordStatusEnum": "registry.workspace.choices.QMSRecordStatus",
        "CoPStatusEnum": "registry.workspace.choices.CoPStatus",
        "ModalityEnum": "registry.workspace.choices.Modality",
        "FilingKindEnum": "registry.register.models.FilingKind",
        "FilingStatusEnum": "registry.register.models.FilingStatus",
        "PdfJobStateEnum": "registry.register.models.PdfJobState",
        "ReviewDecisionKindEnum": "registry.register.models.ReviewDecisionKind",
        "PrincipalKindEnum": ["user", "api_key"],
        "RightsRequestKindEnum": "registry.register.models.RightsRequestKind",
        "RightsRequestStatusEnum": "registry.register.models.RightsRequestStatus",
        "ActingForEnum": "registry.register.models.ActingFor",
        # Serious-incident reports (Art 73, Art 55(1)(c)).
        "MemberStateEnum": "registry.workspace.choices.MemberState",
        "IncidentStageEnum": "registry.register.models.IncidentStage",
        "IncidentLaterStageEnum": ["follow_up", "intermediate", "final"],
        "IncidentStatusEnum": "registry.register.models.incidents.IncidentStatus",
        "IncidentHarmEnum": "registry.register.models.incidents.IncidentHarm",
        # Representatives' verifications of a provider's filing (Art 22(3)(a)).
        "VerificationStateEnum": "registry.register.models.FilingVerification.State",
    },
}

# --- Security -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp) on every response: scripts, styles, fonts and images from the
# portal's own origin only (no inline script: each lives in static/); forms post to the portal's
# hosts only (the organisation switcher's hand-over posts to another organisation's host).
# A response that sets its own policy keeps it: stored files go out as `sandbox`
# (portal/downloads.py); the Swagger UI page adds its inline style (portal/api/docs.py).
_PORTAL_ORIGINS = [
    f"{PORTAL_SCHEME}://{host}" + (f":{PORTAL_PORT}" if PORTAL_PORT else "")
    for host in (PORTAL_DOMAIN, f"*.{PORTAL_DOMAIN}")
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *_PORTAL_ORIGINS],
    }
}
# Browser features no page of the portal uses, switched off for every page and anything it embeds
# (portal.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},  # one INFO line per layout step otherwise
    },
}
