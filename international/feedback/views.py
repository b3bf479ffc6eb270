"""The feedback form's pages: the form, and the confirmation after it is sent."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from ..public.views import PublicPageMixin
from . import notify, rate_limit
from .forms import FeedbackForm, page_from_query


@method_decorator(never_cache, name="dispatch")
class FeedbackView(PublicPageMixin, FormView):
    """The feedback form of the accessibility statement: stored first, then staff are told.

    Never cached (it carries a CSRF token); works without JavaScript. Spam caught by the
    hidden field is stored flagged and answered like any message, so its sender learns
    nothing; an address that sent too many messages is asked to wait.
    """

    form_class = FeedbackForm
    template_name = "international/feedback.html"
    http_method_names = ["get", "head", "post", "options"]  # No PUT: a form posts.

    def get_initial(self):
        return {"page": page_from_query(self.request.GET.get("page"))}

    def alternate_url(self, language):
        """Return the form in *language*, still naming the page it concerns, in that language."""
        url = super().alternate_url(language)
        page = page_from_query(self.request.GET.get("page"))
        if page:
            url += "?" + urlencode({"page": translate_url(page, language)})
        return url

    def post(self, request, *args, **kwargs):
        if rate_limit.rate_limited(request):
            form = self.get_form()
            form.is_valid()  # Keep what the reader typed, and any errors, on the page.
            response = self.render_to_response(self.get_context_data(form=form, too_many=True))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        message = form.save(commit=False)
        message.language = translation.get_language()
        message.is_spam = form.is_spam()
        message.save()
        rate_limit.count_message(self.request)
        if not message.is_spam:
            notify.notify_staff(message, self.request)
        return HttpResponseRedirect(reverse("international:feedback_thanks"))


@method_decorator(never_cache, name="dispatch")
class FeedbackThanksView(PublicPageMixin, TemplateView):
    """The confirmation a sender sees after the form (Post/Redirect/Get)."""

    template_name = "international/feedback_thanks.html"
