"""WSGI entry point: `gunicorn beatbook.wsgi` (see README: Production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings")
application = get_wsgi_application()
