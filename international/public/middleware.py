"""Content-Security-Policy with the admin's exceptions confined to /admin/; canonical hosts."""

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http.request import split_domain_port


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


class CanonicalHostMiddleware:
    """Give every allowed spelling of a host one canonical form.

    Django accepts ``Example.org.``, ``example.org:80`` and ``example.org:0080`` as the
    allowed ``example.org``, and a port of any number. No page prints the host (absolute
    addresses come from settings.SITE_URL), but the page cache keys on it
    (public/caching.py), so without this each variant would store one more copy of every
    page. The domain is lowercased without its trailing dot, and the port is kept only
    when it is the port the request really came in on and not the scheme's default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() validates against ALLOWED_HOSTS: DisallowedHost becomes a 400.
        domain, port = split_domain_port(request.get_host())
        default_port = "443" if request.is_secure() else "80"
        port = port.lstrip("0") or ("0" if port else "")
        if port in ("", default_port) or port != request.get_port():
            host = domain
        else:
            host = f"{domain}:{port}"
        header = "HTTP_HOST"
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in request.META:
            header = "HTTP_X_FORWARDED_HOST"
        request.META[header] = host
        return self.get_response(request)
