"""ASGI entry point, for deployments that prefer an ASGI server."""

import os

from django.core.asgi import get_asgi_application

# Production unless told otherwise: a bare `gunicorn config.wsgi` must never run with the
# development secret key. `reclamo serve` passes its own settings module to its children.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_asgi_application()
