"""/sitemap.xml is an index of sitemaps: one per kind of record and language, each paged."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from international.kinds import KINDS
from international.models.content import content_changed
from international.publishing.sitemaps import LIMIT, RecordSitemap
from tests.factories import OrganizationFactory
from tests.sitemaps import SITEMAP, sitemaps

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def locations(urlset):
    return [url.find(f"{SITEMAP}loc").text for url in urlset.findall(f"{SITEMAP}url")]


def test_the_index_names_a_sitemap_per_kind_and_language_and_one_for_the_pages(client, seed):
    named = set(sitemaps(client))
    expected = {"/sitemap-pages.xml"} | {
        f"/sitemap-{slug}-{code}.xml"
        for slug in [*(kind.slug for kind in KINDS), "information"]
        for code in LANGUAGES
    }
    assert named == expected
    assert LIMIT <= 50_000


def test_a_kinds_sitemap_lists_its_records_in_its_language_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(RecordSitemap, "limit", 2)
    records = OrganizationFactory.create_batch(5)

    found = sitemaps(client)
    pages = [path for path in found if path.startswith("/sitemap-organisations-en.xml")]
    assert pages == [
        "/sitemap-organisations-en.xml",
        "/sitemap-organisations-en.xml?p=2",
        "/sitemap-organisations-en.xml?p=3",
    ]
    listed = [location for path in pages for location in locations(found[path])]
    assert [len(locations(found[path])) for path in pages] == [2, 2, 1]
    with translation.override("en"):
        expected = [f"http://testserver{record.get_absolute_url()}" for record in records]
    assert listed == expected  # Each once, in English only, every page in its place.
    # The alternates still name the page in both languages and x-default.
    first = found[pages[0]].find(f"{SITEMAP}url")
    alternates = {link.get("hreflang"): link.get("href") for link in first.iter(f"{XHTML}link")}
    with translation.override("bg"):
        bulgarian = f"http://testserver{records[0].get_absolute_url()}"
    assert alternates == {"bg": bulgarian, "en": expected[0], "x-default": bulgarian}


def test_a_sitemap_page_and_the_index_make_the_same_queries_at_any_number_of_records(client):
    def queries(path):
        client.get(path)  # Once first: what a process caches is cached.
        content_changed()  # A new content version: rendered, not answered from the cache.
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    OrganizationFactory.create_batch(3)
    few = queries("/sitemap.xml"), queries("/sitemap-organisations-bg.xml")
    OrganizationFactory.create_batch(60)
    many = queries("/sitemap.xml"), queries("/sitemap-organisations-bg.xml")
    assert many == few


def test_a_record_without_an_english_slug_is_listed_at_its_bulgarian_one(client):
    record = OrganizationFactory()
    type(record).objects.filter(pk=record.pk).update(slug_en="")
    record.refresh_from_db()
    with translation.override("en"):
        expected = f"http://testserver{record.get_absolute_url()}"
    assert record.slug_bg in expected  # The address's own fallback.

    assert locations(sitemaps(client)["/sitemap-organisations-en.xml"]) == [expected]
