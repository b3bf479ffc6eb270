"""Public pages of the section. Views pick a queryset and a template; rules live on querysets."""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import (
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django.views.static import serve

from . import feedback
from .cache import read_only, request_version
from .forms import FeedbackForm, page_from_query
from .models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    TwinCity,
)
from .timeline import build_timeline


def section_url(language):
    """Return the section page's address in *language*."""
    with translation.override(language):
        return reverse("international:section")


@read_only
def root_redirect(request):
    """Send "/" to the section in the reader's preferred language (Bulgarian by default)."""
    language = translation.get_language_from_request(request)
    response = HttpResponseRedirect(section_url(language))
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@read_only
def language_home(request):
    """Send "/bg/" and "/en/" to the section in that language."""
    return HttpResponseRedirect(section_url(translation.get_language()))


class PublicPageMixin:
    """Canonical address and the same page in every language, for hreflang and the switcher."""

    def alternate_url(self, language):
        """Return this page's address in *language*."""
        return translate_url(self.request.path, language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = translation.get_language()
        alternates = []
        for code, _name in settings.LANGUAGES:
            url = self.alternate_url(code)
            alternates.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "url": self.request.build_absolute_uri(url),
                    "path": url,
                    "is_current": code == current,
                }
            )
        context["alternates"] = alternates
        context["canonical_url"] = next(a["url"] for a in alternates if a["is_current"])
        context["default_url"] = alternates[0]["url"]
        return context


#: How many records of each kind the section page shows; the rest are one link away,
#: on the kind's own list page, so the page stays quick to load and to read however
#: much the section grows.
SECTION_LIST_LIMIT = 24


def first_records(queryset, limit=SECTION_LIST_LIMIT):
    """Return up to *limit* records of *queryset*, and whether there are more."""
    records = list(queryset[: limit + 1])
    return records[:limit], len(records) > limit


def programmes_with_participations():
    return Programme.objects.published().prefetch_related(
        Prefetch("participations", queryset=Participation.objects.published())
    )


class SectionView(PublicPageMixin, TemplateView):
    """The section on one page: introduction, twin cities, memberships, events, programmes."""

    template_name = "international/section.html"

    def get_context_data(self, **kwargs):
        page = SectionPage.objects.current()
        twin_cities, more_twin_cities = first_records(TwinCity.objects.published())
        organizations, more_organizations = first_records(Organization.objects.published())
        events, more_events = first_records(
            Event.objects.published().select_related("organization")
        )
        programmes, more_programmes = first_records(programmes_with_participations())
        return super().get_context_data(
            page=page,
            twin_cities=twin_cities,
            more_twin_cities=more_twin_cities,
            organizations=organizations,
            more_organizations=more_organizations,
            events=events,
            more_events=more_events,
            programmes=programmes,
            more_programmes=more_programmes,
            timeline=build_timeline(organizations, events, programmes, twin_cities),
            # Any change bumps the content version, unpublishing and deleting included,
            # so its time is when the section's content last changed.
            last_updated=request_version(self.request).changed_at,
            **kwargs,
        )


class RecordListView(PublicPageMixin, ListView):
    """All published records of one kind, a page at a time."""

    template_name = "international/record_list.html"
    context_object_name = "records"
    paginate_by = 48
    #: The template of one record's card.
    card_template = ""
    title = ""

    def get_queryset(self):
        return self.model.objects.published()

    def alternate_url(self, language):
        url = super().alternate_url(language)
        page = self.request.GET.get("page", "")
        return f"{url}?page={page}" if page.isdigit() and page != "1" else url

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title,
            card_template=self.card_template,
            **kwargs,
        )


class OrganizationListView(RecordListView):
    model = Organization
    card_template = "international/cards/organization.html"
    title = _("Membership in international organisations")


class EventListView(RecordListView):
    model = Event
    card_template = "international/cards/event.html"
    title = _("Participation in significant European events")

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class ProgrammeListView(RecordListView):
    model = Programme
    card_template = "international/cards/programme.html"
    title = _("European programmes")

    def get_queryset(self):
        return programmes_with_participations()


class TwinCityListView(RecordListView):
    model = TwinCity
    card_template = "international/cards/twincity.html"
    title = _("Twin and partner cities")


class RecordDetailView(PublicPageMixin, DetailView):
    """A published record's own page, found by its slug in the page's language."""

    context_object_name = "record"

    def get_queryset(self):
        return self.model.objects.published()

    def alternate_url(self, language):
        with translation.override(language):
            return self.object.get_absolute_url()


class OrganizationDetailView(RecordDetailView):
    model = Organization
    template_name = "international/organization_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("events", queryset=Event.objects.published()))
        )


class EventDetailView(RecordDetailView):
    model = Event
    template_name = "international/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class ProgrammeDetailView(RecordDetailView):
    model = Programme
    template_name = "international/programme_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("participations", queryset=Participation.objects.published())
            )
        )


class ParticipationDetailView(RecordDetailView):
    model = Participation
    template_name = "international/participation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("programme")


class TwinCityDetailView(RecordDetailView):
    model = TwinCity
    template_name = "international/twincity_detail.html"


class InfoPageView(RecordDetailView):
    model = InfoPage
    template_name = "international/info_page.html"


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
        if feedback.rate_limited(request):
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
        feedback.count_message(self.request)
        if not message.is_spam:
            feedback.notify_staff(message, self.request)
        return HttpResponseRedirect(reverse("international:feedback_thanks"))


@method_decorator(never_cache, name="dispatch")
class FeedbackThanksView(PublicPageMixin, TemplateView):
    """The confirmation a sender sees after the form (Post/Redirect/Get)."""

    template_name = "international/feedback_thanks.html"


@read_only
def favicon(request):
    """Send /favicon.ico, which browsers ask for on their own, to the site's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))


@read_only
def media_file(request, path):
    """Serve an uploaded file from MEDIA_ROOT (read per request, so tests may move it)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


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


DETAIL_VIEWS = {
    view.model: view
    for view in (
        OrganizationDetailView,
        EventDetailView,
        ProgrammeDetailView,
        ParticipationDetailView,
        TwinCityDetailView,
        InfoPageView,
    )
}


def preview(request, record, language):
    """Render *record*, published or not, as its public page in *language*, for staff only.

    Called by the admin, which checks the permission. The response is never cached and
    never indexed.
    """
    view_class = DETAIL_VIEWS[type(record)]
    with translation.override(language):
        view = view_class()
        view.setup(request, slug=record.slug)
        view.object = record
        context = view.get_context_data(object=record, preview=True)
        response = view.render_to_response(context)
        response.render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = language
    return response
