"""The partnership form's pages: the form beside the unit's contacts, and the confirmation."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from ..feedback.views import ReaderFormView
from ..models import SectionPage
from ..public.views import PublicPageMixin
from .forms import PartnershipRequestForm
from .notify import notify_unit


@method_decorator(never_cache, name="dispatch")
class PartnershipRequestView(PublicPageMixin, ReaderFormView):
    """An organisation proposes a partnership or asks to visit: stored first, then the
    unit is told. Spam caught by the hidden field is stored flagged, answered like any
    request and not e-mailed."""

    form_class = PartnershipRequestForm
    template_name = "international/partnership.html"
    page_title = _("Propose a partnership or request a visit")
    page_description = _(
        "Propose a partnership to Stara Zagora Municipality or ask to visit it: the unit "
        "responsible for its international activity answers every request."
    )

    def get_context_data(self, **kwargs):
        # Not "page": that names what a page is about (its description, its JSON-LD); this
        # one only lends the form its contacts.
        kwargs.setdefault("unit", SectionPage.objects.current())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        request_record = self.save_message(form)
        if not request_record.is_spam:
            notify_unit(request_record, self.request)
        return HttpResponseRedirect(reverse("international:partnership_thanks"))


@method_decorator(never_cache, name="dispatch")
class PartnershipThanksView(PublicPageMixin, TemplateView):
    """The confirmation a sender sees after the form (Post/Redirect/Get)."""

    template_name = "international/partnership_thanks.html"
    page_title = _("Thank you for your request")
    page_description = _(
        "Your request to Stara Zagora Municipality's international activity unit has been received."
    )
