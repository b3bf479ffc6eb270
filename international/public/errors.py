"""What a reader sees when something is wrong: a page not found or refused, a server error,
a stale form."""

from django.contrib import admin
from django.http import HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


def csrf_failure(request, reason=""):
    """Answer a form sent without a valid security token (settings.CSRF_FAILURE_VIEW).

    Cookies were blocked, or the page stayed open until its token went stale. The reader
    is told so in the site's layout and language. A form view that can give back what was
    typed (a class method refused_token_response(request, match), as the feedback form
    has) answers itself, with a fresh token; nothing is stored.
    """
    match = request.resolver_match
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    answer = getattr(view_class, "refused_token_response", None)
    if answer is not None:
        response = answer(request, match)
    else:
        body = loader.render_to_string("403_csrf.html", {"request_path": request.path}, request)
        response = HttpResponseForbidden(body)
    add_never_cache_headers(response)
    return response


def permission_denied(request, exception):
    """Render the translated 403 page: in the admin's layout for a page of the admin."""
    if request.path.startswith(reverse("admin:index")):
        context = {**admin.site.each_context(request), "request_path": request.path}
        body = loader.render_to_string("admin/403.html", context, request)
    else:
        body = loader.render_to_string("403.html", {"request_path": request.path}, request)
    response = HttpResponseForbidden(body)
    add_never_cache_headers(response)
    return response


def page_not_found(request, exception):
    """Render the translated 404 page (never the technical one)."""
    body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(body)


def server_error(request):
    """Render the translated 500 page with no details of the error."""
    try:
        body = loader.render_to_string("500.html", {}, request)
    except Exception:  # The error may be in the templates or database themselves.
        body = "<!doctype html><title>500</title><h1>500</h1>"
    return HttpResponseServerError(body)
