"""CableWatch settings: one file, every value from the environment with a safe default.

`.env.example` documents each variable. Without DATABASE_URL the embedded SQLite
database under var/ is used; DATABASE_URL=postgres://... selects PostgreSQL.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from cablewatch.lib.env import ConfigError, envbool, envint, envlist, envsecret, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(envstr("CABLEWATCH_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = envbool("DEBUG", False)
TESTING = envbool("CABLEWATCH_TESTING", False)


def _secret_key() -> str:
    key = envsecret("SECRET_KEY")
    if key:
        return key
    if not DEBUG and envbool("CABLEWATCH_REQUIRE_SECRET", False):
        raise ConfigError("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
    # Development and demo: a random key kept beside the SQLite database, so
    # sessions survive restarts without a secret ever being written into code.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "cablewatch.base",
    "cablewatch.registry",
    "cablewatch.spotcheck",
    "cablewatch.enforcement",
    "cablewatch.tracing",
    "cablewatch.sharing",
    "cablewatch.portal",
    "cablewatch.verdicts",
    "cablewatch.api",
    "cablewatch.base.admin_site.CableWatchAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cablewatch.base.middleware.ContentSecurityPolicyMiddleware",
    "cablewatch.api.middleware.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cablewatch.base.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cablewatch.urls"
WSGI_APPLICATION = "cablewatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cablewatch.base.context.navigation",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'cablewatch.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", _default_db), conn_max_age=envint("DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web server use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "base.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "base:login"
LOGIN_REDIRECT_URL = "base:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lock-out after repeated failed logins (django-axes): a user name is locked from the
# address the failures came from (so one address cannot lock every account, and the owner
# still signs in from elsewhere), and one address may fail only so often over all user
# names (cablewatch.base.lockout), high enough for an office behind one NAT address.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "base/locked_out.html"
AXES_VERBOSE = False
LOGIN_ADDRESS_FAILURE_LIMIT = envint("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
# Behind a reverse proxy: the request header (Django META name, e.g. HTTP_X_REAL_IP) that
# the proxy sets to the client's address. Empty: REMOTE_ADDR. Only set it behind a proxy
# that overwrites the header, or anyone can choose their address.
CLIENT_IP_HEADER = envstr("CLIENT_IP_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "cablewatch.base.lockout.client_ip"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS in production (see README): redirect, HSTS, and the header by which the reverse
# proxy says the original request was HTTPS, as "HTTP_X_FORWARDED_PROTO=https".
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)


def _proxy_ssl_header() -> tuple[str, str] | None:
    raw = envstr("SECURE_PROXY_SSL_HEADER", "").strip()
    if not raw:
        return None
    header, sep, value = raw.partition("=")
    if not sep or not header.strip() or not value.strip():
        raise ConfigError(f"SECURE_PROXY_SSL_HEADER: expected HEADER=value, got {raw!r}")
    return header.strip(), value.strip()


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header()
# The pages use no inline scripts and load nothing from elsewhere; style attributes remain.
CONTENT_SECURITY_POLICY = envstr(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)

LANGUAGE_CODE = "zh-hans"
# Each language is named in itself, as language switches conventionally show them.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list[Path] = []
TIME_ZONE = envstr("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
# WhiteNoise serves from the app folders in development and from STATIC_ROOT
# (filled by `cablewatch collectstatic`) in production; it must exist either way.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or envbool("TASKS_INLINE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "cablewatch@localhost")

# Ed25519 signing keys for reports and exchange messages live here (see README).
KEYS_DIR = Path(envstr("CABLEWATCH_KEYS_DIR", str(VAR_DIR / "keys")))
# Signed checkpoints of the audit chain head, outside the database: in production a
# directory the database's owner cannot write (another host's mount, WORM storage).
AUDIT_CHECKPOINT_DIR = Path(
    envstr("CABLEWATCH_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints"))
)
INSTALLATION_ID = envstr("CABLEWATCH_INSTALLATION_ID", "cablewatch-local")
# Outbound exchange: first retry after this many seconds, doubling; parked after N attempts.
SHARING_RETRY_SECONDS = envint("SHARING_RETRY_SECONDS", 30)
SHARING_MAX_ATTEMPTS = envint("SHARING_MAX_ATTEMPTS", 10)

API_PAGE_SIZE = envint("API_PAGE_SIZE", 50)
# Sampling photos: each must be a real JPEG, PNG or WebP image of at most this size.
SAMPLE_PHOTO_MAX_BYTES = envint("SAMPLE_PHOTO_MAX_BYTES", 10 * 1024 * 1024)
SAMPLE_PHOTO_MAX_COUNT = envint("SAMPLE_PHOTO_MAX_COUNT", 12)
# API tokens end this many days after they are made (and at once on a password change).
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
    "loggers": {"cablewatch": {"level": envstr("LOG_LEVEL", "INFO"), "propagate": True}},
}
