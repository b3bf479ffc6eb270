"""Content-Security-Policy with the admin's exceptions confined to /admin/, and a warning
when the site seems to run behind a proxy it was not told of."""

import base64
import hashlib
import logging
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

logger = logging.getLogger(__name__)


@cache
def prose_editor_importmap_hash():
    """Return the CSP hash of django-prose-editor's inline import map.

    The map names static files, whose hashed names are fixed for a deployment,
    so the hash is computed once per process.
    """
    from django_prose_editor.widgets import importmap

    html = str(importmap)
    body = re.search(r"<script[^>]*>(.*)</script>", html, re.DOTALL).group(1)
    digest = hashlib.sha256(body.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class SectionCSPMiddleware(CSPMiddleware):
    """The strict public policy everywhere; the admin may also run its editor's import map."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/"):
            update = dict(parts.update or {})
            update["script-src"] = [prose_editor_importmap_hash()]
            # Django's admin and its widgets set style attributes in markup.
            update["style-src"] = ["'unsafe-inline'"]
            parts = PolicyParts(parts.config, update, parts.replace, parts.nonce)
        return parts


class UndeclaredProxyWarningMiddleware:
    """Warn once per process of a request with X-Forwarded-For while BEHIND_PROXY is off.

    Behind a proxy that is not declared, every reader seems to come from the proxy's
    address: five wrong passwords for "admin" from anyone lock everyone out of it, and
    the feedback form's limit is shared by all. The header is not trusted (a reader may
    send it), so nothing changes; the warning only tells the operator. See
    docs/deployment.md.
    """

    warned = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not UndeclaredProxyWarningMiddleware.warned
            and "HTTP_X_FORWARDED_FOR" in request.META
            and not settings.BEHIND_PROXY
        ):
            UndeclaredProxyWarningMiddleware.warned = True
            logger.warning(
                "A request came with an X-Forwarded-For header while BEHIND_PROXY is off: "
                "if the site runs behind a reverse proxy, every reader shares its address "
                "and five wrong passwords lock an account out for all. Set BEHIND_PROXY=true "
                "if the proxy sets the header itself (see docs/deployment.md). "
                "This warning is given once per process."
            )
        return self.get_response(request)
