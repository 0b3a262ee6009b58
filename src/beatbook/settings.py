"""Django settings, read from the environment (see README: Settings).

Embedded default: SQLite under ./var/. Production: DATABASE_URL=postgres://...
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from beatbook.core.env import email_backend, env_bool, env_int, env_list, env_str, proxy_ssl_header, tile_origins
from beatbook.schools import bank_holidays, deadline

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("BEATBOOK_VAR_DIR", "var")).resolve()
SECRET_KEY_FILE = VAR_DIR / "secret_key"

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else the key `beatbook demo` wrote under ./var/."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    if SECRET_KEY_FILE.exists():
        return SECRET_KEY_FILE.read_text().strip()
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it in the environment for production, "
        f"or run `beatbook demo`, which writes a demo key to {SECRET_KEY_FILE}."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# beatbook's apps come before django.contrib.admin, so that their templates (sign-in, passwords,
# error pages) are found before the admin's.
INSTALLED_APPS = [
    "beatbook.core",
    "beatbook.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "ninja",  # its Swagger UI from our own static files, not a CDN
    "beatbook.geography",
    "beatbook.crime",
    "beatbook.public",
    "beatbook.hub",
    "beatbook.premises",
    "beatbook.stopsearch",
    "beatbook.problems",
    "beatbook.intel",
    "beatbook.surveys",
    "beatbook.messaging",
    "beatbook.workforce",
    "beatbook.engagement",
    "beatbook.safeguarding",
    "beatbook.schools",
    "beatbook.missing",
    "beatbook.campaigns",
    "beatbook.bikes",
    "beatbook.performance",
    "beatbook.reports",
    "beatbook.partnership",
    "beatbook.scrutiny",
]

MIDDLEWARE = [
    "beatbook.core.security.RefuseTraceMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "beatbook.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "beatbook.urls"
WSGI_APPLICATION = "beatbook.wsgi.application"

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
                "beatbook.core.context_processors.site",
                "beatbook.core.context_processors.map_settings",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'beatbook.sqlite3'}"
try:
    # Connections are kept between requests (checked before reuse): opening a PostgreSQL connection
    # per request cut the public pages from 231 to 43 requests a second under load.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0), conn_health_checks=True
        )
    }
except Exception as exc:  # dj_database_url raises bare ValueErrors and KeyErrors
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r} is not a usable database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30
    # SQLite creates the file but not its folder: a fresh ./var/ must not need a manual mkdir.
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A file, not memory, so that commands run as subprocesses by the tests see the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-beatbook.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Kept so that accounts made before argon2 can still sign in; their hash is upgraded when they do.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "public:home"
LOGOUT_REDIRECT_URL = "logged_out"

# Sign-in back-off (see accounts/throttle.py): failures within the window, per account and per address.
BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT = env_int("BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
BEATBOOK_LOGIN_FAILURES_PER_ADDRESS = env_int("BEATBOOK_LOGIN_FAILURES_PER_ADDRESS", 50, minimum=1)
BEATBOOK_LOGIN_WINDOW_MINUTES = env_int("BEATBOOK_LOGIN_WINDOW_MINUTES", 15, minimum=1)
# Roles that must use two-factor authentication (anyone may turn it on for themselves).
BEATBOOK_TWO_FACTOR_ROLES = env_list("BEATBOOK_TWO_FACTOR_ROLES", ["intelligence", "safeguarding", "admin"])
OTP_TOTP_ISSUER = env_str("BEATBOOK_TWO_FACTOR_ISSUER", "beatbook")
# How many proxies in front of beatbook append to X-Forwarded-For (0: use the connection's address).
BEATBOOK_TRUSTED_PROXY_HOPS = env_int("BEATBOOK_TRUSTED_PROXY_HOPS", 0, minimum=0)

# Sessions end after this many minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
# ISO input formats first (beatbook/formats/en_GB): browsers' date inputs read only ISO values.
FORMAT_MODULE_PATH = ["beatbook.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Static files are served by WhiteNoise straight from the installed packages; set STATIC_ROOT
# and run `beatbook collectstatic` to serve a collected, compressed copy instead.
STATIC_ROOT = env_str("STATIC_ROOT") or None
# Uploaded files (officers' photos), under the var directory.
MEDIA_ROOT = VAR_DIR / "media"
# Leaflet comes from its PyPI package (XStatic): no page loads anything from another host.
STATICFILES_DIRS = [("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR)]
WHITENOISE_USE_FINDERS = STATIC_ROOT is None

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS, behind a TLS-terminating proxy: each is off until the deployment turns it on.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER", ""))
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "beatbook.core.views.csrf_failure"

# Map tiles are optional: pages draw ward boundaries without them. Set to an internal tile
# server URL template ({z}/{x}/{y}) to show a base map.
BEATBOOK_MAP_TILES_URL = env_str("BEATBOOK_MAP_TILES_URL", "")
BEATBOOK_MAP_TILES_ATTRIBUTION = env_str("BEATBOOK_MAP_TILES_ATTRIBUTION", "")
# No crime rate is computed over fewer people than this (residents, workers, workday population,
# visitors of the period): ONS's smallest areas for such figures, LSOAs, hold at least 1,000 residents.
BEATBOOK_RATE_MIN_DENOMINATOR = env_int("BEATBOOK_RATE_MIN_DENOMINATOR", 1000, minimum=1)
# A harm weight table (CSV, see analysis/harm.py) for SARA assessments' harm-weighted WDD; empty: none.
BEATBOOK_HARM_WEIGHTS = env_str("BEATBOOK_HARM_WEIGHTS", "")
# Community intelligence (see README: Community intelligence): the target from receipt to grading,
# the first MoPI review, and the public form's limit per address (counted by a keyed hash).
BEATBOOK_INTEL_GRADING_TARGET_HOURS = env_int("BEATBOOK_INTEL_GRADING_TARGET_HOURS", 72, minimum=1)
BEATBOOK_INTEL_REVIEW_DAYS = env_int("BEATBOOK_INTEL_REVIEW_DAYS", 365, minimum=1)
BEATBOOK_INTEL_SUBMISSIONS_PER_ADDRESS = env_int("BEATBOOK_INTEL_SUBMISSIONS_PER_ADDRESS", 5, minimum=1)
BEATBOOK_INTEL_SUBMISSION_WINDOW_MINUTES = env_int("BEATBOOK_INTEL_SUBMISSION_WINDOW_MINUTES", 60, minimum=1)
# Safeguarding (README: Safeguarding): the repeat register and the local ASB Case Review threshold.
BEATBOOK_REPEAT_MIN_INCIDENTS = env_int("BEATBOOK_REPEAT_MIN_INCIDENTS", 3, minimum=2)
BEATBOOK_REPEAT_WINDOW_DAYS = env_int("BEATBOOK_REPEAT_WINDOW_DAYS", 365, minimum=1)
BEATBOOK_ASB_REVIEW_COMPLAINTS = env_int("BEATBOOK_ASB_REVIEW_COMPLAINTS", 3, minimum=1)
BEATBOOK_ASB_REVIEW_WINDOW_MONTHS = env_int("BEATBOOK_ASB_REVIEW_WINDOW_MONTHS", 6, minimum=1)
BEATBOOK_ASB_REVIEW_REPORTED_WITHIN_MONTHS = env_int("BEATBOOK_ASB_REVIEW_REPORTED_WITHIN_MONTHS", 1, minimum=1)
BEATBOOK_ASB_REVIEW_HATE_INCIDENTS = env_int("BEATBOOK_ASB_REVIEW_HATE_INCIDENTS", 0, minimum=0)
# The force's licensed copy of the DASH questions, one per line (empty: beatbook's unverified wording).
BEATBOOK_DASH_QUESTIONS_FILE = env_str("BEATBOOK_DASH_QUESTIONS_FILE", "")
BEATBOOK_SAFEGUARDING_REVIEW_DAYS = env_int("BEATBOOK_SAFEGUARDING_REVIEW_DAYS", 365, minimum=1)
# School notifications (see README: School notifications): when the school day starts, bank holidays
# (GOV.UK's England and Wales dates by default), the sender's name, and the first MoPI review.
BEATBOOK_SCHOOL_DAY_STARTS = env_str("BEATBOOK_SCHOOL_DAY_STARTS", "09:00")
BEATBOOK_SCHOOL_BANK_HOLIDAYS = bank_holidays.parse(
    env_list("BEATBOOK_SCHOOL_BANK_HOLIDAYS", list(bank_holidays.ENGLAND_AND_WALES))
)
BEATBOOK_SCHOOL_SENDER_NAME = env_str("BEATBOOK_SCHOOL_SENDER_NAME", "City of London Police")
BEATBOOK_SCHOOL_REVIEW_DAYS = env_int("BEATBOOK_SCHOOL_REVIEW_DAYS", 365, minimum=1)
# How far back from the log's newest incident an import opens notification tasks (older ones are past use).
BEATBOOK_SCHOOL_NOTIFY_LOOKBACK_DAYS = env_int("BEATBOOK_SCHOOL_NOTIFY_LOOKBACK_DAYS", 14, minimum=1)
# Briefings on vulnerable and missing people (see README): the photo's limit, and the MoPI review.
BEATBOOK_MISSING_PHOTO_MAX_KB = env_int("BEATBOOK_MISSING_PHOTO_MAX_KB", 2048, minimum=1)
BEATBOOK_MISSING_REVIEW_DAYS = env_int("BEATBOOK_MISSING_REVIEW_DAYS", 365, minimum=1)
deadline.parse_start(BEATBOOK_SCHOOL_DAY_STARTS)  # a bad time fails at start-up, naming the setting
# The force whose geography the public pages show.
BEATBOOK_FORCE = env_str("BEATBOOK_FORCE", "city-of-london")
# Workforce (README: Workforce): the aim for the Special Constabulary (the size on the baseline day
# times the multiple, by the target day), the targets of the abstraction rate and of DWOs qualified.
BEATBOOK_SPECIALS_BASELINE_DATE = env_str("BEATBOOK_SPECIALS_BASELINE_DATE", "2023-04-01")
BEATBOOK_SPECIALS_TARGET_DATE = env_str("BEATBOOK_SPECIALS_TARGET_DATE", "2026-04-01")
BEATBOOK_SPECIALS_MULTIPLE = env_int("BEATBOOK_SPECIALS_MULTIPLE", 2, minimum=1)
BEATBOOK_ABSTRACTION_TARGET_PERCENT = env_int("BEATBOOK_ABSTRACTION_TARGET_PERCENT", 10, minimum=0)
BEATBOOK_DWO_QUALIFIED_TARGET_PERCENT = env_int("BEATBOOK_DWO_QUALIFIED_TARGET_PERCENT", 100, minimum=0)
BEATBOOK_TRAINING_DUE_MONTHS = env_int("BEATBOOK_TRAINING_DUE_MONTHS", 12, minimum=1)
for _name in ("BEATBOOK_SPECIALS_BASELINE_DATE", "BEATBOOK_SPECIALS_TARGET_DATE"):
    try:  # a bad date fails at start-up, naming the setting
        date.fromisoformat(globals()[_name])
    except ValueError:
        raise ImproperlyConfigured(f"{_name} must be a date written YYYY-MM-DD") from None
BEATBOOK_DATA_ATTRIBUTION = env_str(
    "BEATBOOK_DATA_ATTRIBUTION",
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(data.police.uk, ONS, FSA, MHCLG). Contains OS data © Crown copyright and database right. "
    "Ward and LSOA GeoJSON conversion by Martin Chorley (CC BY 4.0).",
)

# Open surveys: at most this many responses per wave from one address (kept only as a keyed hash) per window.
BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS = env_int("BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS", 5, minimum=1)
BEATBOOK_SURVEY_RATE_WINDOW_HOURS = env_int("BEATBOOK_SURVEY_RATE_WINDOW_HOURS", 24, minimum=1)
# The address of beatbook as the public reaches it: links in emails (confirm, unsubscribe) start with it.
BEATBOOK_PUBLIC_URL = env_str("BEATBOOK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The outbox: how many times an email is tried before it is marked failed (it is kept, and can be retried).
BEATBOOK_OUTBOX_MAX_ATTEMPTS = env_int("BEATBOOK_OUTBOX_MAX_ATTEMPTS", 8, minimum=1)

# No inline script anywhere: our scripts and Leaflet come from our own static files. Inline style
# attributes are allowed (Leaflet and the SVG charts set them); <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *tile_origins(BEATBOOK_MAP_TILES_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Email: a real mail server from the environment; `beatbook demo` prints emails to its console.
EMAIL_BACKEND = email_backend(env_str("EMAIL_BACKEND", "smtp"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are both on: a mail server uses one or the other.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "beatbook@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
