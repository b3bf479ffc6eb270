"""Content-Security-Policy with the admin's exceptions confined to /admin/."""

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts


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
