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
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, get_language_from_path
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


def page_key(request):
    return f"international:page:{response_etag(request)}"


def response_from_cache(request, stored):
    """Rebuild a response from what public_response stored: content and the view's headers."""
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def make_public(response):
    """Let browsers and proxies keep a public response, revalidating it by ETag."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_CACHE_SECONDS,
        must_revalidate=True,
    )


def public_response(view):
    """Cache a public view's successful GET responses under the content version."""

    @condition(etag_func=response_etag, last_modified_func=response_last_modified)
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            response = response_from_cache(request, stored)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200 and not response.streaming:
                response.setdefault("Content-Language", get_language())
                cache.set(key, (response.content, dict(response.headers)), PAGE_TIMEOUT)
        if response.status_code == 200:
            make_public(response)
        return response

    return cached_view


class PublicPageCacheMiddleware:
    """Answer a request for a cached public page before the rest of the middleware runs.

    A page public_response has stored is the same for every visitor (no session, no
    user, no CSRF token), so sessions, authentication, messages, history and login
    protection have nothing to add to it. Placed after the security, CSP and
    Permissions-Policy middleware, so a page from here carries the same headers as
    one rendered. Only language-prefixed paths (the section's pages, feeds and data)
    are looked up; everything else, and any page not in the cache for the current
    content version, goes on to the view as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            language = get_language_from_path(request.path_info)
            if language:
                with translation.override(language):
                    response = self.cached_response(request)
                if response is not None:
                    return response
        return self.get_response(request)

    def cached_response(self, request):
        stored = cache.get(page_key(request))
        if stored is None:
            return None
        etag = quote_etag(response_etag(request))
        last_modified = int(response_last_modified(request).timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = response_from_cache(request, stored)
        response.headers.setdefault("ETag", etag)
        response.headers.setdefault("Last-Modified", http_date(last_modified))
        if response.status_code == 200:
            response["Content-Length"] = str(len(response.content))
            make_public(response)
        return response
