"""The feedback form's pages: the form, and the confirmation after it is sent."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from ..models import Feedback
from ..public.navigation import page_in_language
from ..public.views import PublicPageMixin
from . import notify, rate_limit
from .forms import FeedbackForm, page_from_query


class ReaderFormView(FormView):
    """A form the public sends (feedback, a partnership request), never cached (it carries
    a CSRF token) and usable without JavaScript.

    An address that sent too many messages (of either form) is asked to wait, with what it
    typed kept; a form refused for its stale token comes back filled in.
    """

    http_method_names = ["get", "head", "post", "options"]  # No PUT: a form posts.

    @classmethod
    def refused_token_response(cls, request, match):
        """Give the form back, with what the reader wrote, when its token was refused.

        Called by public/errors.csrf_failure; the page explains why, and sending the form
        again (with the fresh token it now carries) works.
        """
        view = cls()
        view.setup(request, *match.args, **match.kwargs)
        written = {name: request.POST.get(name, "") for name in cls.form_class.Meta.fields}
        context = view.get_context_data(form=cls.form_class(initial=written), expired=True)
        response = view.render_to_response(context, status=403)
        response.render()
        return response

    def post(self, request, *args, **kwargs):
        if rate_limit.rate_limited(request):
            form = self.get_form()
            form.is_valid()  # Keep what the reader typed, and any errors, on the page.
            response = self.render_to_response(self.get_context_data(form=form, too_many=True))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def save_message(self, form):
        """Store the message (flagged if spam) in the page's language, and count it."""
        message = form.save(commit=False)
        message.language = translation.get_language()
        message.is_spam = form.is_spam()
        message.save()
        rate_limit.count_message(self.request)
        return message


@method_decorator(never_cache, name="dispatch")
class FeedbackView(PublicPageMixin, ReaderFormView):
    """The readers' form for a problem with a page (accessibility, wrong information, other):
    stored first, then staff are told.

    Never cached (it carries a CSRF token); works without JavaScript. Spam caught by the
    hidden field is stored flagged and answered like any message, so its sender learns
    nothing; an address that sent too many messages is asked to wait.
    """

    form_class = FeedbackForm
    template_name = "international/feedback.html"
    page_title = _("Report a problem")
    page_description = _(
        "Tell Stara Zagora Municipality what you could not read or use in the International "
        "activity section, or what is wrong or outdated on its pages."
    )

    @cached_property
    def queried_page(self):
        """The page of this site that ?page= names, or "" (looked up once a request)."""
        return page_from_query(self.request.GET.get("page"))

    def get_initial(self):
        initial = {"page": self.queried_page}
        # The accessibility statement's invitation asks for an accessibility problem.
        kind = self.request.GET.get("kind")
        if kind in Feedback.Kind.values:
            initial["kind"] = kind
        return initial

    def switcher_url(self, language):
        """Return the form in *language*, still naming the page it concerns, in that language.

        Only the switcher keeps the page: canonical and hreflang name the form itself, so
        that its copies for every page of the site are one page to crawlers.
        """
        url = super().switcher_url(language)
        page = self.queried_page
        if page:
            url += "?" + urlencode({"page": page_in_language(page, language) or page})
        return url

    def form_valid(self, form):
        message = self.save_message(form)
        if not message.is_spam:
            notify.notify_staff(message, self.request)
        return HttpResponseRedirect(reverse("international:feedback_thanks"))


@method_decorator(never_cache, name="dispatch")
class FeedbackThanksView(PublicPageMixin, TemplateView):
    """The confirmation a sender sees after the form (Post/Redirect/Get)."""

    template_name = "international/feedback_thanks.html"
    page_title = _("Thank you for your message")
    page_description = _(
        "Your message on the International activity section of Stara Zagora Municipality "
        "has been received."
    )
