"""Caching of public responses that is never stale.

A cached response is keyed on the content version (see models/content.py), the language,
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
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, get_language_from_path
from django.views.decorators.http import condition

from ..models.content import content_version
from .decorators import read_only

PAGE_TIMEOUT = 60 * 60 * 24


def request_version(request):
    """Return the content version, read once per request."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


def page_number(request, page_parameter):
    """Return the page asked for in the query's *page_parameter*, as the cache keys it.

    "" for the first page, else the number without leading zeros (up to 4 digits);
    None for anything else ("last", which no page links to, or what the view answers
    with 404), which is served without the cache.
    """
    value = request.GET.get(page_parameter, "")
    if not value:
        return value
    if value.isascii() and value.isdigit() and len(value) <= 4:
        number = int(value)
        return "" if number == 1 else str(number)  # Page 1 is the list itself.
    return None


def cacheable(request, page_parameter):
    return page_parameter is None or page_number(request, page_parameter) is not None


def response_etag(request, *args, page_parameter=None, **kwargs):
    """Return the ETag and cache key of a public response (worked out once per request).

    The host is part of it: pages carry absolute canonical addresses. Of the query
    string only the page number of a view with pages counts, so that other parameters,
    and page numbers on pages without pages, cannot fill the cache with copies.
    """
    known = request.__dict__.setdefault("_public_etags", {})
    memo = (page_parameter, get_language())
    if memo not in known:
        version = request_version(request).version
        page = page_number(request, page_parameter) if page_parameter else ""
        if page is None:  # Never a cache key, but an ETag of its own.
            page = "?" + request.GET.get(page_parameter, "")
        raw = f"{version}|{memo[1]}|{request.get_host()}|{request.path}|{page}"
        known[memo] = hashlib.sha256(raw.encode()).hexdigest()[:24]
    return known[memo]


def response_last_modified(request, *args, **kwargs):
    return request_version(request).changed_at


def page_key(request, page_parameter=None):
    return f"international:page:{response_etag(request, page_parameter=page_parameter)}"


def response_from_cache(stored):
    """Rebuild a response from what public_response stored: content and the view's headers."""
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def make_public(response):
    """Let browsers and proxies keep a public response, revalidating it by ETag.

    A 304 carries the same Cache-Control as the 200 it stands for (RFC 9110, 15.4.5).
    """
    if response.status_code not in (200, 304):
        return
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_CACHE_SECONDS,
        must_revalidate=True,
    )


def public_response(view, page_parameter=None):
    """Serve a read-only public view, its successful responses cached under the content version.

    It answers GET and HEAD only (405 otherwise). A view with pages names the query
    parameter of its page number (*page_parameter*), which goes into the key; other
    views ignore the query string.
    """

    def etag(request, *args, **kwargs):
        return response_etag(request, page_parameter=page_parameter)

    @condition(etag_func=etag, last_modified_func=response_last_modified)
    def conditional_view(request, *args, **kwargs):
        if not cacheable(request, page_parameter):
            return view(request, *args, **kwargs)
        key = page_key(request, page_parameter)
        # PublicPageCacheMiddleware has looked already when it let the request through.
        stored = None if getattr(request, "_page_not_cached", False) else cache.get(key)
        if stored is not None:
            response = response_from_cache(stored)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200 and not response.streaming:
                response.setdefault("Content-Language", get_language())
                cache.set(key, (response.content, dict(response.headers)), PAGE_TIMEOUT)
        return response

    @read_only
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        response = conditional_view(request, *args, **kwargs)
        make_public(response)
        return response

    # Read by PublicPageCacheMiddleware to find the page's key before the view runs.
    cached_view.public_page = {"page_parameter": page_parameter}
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
        page_parameter = None  # Without a query every view's key is the same: no need to ask.
        if request.GET:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return None
            public_page = getattr(match.func, "public_page", None)
            if public_page is None:  # Not a cached view (e.g. the feedback form).
                return None
            page_parameter = public_page["page_parameter"]
            if not cacheable(request, page_parameter):
                return None
        # Only public_response stores under this key: a copy found is a public page.
        stored = cache.get(page_key(request, page_parameter))
        if stored is None:
            request._page_not_cached = True
            return None
        etag = quote_etag(response_etag(request, page_parameter=page_parameter))
        last_modified = int(response_last_modified(request).timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = response_from_cache(stored)
        response.headers.setdefault("ETag", etag)
        response.headers.setdefault("Last-Modified", http_date(last_modified))
        if response.status_code == 200:
            response["Content-Length"] = str(len(response.content))
        make_public(response)
        return response
