"""Django settings for Maillage: one module, every machine-specific value from the environment.

Development needs no variable at all (SQLite under var/, DEBUG on, console e-mail).
Production (`MAILLAGE_ENV=production`) refuses to start with DEBUG on or the default secret.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config.env import env_bool, env_float, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

VAR_DIR = Path(env_str("MAILLAGE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

MAILLAGE_ENV = env_str("MAILLAGE_ENV", "development")
IS_PRODUCTION = MAILLAGE_ENV == "production"

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key-change-me"  # noqa: S105 (refused in production)
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", not IS_PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if IS_PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("MAILLAGE_ENV=production refuses DEBUG=true.")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "MAILLAGE_ENV=production needs SECRET_KEY: a random value of 32 characters or more."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("MAILLAGE_ENV=production needs ALLOWED_HOSTS (comma-separated).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # its own copy of Swagger UI for /api/docs, instead of a CDN (core/security.py: no other host)
    "maillage.core",
    "maillage.territories",
    "maillage.places",
    "maillage.census",
    "maillage.contributions",
    "maillage.publishing",
    "maillage.home",
    "maillage.accounts",
    "maillage.orientation",
    "maillage.opendata",
    "maillage.partners",
    "maillage.agenda",
    "maillage.lending",
    "maillage.network",
    "maillage.news",
    "maillage.newsletters",
    "maillage.territory",
    "maillage.activity",
    "maillage.reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maillage.core.security.SecurityHeadersMiddleware",  # CSP (no inline code), Permissions-Policy
    "maillage.core.cors.ReadOnlyApiCorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "maillage.reporting.counters.PageCountMiddleware",  # numbers per page and day, no personal data
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.core.context_processors.network",
            ],
        },
    },
]

# Database: SQLite under var/ by default (zero set-up), PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'maillage.sqlite3'}")
# Connections are kept between requests (a new one, with its PRAGMAs or TLS, was half of a search's time
# under gunicorn), checked before reuse.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target; the container image keeps it outside the data volume (MAILLAGE_STATIC_ROOT).
STATIC_ROOT = Path(env_str("MAILLAGE_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG  # development serves app static files directly, no collectstatic needed
# Source maps (5 MB of the API docs' bundles) are for developers' tools: not worth compressing at deploy time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "maillage.core.storage.StaticFilesStorage"  # WhiteNoise's, minus JS source maps
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds an SMTP exchange may hang (Django's default waits for ever): well under the newsletters' stale
# delay, after which another run may take back a delivery left `sending`.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maillage <ne-pas-repondre@maillage.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers; production turns the cookie and HSTS switches on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", IS_PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", IS_PRODUCTION)
# Production redirects http to https (behind a TLS proxy, set BEHIND_HTTPS_PROXY=true, or it loops).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", IS_PRODUCTION)
# HSTS: off until the operator sets MAILLAGE_HSTS_SECONDS (e.g. 31536000) once https works for good;
# `maillage check --deploy` reminds production of it (security.W004). docs/deploy.md.
SECURE_HSTS_SECONDS = env_int("MAILLAGE_HSTS_SECONDS", env_int("SECURE_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MAILLAGE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("MAILLAGE_HSTS_PRELOAD", False)
# security.W021 (no HSTS preload) is silenced unless preload is chosen: joining the browsers' preload
# list is a separate, hard-to-undo request the operator makes on purpose, not a setting to nag about.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The network this instance serves (territory by configuration; the Loire by default).
MAILLAGE_NETWORK_NAME = env_str("MAILLAGE_NETWORK_NAME", "Réseau de la médiation numérique de la Loire")
MAILLAGE_TERRITORY_CODE = env_str("MAILLAGE_TERRITORY_CODE", "42")
MAILLAGE_TERRITORY_NAME = env_str("MAILLAGE_TERRITORY_NAME", "Loire")
MAILLAGE_PUBLIC_URL = env_str("MAILLAGE_PUBLIC_URL", "http://127.0.0.1:8000")
# The producer of the open data files (SIRET or RNA of the hub; any other text is kept as given).
MAILLAGE_PRODUCER_ID = env_str("MAILLAGE_PRODUCER_ID", "maillage")
MAILLAGE_MAP_CENTER = (env_float("MAILLAGE_MAP_LAT", 45.73), env_float("MAILLAGE_MAP_LON", 4.23))
# An optional tile layer under the commune outlines (empty: none, and no request to any other host).
MAILLAGE_MAP_TILES_URL = env_str("MAILLAGE_MAP_TILES_URL", "")
MAILLAGE_MAP_TILES_ATTRIBUTION = env_str("MAILLAGE_MAP_TILES_ATTRIBUTION", "")
# Sites allowed to show the embeddable map (/embed/carte/) in an <iframe>: CSP frame-ancestors sources.
MAILLAGE_EMBED_ALLOWED_ORIGINS = env_list("MAILLAGE_EMBED_ALLOWED_ORIGINS", ["*"])

# Census deduplication (see places/domain/dedup.py): pairs scoring at or above HIGH merge automatically,
# pairs between LOW and HIGH wait for a person's review, pairs below LOW stay apart. Chosen on the train
# part's cross-validation (tests/data/dedup/README.md, issue 17's third pass): HIGH is the lowest step of
# 0.05 above the review rule's 0.65 with merge precision >= 0.99; LOW the lowest that still finds true pairs
# there, the review queue then about 3.5 % of the places (a reviewer's time is a cost: the target is 10 %).
MAILLAGE_DEDUP_HIGH = env_float("MAILLAGE_DEDUP_HIGH", 0.7)
MAILLAGE_DEDUP_LOW = env_float("MAILLAGE_DEDUP_LOW", 0.15)
# The search index (places/search_index.py) reads the census version at least this often, for writes that
# touched no stamp (another machine, a restored backup); a write through Maillage is seen at once.
MAILLAGE_SEARCH_INDEX_CHECK_SECONDS = env_float("MAILLAGE_SEARCH_INDEX_CHECK_SECONDS", 5.0)
# Which source's value a merged place shows first, field by field (curated sources before lists).
MAILLAGE_SOURCE_PRIORITY = env_list(
    "MAILLAGE_SOURCE_PRIORITY",
    [
        "maillage",  # changes made in Maillage itself (editors, moderation): they win over every import
        "mednum",
        "hinaura",
        "cnfs-permanences",
        "france-services",
        "data-inclusion",
        "etapes-numeriques",
        "aidants-connect",
        "cnfs-structures",
        "bibliotheques",
    ],
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"

# The freshness loop (`maillage freshness`): a place is stale when it was neither verified nor updated
# for this many months; its contact's signed link (no account needed) stays valid this many days, and no
# second reminder goes to the same place within that time.
MAILLAGE_FRESHNESS_MONTHS = env_int("MAILLAGE_FRESHNESS_MONTHS", 12)
MAILLAGE_FRESHNESS_LINK_DAYS = env_int("MAILLAGE_FRESHNESS_LINK_DAYS", 30)

# Accounts: log-in by e-mail address (then by username, for the admin's accounts), invitation links,
# throttled log-in (after N failures for one e-mail and client address, refused for the same minutes).
AUTHENTICATION_BACKENDS = [
    "maillage.accounts.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MAILLAGE_INVITATION_DAYS = env_int("MAILLAGE_INVITATION_DAYS", 14)
MAILLAGE_LOGIN_MAX_FAILURES = env_int("MAILLAGE_LOGIN_MAX_FAILURES", 5)
MAILLAGE_LOGIN_THROTTLE_MINUTES = env_int("MAILLAGE_LOGIN_THROTTLE_MINUTES", 15)

# Contributions from visitors (places/services/contributions.py): a chat webhook (Mattermost / Slack
# incoming webhook, empty: none) announces each one; the daily digest goes to MAILLAGE_ANIMATOR_EMAILS
# (comma-separated; empty: the active staff members' addresses). Each client network address (kept only
# as a salted hash) may send RATE_LIMIT contributions per RATE_WINDOW seconds. Behind a reverse proxy,
# MAILLAGE_CLIENT_IP_HEADER names the header carrying the client's address (e.g. HTTP_X_FORWARDED_FOR;
# its last entry is used), else every visitor would share the proxy's address.
MAILLAGE_WEBHOOK_URL = env_str("MAILLAGE_WEBHOOK_URL", "")
MAILLAGE_ANIMATOR_EMAILS = env_list("MAILLAGE_ANIMATOR_EMAILS", [])
MAILLAGE_CONTRIBUTION_RATE_LIMIT = env_int("MAILLAGE_CONTRIBUTION_RATE_LIMIT", 5)
MAILLAGE_CONTRIBUTION_RATE_WINDOW = env_int("MAILLAGE_CONTRIBUTION_RATE_WINDOW", 600)
# Partners' write API: most places in one push (the hourly number of pushes is set per token).
MAILLAGE_PARTNER_MAX_RECORDS = env_int("MAILLAGE_PARTNER_MAX_RECORDS", 1000)
MAILLAGE_CLIENT_IP_HEADER = env_str("MAILLAGE_CLIENT_IP_HEADER", "")

# Agenda: participants' personal data (registrations) is deleted this many days after the event's end
# (`maillage reminders`, run daily from cron, also purges).
MAILLAGE_AGENDA_RETENTION_DAYS = env_int("MAILLAGE_AGENDA_RETENTION_DAYS", 30)

# Newsletters: days a confirmation link stays valid; deliveries per `maillage send-newsletters` run and
# per hour (0: no hourly limit); seconds after which a delivery left "sending" by a dead run is "uncertain".
MAILLAGE_NEWSLETTER_CONFIRM_DAYS = env_int("MAILLAGE_NEWSLETTER_CONFIRM_DAYS", 7)
MAILLAGE_NEWSLETTER_BATCH = env_int("MAILLAGE_NEWSLETTER_BATCH", 500)
MAILLAGE_NEWSLETTER_HOURLY_LIMIT = env_int("MAILLAGE_NEWSLETTER_HOURLY_LIMIT", 3000)
MAILLAGE_NEWSLETTER_STALE_SECONDS = env_int("MAILLAGE_NEWSLETTER_STALE_SECONDS", 300)
