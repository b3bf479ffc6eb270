"""Caching of public responses that is never stale.

A cached response is keyed on the content version (see models/content.py: with the
last scheduled publishing moment passed, and kept no longer than the next), the language,
the host and the path: any change to the content changes the key, so the next
request renders afresh. Browsers and proxies get an ETag and Last-Modified from the
same version and revalidate; a conditional request is answered 304 before any
rendering.

There is one way in and one way out. public_response marks a view as public and keeps
each successful response it renders with store_page, streamed ones once they have been
sent; PublicPageCacheMiddleware is the only code that looks a page up, and answers it
(200, or 304 to a conditional request) before sessions and the rest of the middleware.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, get_language_from_path
from django.views.decorators.http import condition

from ..models.content import request_version
from .decorators import read_only

PAGE_TIMEOUT = 60 * 60 * 24
#: A streamed response larger than this is streamed every time instead of being kept.
CACHE_LIMIT = 20 * 1024 * 1024


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

    The site's address (settings.SITE_URL) is part of it: pages carry absolute addresses
    made from it, so a new one is never answered from a copy made under the old one; the
    host a request names is not, as no page prints it. Of the query
    string only the page number of a view with pages counts, so that other parameters,
    and page numbers on pages without pages, cannot fill the cache with copies.
    """
    known = request.__dict__.setdefault("_public_etags", {})
    memo = (page_parameter, get_language())
    if memo not in known:
        version = request_version(request).key
        page = page_number(request, page_parameter) if page_parameter else ""
        if page is None:  # Never a cache key, but an ETag of its own.
            page = "?" + request.GET.get(page_parameter, "")
        raw = f"{version}|{memo[1]}|{settings.SITE_URL}|{request.path}|{page}"
        known[memo] = hashlib.sha256(raw.encode()).hexdigest()[:24]
    return known[memo]


def response_last_modified(request, *args, **kwargs):
    """Return when the response last changed: the content's last change or, when pages
    turn at every Sofia midnight (days left, a yearly event's next edition), the last
    midnight if later. A client that sends only If-Modified-Since then gets the new page
    after midnight, not a 304 for yesterday's; the pages' own "last updated" date stays
    the content's (views read changed_at)."""
    version = request_version(request)
    if version.midnight is not None and version.midnight > version.changed_at:
        return version.midnight
    return version.changed_at


def page_key(request, page_parameter=None):
    return f"international:page:{response_etag(request, page_parameter=page_parameter)}"


# The page cache: one function stores, one looks up -----------------------------------------


def page_timeout(request):
    """Return how long a page may be kept: a day, or less when a scheduled change comes sooner.

    The key names the last scheduled moment passed, so a page kept longer would never be
    served past the next; this only spares the cache from keeping it.
    """
    return request_version(request).seconds_left(PAGE_TIMEOUT)


def store_page(key, content, headers, timeout=PAGE_TIMEOUT):
    """Keep a public page under *key*: its content and the headers its view gave it."""
    if timeout > 0:
        cache.set(key, (content, headers), timeout)


def stored_page(key):
    """Return the response kept under *key* by store_page, or None."""
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def _kept(chunks, key, headers, timeout):
    """Yield *chunks*; once all are sent, store them as the page (if not too large).

    *headers* are taken when the view returns, before the ETag and the middleware's
    headers are added, as for a page rendered at once.
    """
    sent, size = [], 0
    for chunk in chunks:
        if sent is not None:
            size += len(chunk)
            if size <= CACHE_LIMIT:
                sent.append(chunk)
            else:
                sent = None
        yield chunk
    if sent is not None:
        store_page(key, b"".join(sent), headers, timeout)


def make_public(request, response):
    """Let browsers and proxies keep a public response, revalidating it by ETag.

    Never past the next scheduled change. A 304 carries the same Cache-Control as the
    200 it stands for (RFC 9110, 15.4.5).
    """
    if response.status_code not in (200, 304):
        return
    patch_cache_control(
        response,
        public=True,
        max_age=request_version(request).seconds_left(settings.PUBLIC_CACHE_SECONDS),
        must_revalidate=True,
    )


def public_response(view, page_parameter=None):
    """Serve a read-only public view, its successful responses cached under the content version.

    It answers GET and HEAD only (405 otherwise). A view with pages names the query
    parameter of its page number (*page_parameter*), which goes into the key; other
    views ignore the query string. A request gets to the view only when the page is
    not in the cache (PublicPageCacheMiddleware answered it otherwise): a successful
    response is stored for the next one, a streamed one once it has all been sent
    (the open data exports, which a download reads to the end).
    """

    def etag(request, *args, **kwargs):
        return response_etag(request, page_parameter=page_parameter)

    @condition(etag_func=etag, last_modified_func=response_last_modified)
    def conditional_view(request, *args, **kwargs):
        if not cacheable(request, page_parameter):
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200:
            response.setdefault("Content-Language", get_language())
            if not get_language_from_path(request.path_info):
                # The language came from the cookie or Accept-Language; LocaleMiddleware
                # says so too, but only on the way out, which a stored copy never takes.
                patch_vary_headers(response, ("Accept-Language",))
            key, headers = page_key(request, page_parameter), dict(response.headers)
            timeout = page_timeout(request)
            if response.streaming:
                response.streaming_content = _kept(
                    response.streaming_content, key, headers, timeout
                )
            else:
                store_page(key, response.content, headers, timeout)
        return response

    @read_only
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        response = conditional_view(request, *args, **kwargs)
        make_public(request, response)
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
    one rendered. This is the only place the page cache is read: any page not in it
    for the current content version goes on to the view as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A host not allowed gets its 400 (DisallowedHost) here, never a cached page.
        request.get_host()
        if request.method in ("GET", "HEAD"):
            response = self.cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)

    def cached_response(self, request):
        language = get_language_from_path(request.path_info)
        if language and not request.GET:
            # Without a query every view's key is the same: no need to ask which one.
            with translation.override(language):
                return self.answer(request, None)
        if language:
            with translation.override(language):
                page_parameter = self.public_page_parameter(request)
        else:
            page_parameter = self.public_page_parameter(request)
            # The language LocaleMiddleware will choose for an address without a prefix.
            language = translation.get_language_from_request(request, check_path=True)
        if page_parameter is False or not cacheable(request, page_parameter):
            return None
        with translation.override(language):
            return self.answer(request, page_parameter)

    @staticmethod
    def public_page_parameter(request):
        """Return the page parameter of the public view at the path, or False for another view."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        public_page = getattr(match.func, "public_page", None)
        if public_page is None:  # Not a cached view (e.g. the feedback form).
            return False
        return public_page["page_parameter"]

    @staticmethod
    def answer(request, page_parameter):
        # Only public_response stores under this key: a copy found is a public page.
        stored = stored_page(page_key(request, page_parameter))
        if stored is None:
            return None
        etag = quote_etag(response_etag(request, page_parameter=page_parameter))
        last_modified = int(response_last_modified(request).timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = stored
            response["Content-Length"] = str(len(response.content))
        elif stored.has_header("Vary"):
            response["Vary"] = stored["Vary"]  # RFC 9110, 15.4.5, as Cache-Control below.
        response.headers.setdefault("ETag", etag)
        response.headers.setdefault("Last-Modified", http_date(last_modified))
        make_public(request, response)
        return response
