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
from django.urls import Resolver404, resolve
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


def page_number(request):
    """Return the page of a list asked for, as the cache keys it.

    "" for the first page, else the number without leading zeros (up to 4 digits);
    None for anything else ("last", which no page links to, or what the list answers
    with 404), which is served without the cache.
    """
    value = request.GET.get("page", "")
    if not value:
        return value
    if value.isascii() and value.isdigit() and len(value) <= 4:
        number = int(value)
        return "" if number == 1 else str(number)  # Page 1 is the list itself.
    return None


def cacheable(request, paginated):
    return not paginated or page_number(request) is not None


def response_etag(request, *args, paginated=False, **kwargs):
    """Return the ETag and cache key of a public response (worked out once per request).

    The host is part of it: pages carry absolute canonical addresses. Of the query
    string only a list's page number counts, so that other parameters, and page
    numbers on pages without pages, cannot fill the cache with copies.
    """
    known = request.__dict__.setdefault("_public_etags", {})
    memo = (paginated, get_language())
    if memo not in known:
        version = request_version(request).version
        page = page_number(request) if paginated else ""
        if page is None:  # Never a cache key, but an ETag of its own.
            page = "?" + request.GET.get("page", "")
        raw = f"{version}|{memo[1]}|{request.get_host()}|{request.path}|{page}"
        known[memo] = hashlib.sha256(raw.encode()).hexdigest()[:24]
    return known[memo]


def response_last_modified(request, *args, **kwargs):
    return request_version(request).changed_at


def page_key(request, paginated):
    return f"international:page:{response_etag(request, paginated=paginated)}"


def response_from_cache(stored):
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


def public_response(view, paginated=False):
    """Cache a public view's successful GET responses under the content version.

    *paginated* views take the query's page number into the key; others ignore it.
    """

    def etag(request, *args, **kwargs):
        return response_etag(request, paginated=paginated)

    @condition(etag_func=etag, last_modified_func=response_last_modified)
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not cacheable(request, paginated):
            return view(request, *args, **kwargs)
        key = page_key(request, paginated)
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
        if response.status_code == 200:
            make_public(response)
        return response

    # Read by PublicPageCacheMiddleware to find the page's key before the view runs.
    cached_view.public_page = {"paginated": paginated}
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
        paginated = False  # Without ?page= every view's key is the same: no need to ask.
        if "page" in request.GET:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return None
            public_page = getattr(match.func, "public_page", None)
            if public_page is None:  # Not a cached view (e.g. the feedback form).
                return None
            paginated = public_page["paginated"]
            if not cacheable(request, paginated):
                return None
        # Only public_response stores under this key: a copy found is a public page.
        stored = cache.get(page_key(request, paginated))
        if stored is None:
            request._page_not_cached = True
            return None
        etag = quote_etag(response_etag(request, paginated=paginated))
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
