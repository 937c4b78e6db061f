"""WSGI entry point (gunicorn serves `config.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

# Production unless told otherwise: a bare `gunicorn config.wsgi` must never run with the
# development secret key. `reclamo serve` passes its own settings module to its children.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
