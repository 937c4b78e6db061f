"""Settings shared by every environment. Values that vary come from `config.env`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

import reclamo
from config import env

BASE_DIR = env.BASE_DIR
# Templates, static files, translations and bundled policies ship inside the package (the wheel).
PACKAGE_DIR = Path(reclamo.__file__).resolve().parent
DATA_DIR = env.data_dir()


def _serving() -> env.Serving:
    try:
        return env.serving()
    except env.ConfigurationError as error:
        raise ImproperlyConfigured(str(error)) from None


# `reclamo serve`'s process counts, read on first use: a bad value stops `serve`, not every command.
RECLAMO_SERVING = SimpleLazyObject(_serving)

DEBUG = False
SECRET_KEY = env.secret_key(required=False, fallback="reclamo-local-development-key-not-secret")
ALLOWED_HOSTS = env.allowed_hosts(required=False, default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.csrf_trusted_origins()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Listed so /api/v1/docs serves the Swagger UI files django-ninja ships (ninja/static/), not
    # a floating version from a CDN.
    "ninja",
    "reclamo.accounts",
    "reclamo.providers",
    "reclamo.customers",
    "reclamo.billing",
    "reclamo.complaints",
    "reclamo.letters",
    "reclamo.casework",
    "reclamo.intake",
    "reclamo.reporting",
    "reclamo.public",
    "reclamo.portal",
    "reclamo.console",
    "reclamo.api",
    "reclamo.operations",
]

MIDDLEWARE = [
    # First, so that every answer under /api/ — also Django's own 404/500 — has the error shape.
    "reclamo.api.middleware.ApiErrorShapeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "reclamo.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reclamo.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.database(default_sqlite=DATA_DIR / "reclamo.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Login throttling: after AXES_FAILURE_LIMIT failed sign-ins for one user name from one
    # address, further attempts are refused for AXES_COOLOFF_TIME (stored in the database, so it
    # holds across web workers).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a proxy every request comes from the proxy's address: lock-outs are keyed on the
# client's address taken from X-Forwarded-For, trusting exactly RECLAMO_TRUSTED_PROXY_COUNT hops.
# (django-axes' AXES_IPWARE_* settings need django-ipware, which Reclamo does not install.)
RECLAMO_TRUSTED_PROXY_COUNT = env.trusted_proxy_count()
AXES_CLIENT_IP_CALLABLE = "reclamo.accounts.client_address.client_address"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "public:home"
LOGOUT_REDIRECT_URL = "public:home"

# The four languages Reclamo ships. A provider's own texts come from its policy file.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("hu", _("Hungarian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"  # T-6: stored in UTC; shown in the provider's zone.
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: attachments are capped; anything larger is refused with a form error.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Idempotency-Key (reclamo.api.idempotency, docs/operations.md). A key whose request stored its
# submission but never answered (the process was killed) is taken over by the next request with
# the same key and body once its claim is this old: longer than any request can live (gunicorn
# kills a worker stuck for 30 s, its default timeout, which `reclamo serve` keeps).
RECLAMO_IDEMPOTENCY_STALE_AFTER = timedelta(seconds=60)
# Keys and the answers stored for replay are forgotten after this (the task
# reclamo.api.tasks.idempotency_keys_purge); api.md promises at least 30 days.
RECLAMO_IDEMPOTENCY_KEY_RETENTION = timedelta(days=30)
# A case's attachments (reclamo.complaints.attachments.attachment_check): documents, photos and
# scans of letters; anything else is refused with a message naming what is accepted.
RECLAMO_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
RECLAMO_ATTACHMENT_CONTENT_TYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "text/plain",
)
# The public web form and the portal: at most RECLAMO_WEB_FORM_MAX_FILES attachments, and at most
# RECLAMO_WEB_FORM_RATE_LIMIT submissions from one client address per RECLAMO_WEB_FORM_RATE_WINDOW
# (counted in the intake log, so the limit holds across web workers).
RECLAMO_WEB_FORM_MAX_FILES = 5
RECLAMO_WEB_FORM_RATE_LIMIT = 5
RECLAMO_WEB_FORM_RATE_WINDOW = timedelta(minutes=10)
# The same content from the same contact sent again within this window (the page reloaded after
# "Back") shows the case already registered instead of registering a second one.
RECLAMO_WEB_FORM_RESUBMIT_WINDOW = timedelta(minutes=30)
# How long a portal sign-up's confirmation link stays valid.
RECLAMO_PORTAL_SIGNUP_MAX_AGE = timedelta(days=3)
# Portal sign-up mails: at most RECLAMO_PORTAL_SIGNUP_LIMIT_PER_EMAIL to one address and
# RECLAMO_PORTAL_SIGNUP_LIMIT_PER_CLIENT asked for by one client address per
# RECLAMO_PORTAL_SIGNUP_WINDOW (counted in the database, so the limit holds across web workers).
RECLAMO_PORTAL_SIGNUP_LIMIT_PER_EMAIL = 3
RECLAMO_PORTAL_SIGNUP_LIMIT_PER_CLIENT = 10
RECLAMO_PORTAL_SIGNUP_WINDOW = timedelta(hours=1)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# The email channel (reclamo.intake): the largest raw message taken (a bigger one is kept in the
# intake log, cut at this size, and refused), and the IMAP mailboxes `reclamo fetch_mail` reads
# (RECLAMO_IMAP_<SLUG>_HOST …, see config/env.py and docs/operations.md).
RECLAMO_EMAIL_MAX_BYTES = 64 * 1024 * 1024
RECLAMO_IMAP_MAILBOXES = env.imap_mailboxes()

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env.email_backend("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.email_from()
(EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS) = env.email_host()

# Text messages (reclamo.letters.sms), chosen like EMAIL_BACKEND: console (the default), file
# (one file per message under RECLAMO_SMS_FILE_PATH), locmem (tests), or a gateway's backend.
RECLAMO_SMS_BACKEND = env.sms_backend("reclamo.letters.sms.ConsoleBackend")
RECLAMO_SMS_FILE_PATH = DATA_DIR / "sms"
# Where customers reach this installation: the links in acknowledgements start with it.
RECLAMO_BASE_URL = env.base_url()

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Self only: the pages, the admin and the Swagger UI at /api/v1/docs load only self-hosted scripts
# and style sheets and have no inline script or style (Swagger UI's icons are data: images).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
