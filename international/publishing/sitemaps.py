"""sitemap.xml: every public page in both languages, with hreflang alternates (robots.txt, which
names it, is a public view).

/sitemap.xml is a sitemap index: it names one sitemap for the pages that are not one
record, and one per kind of record and language (/sitemap-events-en.xml ...), each in
pages of at most LIMIT addresses (?p=2 ...), well under the protocol's 50,000 addresses
and 50 MB, so that no one of them grows with the section. Each page is listed once per
language; each entry names the page in every language and x-default (the Bulgarian
page, as the pages' own <link rel="alternate"> do). lastmod is the time the record last
changed; for the pages that show many records, the newest change among them.
"""

from functools import partial
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index
from django.core.paginator import Paginator
from django.db.models import Case, F, Max, When
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.utils import resolution_order

from ..addresses import absolute_url, site_domain, site_protocol
from ..kinds import KINDS
from ..models import InfoPage
from ..models.content import current_version


class BilingualSitemap(Sitemap):
    """A sitemap whose every entry lists the same page in each language and as x-default."""

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        # The site's own address (settings.SITE_URL), not the host the request named.
        site = SimpleNamespace(domain=site_domain())
        urls = super().get_urls(page=page, site=site, protocol=site_protocol())
        for url in urls:
            # Django's x_default drops the language prefix, which this site always has.
            default = next(
                (a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default:
                url["alternates"].append(
                    {"location": default["location"], "lang_code": "x-default"}
                )
        return urls


#: The most addresses in one page of a sitemap (the protocol allows 50,000).
LIMIT = 500
#: What a record's address has where its slug goes (a valid slug, so reverse() takes it).
SLUG_PLACEHOLDER = "__slug__"


class InLanguage:
    """The records of a queryset, each paired with one language, read a page at a time.

    What a Sitemap with i18n paginates, without reading every record for every page.
    """

    def __init__(self, records, language):
        self.records, self.language = records, language
        self.ordered = True

    def count(self):
        return self.records.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return [(record, self.language) for record in self.records[index]]


class RecordSitemap(BilingualSitemap):
    """The published records of one kind in one language, read afresh for every request."""

    limit = LIMIT

    def __init__(self, records, language):
        self.records, self.language = records, language
        self._addresses = {}

    def moment_fields(self):
        """The kind's moments at which its page changes with no save ("publish from", a
        call's deadline, an event's end), "publish until" aside: the page is gone then."""
        model = self.records().model
        return [field for field in model.schedule_fields if field != "publish_until"]

    def items(self):
        # What an entry needs: the slugs (the address, with its fallback) and the dates.
        return (
            self.records()
            .only("pk", "slug_bg", "slug_en", "updated_at", *self.moment_fields())
            .order_by("pk")
        )

    @property
    def paginator(self):
        return Paginator(InLanguage(self.items(), self.language), self.limit)

    def location(self, item):
        """Return the record's address in the active language: get_absolute_url()'s.

        reverse() once per language and page, the slug put in its place: the slug of the
        language, or of the first fallback that has one (modeltranslation's order).
        """
        language = translation.get_language()
        if language not in self._addresses:
            with_placeholder = reverse(item.url_name, kwargs={"slug": SLUG_PLACEHOLDER})
            self._addresses[language] = (with_placeholder, resolution_order(language))
        address, languages = self._addresses[language]
        slug = next(
            (slug for code in languages if (slug := getattr(item, f"slug_{code}", None))), ""
        )
        return address.replace(SLUG_PLACEHOLDER, quote(slug, safe=""))

    def lastmod(self, item):
        # A record that went live at its "publish from", or whose call closed at its
        # deadline, changed for the public then.
        now = timezone.now()
        moments = (getattr(item, field) for field in self.moment_fields())
        return max([item.updated_at, *(moment for moment in moments if moment and moment <= now)])

    def get_latest_lastmod(self):
        """The index's lastmod: the newest of the entries' lastmod, asked of the database."""
        now = timezone.now()
        passed = [
            Case(When(**{f"{field}__lte": now}, then=F(field)), default=F("updated_at"))
            for field in self.moment_fields()
        ]
        return self.records().aggregate(latest=Max(Greatest("updated_at", *passed)))["latest"]


#: The pages that show many records of a kind: each kind's list, and the map.
LIST_PAGES = [
    *(f"international:{kind.list_name}" for kind in KINDS if kind.title),
    "international:map",
]


class PageSitemap(BilingualSitemap):
    """The pages that are not one record: the section, the lists of a kind, the map, open data
    and the partnership form (one page, unlike the feedback form's copies for every page)."""

    def items(self):
        return [
            "international:section", *LIST_PAGES, "international:open_data",
            "international:partnership",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # These pages change with any change to the section, unpublishing and deleting
        # included: the content version's time is when that last happened.
        if not hasattr(self, "_changed_at"):
            self._changed_at = current_version().changed_at
        return self._changed_at


def sitemap_index(request, sitemaps, **kwargs):
    """/sitemap.xml: Django's sitemap index, its addresses on the site's own address."""
    response = index(request, sitemaps, **kwargs)
    for sitemap in response.context_data["sitemaps"]:
        address = urlsplit(sitemap.location)
        sitemap.location = absolute_url(
            address.path + (f"?{address.query}" if address.query else "")
        )
    return response


def record_sections(slug, records):
    """Return the sections of one kind's records: one per language, "<slug>-<language>"."""
    return {
        f"{slug}-{code}": partial(RecordSitemap, records, code) for code, _ in settings.LANGUAGES
    }


#: The sitemap's sections: the pages, each kind's records, the information pages. Each is
#: a callable: the sitemap view makes a new one per request.
SITEMAPS = {
    "pages": PageSitemap,
    **{
        name: section
        for kind in KINDS
        for name, section in record_sections(kind.slug, kind.model.objects.published).items()
    },
    **record_sections("information", InfoPage.objects.published),
}
