"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stara_zagora.settings")

application = get_wsgi_application()

from stara_zagora.startup import refuse_to_serve_if_misconfigured  # noqa: E402

refuse_to_serve_if_misconfigured()
