"""Public pages of the section. Views pick a queryset and a template; rules live on querysets.

The list and record pages serve every kind of kinds.py, configured by public/urls.py.
"""

import posixpath
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from ..addresses import absolute_url
from ..kinds import SECTION_KINDS, Kind, kind_of, published_visits
from ..models import InfoPage, SectionPage, TwinCity
from ..models.content import request_version
from ..models.documents import DOCUMENTS_FOLDER, approved_documents
from ..publishing import dcat
from ..publishing.map_image import with_image
from ..publishing.open_data import DATASETS, LICENCE
from ..publishing.world_map import city_map
from .decorators import read_only
from .navigation import crumb, parent_crumbs, record_crumb, section_url
from .timeline import build_timeline


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
    """Canonical address and the same page in every language, for hreflang and the switcher.

    Also the page's title and description (for link previews, JSON-LD and the meta
    description: publishing/page_meta.py) and its breadcrumb under the section.
    """

    #: What the page's <h1> says, and what it is about, when they do not come from a record.
    page_title = None
    page_description = None

    def alternate_url(self, language):
        """Return this page's address in *language*, as canonical and hreflang name it."""
        return translate_url(self.request.path, language)

    def switcher_url(self, language):
        """Return where the language switcher leads: this page in *language*."""
        return self.alternate_url(language)

    def get_breadcrumbs(self, context):
        """Return the steps from the section to this page, this page last (none on the section)."""
        title = context.get("page_title")
        return [crumb(title, self.request.path)] if title else []

    def get_context_data(self, **kwargs):
        if self.page_title is not None:
            kwargs.setdefault("page_title", self.page_title)
        if self.page_description is not None:
            kwargs.setdefault("page_description", self.page_description)
        context = super().get_context_data(**kwargs)
        current = translation.get_language()
        alternates = []
        for code, _name in settings.LANGUAGES:
            alternates.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    # Canonical and hreflang: the page itself, on the site's one address.
                    "url": absolute_url(self.alternate_url(code)),
                    "path": self.switcher_url(code),
                    "is_current": code == current,
                }
            )
        context["alternates"] = alternates
        context["canonical_url"] = next(a["url"] for a in alternates if a["is_current"])
        context["default_url"] = alternates[0]["url"]
        context["breadcrumbs"] = self.get_breadcrumbs(context)
        return context


#: How many records of each kind the section page shows; the rest are one link away,
#: on the kind's own list page, so the page stays quick to load and to read however
#: much the section grows.
SECTION_LIST_LIMIT = 24


def first_records(queryset, limit=SECTION_LIST_LIMIT):
    """Return up to *limit* records of *queryset*, and whether there are more."""
    records = list(queryset[: limit + 1])
    return records[:limit], len(records) > limit


class SectionView(PublicPageMixin, TemplateView):
    """The section on one page: introduction, then a block per kind (kinds.SECTION_KINDS)."""

    template_name = "international/section.html"

    def get_context_data(self, **kwargs):
        page = SectionPage.objects.current()
        blocks, records = [], {}
        for kind in SECTION_KINDS:
            limit = kind.section.limit or SECTION_LIST_LIMIT
            if kind.section.records:
                # The block shows some of the kind's records (the open calls): "more" is
                # whether its list page has others too.
                shown = first_records(kind.section.records(), limit)[0]
                more = kind.pages().count() > len(shown)
            else:
                shown, more = first_records(kind.pages(), limit)
            blocks.append(SectionKindBlock(kind, shown, more))
            records[kind.plural] = shown
        return super().get_context_data(
            page=page,
            sections=blocks,
            # Each kind's records under its own name too, for the timeline and the
            # structured data: organizations, events, programmes, twin_cities.
            **records,
            timeline=build_timeline(**records),
            # Any change bumps the content version, unpublishing and deleting included,
            # so its time is when the section's content last changed.
            last_updated=request_version(self.request).changed_at,
            **kwargs,
        )


@dataclass(frozen=True)
class SectionKindBlock:
    """A kind's block on the section page: its first records, and whether there are more."""

    kind: Kind
    records: list
    more: bool

    @cached_property
    def groups(self):
        """Return the records in the kind's groups (kinds.Kind.groups), or None."""
        return self.kind.groups(self.records) if self.kind.groups else None


class RecordListView(PublicPageMixin, ListView):
    """All published records of one kind, a page at a time."""

    template_name = "international/record_list.html"
    context_object_name = "records"
    paginate_by = 48
    #: The kind listed (kinds.py), given by the URL pattern.
    kind = None

    def get_queryset(self):
        return self.kind.pages()

    def get_template_names(self):
        return [self.kind.list_template]

    def alternate_url(self, language):
        """Return this page of the list in *language*: ?page=N from the page shown (N > 1),
        never the query as typed (?page=02 names page 2 as ?page=2)."""
        url = super().alternate_url(language)
        number = self.page_shown.number if getattr(self, "page_shown", None) else 1
        return f"{url}?page={number}" if number > 1 else url

    def paginate_queryset(self, queryset, page_size):
        paginator, page, records, is_paginated = super().paginate_queryset(queryset, page_size)
        self.page_shown = page
        return paginator, page, records, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            title=self.kind.title,
            page_title=self.kind.title,
            page_description=self.kind.description,
            card_template=self.kind.card_template,
            **kwargs,
        )
        if self.kind.groups:
            context["groups"] = self.kind.groups(context["records"])
        return context

    def get_breadcrumbs(self, context):
        # The step of the page shown, page 2 and on included (it is aria-current).
        return [crumb(self.kind.title, self.alternate_url(translation.get_language()))]


class RecordDetailView(PublicPageMixin, DetailView):
    """A published record's own page, found by its slug in the page's language."""

    context_object_name = "record"
    #: The kind shown (kinds.py), given by the URL pattern; None for an information page.
    kind = None

    def get_queryset(self):
        return self.kind.detail_queryset() if self.kind else self.model.objects.published()

    def get_template_names(self):
        return [self.kind.detail_template] if self.kind else super().get_template_names()

    def get_context_data(self, **kwargs):
        return super().get_context_data(record_kind=self.kind, **kwargs)

    def alternate_url(self, language):
        with translation.override(language):
            return self.object.get_absolute_url()

    def get_breadcrumbs(self, context):
        """Return the record's list (and for a project its programme), then the record."""
        return [*parent_crumbs(self.object), record_crumb(self.object)]


class InfoPageView(RecordDetailView):
    model = InfoPage
    template_name = "international/info_page.html"

    def get_context_data(self, **kwargs):
        # The statement's contact information is the responsible unit's (one query).
        if self.object.key == InfoPage.Key.ACCESSIBILITY:
            kwargs["page"] = SectionPage.objects.current()
        return super().get_context_data(**kwargs)


@read_only
def favicon(request):
    """Send /favicon.ico, which browsers ask for on their own, to the site's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))


@read_only
def media_file(request, path):
    """Serve an uploaded file from MEDIA_ROOT (read per request, so tests may move it).

    Documents are not served here: only their own view sends them, and only while
    their record is published (public/documents.py). The path is the reader's: the file
    system may refuse it (a name too long for it, a path too deep), which means no such
    file, never a server error.
    """
    # As serve() reads it: "international//documents/x.pdf" is the same file.
    if posixpath.normpath(path).lstrip("/").startswith(f"{DOCUMENTS_FOLDER}/"):
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:
        raise Http404(path) from None


class TwinCityMapView(PublicPageMixin, TemplateView):
    """The twin cities on a map, with the list that says the same beside it."""

    template_name = "international/map.html"

    def get_context_data(self, **kwargs):
        twin_cities = list(TwinCity.objects.published())
        return super().get_context_data(
            page_title=_("Twin cities on the map"),
            page_description=_(
                "Where the twin and partner cities of Stara Zagora are. The numbers on the "
                "map are those of the list beside it."
            ),
            twin_cities=twin_cities,
            city_map=with_image(city_map(twin_cities), "all"),
            **kwargs,
        )


class OpenDataView(PublicPageMixin, TemplateView):
    """What the section publishes as data, under which licence, and what each field means."""

    template_name = "international/open_data.html"

    def get_context_data(self, **kwargs):
        datasets = [
            {"dataset": dataset, "url": reverse(dataset.url_name), "columns": dataset.columns}
            for dataset in DATASETS
        ]
        return super().get_context_data(
            page_title=_("Open data"),
            page_description=dcat.OPEN_DATA_DESCRIPTION,
            datasets=datasets,
            more_structured_data=dcat.catalog_graph,
            licence=LICENCE,
            **kwargs,
        )


def preview(request, record, language):
    """Render *record*, published or not, as its public page in *language*, for staff only.

    Called by the admin, which checks the permission. The response is never cached and
    never indexed.
    """
    kind = kind_of(record)
    if hasattr(record, "documents"):
        # As the public will see it: documents awaiting approval are left out.
        prefetch_related_objects([record], approved_documents())
    if hasattr(record, "visits"):
        # A twin city's or organisation's page lists only the visits the public sees.
        prefetch_related_objects([record], published_visits())
    with translation.override(language):
        view = RecordDetailView(kind=kind) if kind else InfoPageView()
        view.setup(request, slug=record.slug)
        view.object = record
        context = view.get_context_data(object=record, preview=True)
        response = view.render_to_response(context)
        response.render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = language
    return response


@read_only
def robots_txt(request):
    """Tell crawlers where the sitemap is, and to keep out of the admin."""
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
