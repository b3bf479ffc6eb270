"""sitemap.xml: every public page in both languages, with hreflang alternates (robots.txt, which
names it, is a public view).

Each page is listed once per language; each entry names the page in every language
and x-default (the Bulgarian page, as the pages' own <link rel="alternate"> do).
lastmod is the time the record last changed; for the pages that show many records,
the newest change among them.
"""

from functools import partial
from types import SimpleNamespace

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..addresses import site_domain, site_protocol
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


class RecordSitemap(BilingualSitemap):
    """The published records of one kind, read afresh for every request."""

    def __init__(self, records):
        self.records = records

    def items(self):
        return self.records()

    def lastmod(self, item):
        # A record that went live at its "publish from" changed for the public then.
        return max(item.updated_at, item.publish_from or item.updated_at)


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


#: The sitemap's sections: the pages, each kind's records, the information pages. Each is
#: a callable: the sitemap view makes a new one per request.
SITEMAPS = {
    "pages": PageSitemap,
    **{kind.slug: partial(RecordSitemap, kind.model.objects.published) for kind in KINDS},
    "information": partial(RecordSitemap, InfoPage.objects.published),
}
