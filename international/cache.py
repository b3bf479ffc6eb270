"""Caching of public responses that is never stale.

A cached response is keyed on the content version (see content.py), the language,
the host and the path: any change to the content changes the key, so the next
request renders afresh. Browsers and proxies get an ETag and Last-Modified from the
same version and revalidate; a conditional request is answered 304 before any
rendering.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition

from .content import content_version

PAGE_TIMEOUT = 60 * 60 * 24


def request_version(request):
    """Return the content version, read once per request."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


def response_etag(request, *args, **kwargs):
    version = request_version(request).version
    # The host is part of the key: pages carry absolute canonical addresses.
    # Of the query string only the page number matters; other parameters are ignored
    # rather than let them fill the cache.
    page = request.GET.get("page", "")
    raw = f"{version}|{get_language()}|{request.get_host()}|{request.path}|{page}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def response_last_modified(request, *args, **kwargs):
    return request_version(request).changed_at


def public_response(view):
    """Cache a public view's successful GET responses under the content version."""

    @condition(etag_func=response_etag, last_modified_func=response_last_modified)
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = f"international:response:{response_etag(request)}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type, language = cached
            response = HttpResponse(content, content_type=content_type)
            response["Content-Language"] = language
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key,
                    (response.content, response["Content-Type"], get_language()),
                    PAGE_TIMEOUT,
                )
        if response.status_code == 200:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_SECONDS,
                must_revalidate=True,
            )
        return response

    return cached_view
