"""Refuse to serve without what production needs (settings.STARTUP_PROBLEMS).

Called by the WSGI application before it takes a request, and by a deployment check,
so gunicorn and `manage.py check --deploy` stop with a message naming the variable.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def refuse_to_serve_if_misconfigured():
    if settings.STARTUP_PROBLEMS:
        raise ImproperlyConfigured(" ".join(settings.STARTUP_PROBLEMS))


@checks.register(checks.Tags.security, deploy=True)
def required_settings(app_configs, **kwargs):
    # Stops `check --deploy` as it stops the server: a deployment checked without a
    # secret key or host names must not look ready.
    refuse_to_serve_if_misconfigured()
    return []
