"""Decorators of the section's public views."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """Let *view* answer GET and HEAD only: 405 for any other method, never a CSRF page.

    A view that changes nothing has nothing for a CSRF check to protect.
    """
    return csrf_exempt(require_safe(view))
