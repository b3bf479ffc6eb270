"""What a reader sees when something is wrong: a page not found, a server error, a stale form."""

from django.http import HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers

from ..feedback.forms import FeedbackForm
from ..feedback.views import FeedbackView


def csrf_failure(request, reason=""):
    """Answer a form sent without a valid security token (settings.CSRF_FAILURE_VIEW).

    Cookies were blocked, or the page stayed open until its token went stale. The reader
    is told so in the site's layout and language; the feedback form comes back with what
    they wrote and a fresh token, to be sent again. Nothing is stored.
    """
    match = request.resolver_match
    if match is not None and match.view_name == "international:feedback":
        view = FeedbackView()
        view.setup(request, *match.args, **match.kwargs)
        written = {name: request.POST.get(name, "") for name in FeedbackForm.Meta.fields}
        context = view.get_context_data(form=FeedbackForm(initial=written), expired=True)
        response = view.render_to_response(context, status=403)
        response.render()
    else:
        body = loader.render_to_string("403_csrf.html", {"request_path": request.path}, request)
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
