"""Production: secrets and host names must come from the environment; HTTPS everywhere."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.production_debug()
SECRET_KEY = env.secret_key(required=True, fallback="")
ALLOWED_HOSTS = env.allowed_hosts(required=True, default=[])

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
