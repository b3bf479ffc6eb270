"""Cached public pages are never stale: every kind of change shows on the very next request."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from international.models import ContentVersion, Organization

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}


@pytest.fixture
def warm(client, seed):
    """Render both languages once so that they are in the cache."""

    def fill():
        for url in SECTION.values():
            assert client.get(url).status_code == 200

    fill()
    return fill


def page(client, language):
    return client.get(SECTION[language]).content.decode()


def strasbourg():
    return Organization.objects.get(slug_bg="strasburgski-klub")


def admin_change_data(staff_client, record):
    """Return the admin change form's current values, as the browser would post them."""
    response = staff_client.get(
        reverse("admin:international_organization_change", args=[record.pk])
    )
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "image":
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value
    return data


def test_a_second_request_is_served_from_the_cache_with_one_query(
    client, warm, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the content version, nothing else
        response = client.get(SECTION["en"])
    assert response.status_code == 200
    assert "Strasbourg Club" in response.content.decode()


def test_a_conditional_request_is_answered_304_without_rendering(
    client, warm, django_assert_num_queries
):
    first = client.get(SECTION["bg"])
    assert first["Cache-Control"].startswith("public")
    assert first["ETag"] and first["Last-Modified"]
    with django_assert_num_queries(1):
        response = client.get(SECTION["bg"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""


def test_the_two_languages_are_cached_apart(client, warm):
    assert 'lang="bg"' in page(client, "bg")[:200]
    assert 'lang="en"' in page(client, "en")[:200]
    assert client.get(SECTION["bg"])["ETag"] != client.get(SECTION["en"])["ETag"]


def test_a_save_in_the_admin_shows_at_once_in_both_languages(client, staff_client, warm):
    record = strasbourg()
    data = admin_change_data(staff_client, record)
    data.update(name_bg="Страсбургски клуб (обновено)", name_en="Strasbourg Club (updated)")
    response = staff_client.post(
        reverse("admin:international_organization_change", args=[record.pk]), data
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert "Страсбургски клуб (обновено)" in page(client, "bg")
    assert "Strasbourg Club (updated)" in page(client, "en")


def test_a_delete_in_the_admin_shows_at_once_in_both_languages(client, staff_client, warm):
    record = strasbourg()
    response = staff_client.post(
        reverse("admin:international_organization_delete", args=[record.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    client.logout()
    assert "Страсбургски клуб" not in page(client, "bg")
    assert "Strasbourg Club" not in page(client, "en")


def test_a_drag_and_drop_reorder_shows_at_once_and_is_kept_in_history(client, staff_client, warm):
    first, second = Organization.objects.order_by("order")[:2]
    assert page(client, "en").index(first.name_en) < page(client, "en").index(second.name_en)
    response = staff_client.post(
        reverse("admin:international_organization_sortable_update"),
        json.dumps({"updatedItems": [[first.pk, second.order], [second.pk, first.order]]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    client.logout()
    for language, name in (("en", "name_en"), ("bg", "name_bg")):
        html = page(client, language)
        assert html.index(getattr(second, name)) < html.index(getattr(first, name))
    latest = first.history.order_by("-history_date").first()
    assert latest.history_change_reason in ("Reordered", "Пренаредено")
    assert latest.history_user.username == "admin"


def test_a_history_revert_shows_at_once_in_both_languages(client, staff_client, warm):
    record = strasbourg()
    original = record.history.earliest("history_date")
    record.name_bg = "Страсбургски клуб (по-късна редакция)"
    record.name_en = "Strasbourg Club (a later edit)"
    record.save()
    assert "(по-късна редакция)" in page(client, "bg")
    assert "(a later edit)" in page(client, "en")

    url = reverse("admin:international_organization_simple_history", args=[record.pk, original.pk])
    data = admin_change_data(staff_client, record)
    data.update(name_bg=original.name_bg, name_en=original.name_en)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    client.logout()
    assert "(a later edit)" not in page(client, "en")
    assert "Strasbourg Club" in page(client, "en")
    assert "(по-късна редакция)" not in page(client, "bg")
    assert "Страсбургски клуб" in page(client, "bg")
    assert strasbourg().name_en == "Strasbourg Club"


def test_every_change_bumps_the_content_version(seed):
    before = ContentVersion.objects.get().version
    record = strasbourg()
    record.save()
    after_save = ContentVersion.objects.get().version
    record.delete()
    after_delete = ContentVersion.objects.get().version
    assert before < after_save < after_delete


def test_staff_previews_are_never_cached(staff_client, seed):
    record = strasbourg()
    record.is_published = False
    record.save()
    url = reverse("admin:international_organization_preview", args=[record.pk, "en"])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "preview-banner" in response.content.decode()


@pytest.mark.django_db
def test_the_content_version_is_read_as_the_orm_would_read_it():
    from international.models.content import content_changed, content_version

    content_changed()
    content_changed()
    stored = ContentVersion.objects.get(pk=1)

    read = content_version()

    assert (read.version, read.changed_at) == (stored.version, stored.changed_at)
    assert read.changed_at.utcoffset() is not None


@pytest.mark.django_db
def test_the_content_version_row_is_made_when_missing():
    from international.models.content import content_version

    ContentVersion.objects.all().delete()

    assert content_version().version == 1
    assert ContentVersion.objects.count() == 1


# Cached pages answered by the middleware, before sessions and authentication --------------

# Set per response, not part of what the page is.
UNSTABLE_HEADERS = {"Date"}


def headers_of(response):
    return {name: value for name, value in response.headers.items() if name not in UNSTABLE_HEADERS}


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_page_from_the_cache_middleware_carries_the_rendered_page_s_headers_and_content(
    client, seed, language
):
    rendered = client.get(SECTION[language])
    cached = client.get(SECTION[language])

    # Answered before the session middleware ran: the request never got a session.
    assert hasattr(rendered.wsgi_request, "session")
    assert not hasattr(cached.wsgi_request, "session")
    assert headers_of(cached) == headers_of(rendered)
    assert cached.content == rendered.content
    assert cached["Content-Language"] == language
    assert cached["Content-Length"] == str(len(rendered.content))


def test_the_cache_middleware_answers_a_conditional_request_with_304(client, warm):
    first = client.get(SECTION["bg"])

    response = client.get(SECTION["bg"], HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 304
    assert response.content == b""
    assert not hasattr(response.wsgi_request, "session")
    # A 304 carries the Cache-Control of the 200 it stands for (RFC 9110, 15.4.5).
    assert response["Cache-Control"] == first["Cache-Control"]


def test_a_304_from_the_view_carries_the_pages_cache_control(client, seed, settings):
    first = client.get(SECTION["en"])
    # With no copy in the cache, a conditional request goes past the middleware to the view.
    cache.clear()

    response = client.get(SECTION["en"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 304
    assert response["Cache-Control"] == first["Cache-Control"]
    assert f"max-age={settings.PUBLIC_CACHE_SECONDS}" in response["Cache-Control"]


def test_a_feed_from_the_cache_middleware_keeps_its_open_data_headers(client, seed):
    url = reverse("international:events_calendar")

    rendered = client.get(url)
    cached = client.get(url)

    assert not hasattr(cached.wsgi_request, "session")
    assert cached["Access-Control-Allow-Origin"] == "*"
    assert cached["Content-Type"] == rendered["Content-Type"]
    assert cached.content == rendered.content


@pytest.mark.parametrize("name", ["open_data_json", "open_data_organizations_csv"])
def test_a_streamed_export_is_answered_from_the_cache_the_second_time(client, seed, name):
    url = reverse(f"international:{name}")

    streamed = client.get(url)
    content = b"".join(streamed.streaming_content)
    cached = client.get(url)

    assert not hasattr(cached.wsgi_request, "session")
    assert cached.content == content
    assert headers_of(cached) | {"Content-Length": ""} == headers_of(streamed) | {
        "Content-Length": ""
    }
    assert cached["Access-Control-Allow-Origin"] == "*"


def test_pages_that_are_never_cached_go_through_every_middleware(client, seed):
    with_form = reverse("international:feedback")

    client.get(with_form)
    response = client.get(with_form)

    assert hasattr(response.wsgi_request, "session")
    assert "csrfmiddlewaretoken" in response.content.decode()


# What the query string may add to the cache ---------------------------------------------


@pytest.fixture
def stored_keys(monkeypatch):
    """The keys of every page stored in the cache from now on."""
    import international.public.caching
    from tests.public.test_robustness import RecordingCache

    recording = RecordingCache(international.public.caching.cache)
    monkeypatch.setattr(international.public.caching, "cache", recording)
    return recording.keys


def test_page_numbers_on_a_page_without_pages_store_no_more_copies(client, seed, stored_keys):
    for query in ["", "?page=2", "?page=x0", "?page=007", "?page=" + "9" * 30, "?utm=a"]:
        assert client.get(SECTION["en"] + query).status_code == 200

    assert len(stored_keys) == 1


def test_a_list_is_stored_once_per_page_and_only_for_real_page_numbers(client, seed, stored_keys):
    from tests.factories import OrganizationFactory

    OrganizationFactory.create_batch(50)  # two pages of 48
    with_pages = reverse("international:organization_list")

    assert client.get(with_pages).status_code == 200
    assert client.get(with_pages + "?page=1").status_code == 200
    assert client.get(with_pages + "?page=2").status_code == 200
    assert client.get(with_pages + "?page=0002").status_code == 200
    assert len(stored_keys) == 2  # the first page (with or without ?page=1) and the second
    for query in ["?page=3", "?page=x", "?page=99999"]:
        assert client.get(with_pages + query).status_code == 404
    assert client.get(with_pages + "?page=last").status_code == 200  # Django's alias
    assert len(stored_keys) == 2


def test_a_sitemap_page_number_is_never_answered_by_another_pages_copy(client, seed, stored_keys):
    sitemap = reverse("sitemap_section", kwargs={"section": "organisations-bg"})

    assert client.get(sitemap).status_code == 200
    assert client.get(sitemap + "?p=1").status_code == 200
    for _ in range(2):  # The second time, page 1 is in the cache: still no page 99.
        assert client.get(sitemap + "?p=99").status_code == 404
        assert client.get(sitemap + "?p=abc").status_code == 404
    assert len(stored_keys) == 1


# One way into the page cache, one way out -----------------------------------------------

PAGE_KEY_PREFIX = "international:page:"
CACHE_METHODS = ("get", "set", "add", "get_many", "set_many", "get_or_set", "touch")


@pytest.fixture
def page_cache_calls(monkeypatch):
    """Every call on the cache backend that names a page key: (method, calling function).

    Recorded on the backend itself, so that no module's way of reaching the cache escapes.
    """
    import sys

    from django.core.cache import caches

    backend = caches["default"]
    calls = []

    def recorder(name):
        method = getattr(backend, name)

        def record(key_or_keys, *args, **kwargs):
            keys = [key_or_keys] if isinstance(key_or_keys, str) else list(key_or_keys)
            if any(str(key).startswith(PAGE_KEY_PREFIX) for key in keys):
                calls.append((name, sys._getframe(1).f_code))
            return method(key_or_keys, *args, **kwargs)

        return record

    for name in CACHE_METHODS:
        monkeypatch.setattr(backend, name, recorder(name))
    return calls


def test_a_page_enters_the_cache_one_way_and_each_request_looks_it_up_once(
    client, seed, page_cache_calls
):
    from international.public import caching
    from tests.factories import OrganizationFactory

    OrganizationFactory.create_batch(50)  # two pages of the list
    organizations = reverse("international:organization_list")
    paths = [
        SECTION["bg"],
        SECTION["en"] + "?utm=a",
        organizations + "?page=2",
        organizations + "?page=last",  # never cached
        "/sitemap.xml",
        "/robots.txt",
        reverse("international:events_calendar"),
        reverse("international:open_data_json"),
        reverse("international:open_data_organizations_csv"),
        reverse("international:feedback"),  # not a public page
    ]

    for path in paths * 2:  # rendered, then (where cached) answered from the cache
        del page_cache_calls[:]
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200, path

        lookups = [code for name, code in page_cache_calls if name == "get"]
        stores = [code for name, code in page_cache_calls if name != "get"]
        assert len(lookups) <= 1, path
        assert all(code is caching.stored_page.__code__ for code in lookups), path
        assert all(code is caching.store_page.__code__ for code in stores), path
        assert len(stores) <= 1, path
        if stores:
            assert lookups, path  # stored only after the middleware found nothing

    # Each of them is in the cache now: one more request only reads it.
    cached = paths[:3] + paths[4:9]
    del page_cache_calls[:]
    for path in cached:
        response = client.get(path, HTTP_IF_NONE_MATCH='"no such tag"')
        assert not response.streaming, path
    assert [name for name, _code in page_cache_calls] == ["get"] * len(cached)


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
def test_an_address_without_a_language_is_answered_from_the_cache_with_its_headers(
    client, seed, path
):
    rendered = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    cached = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    other_language = client.get(path, HTTP_ACCEPT_LANGUAGE="bg")
    not_modified = client.get(path, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=cached["ETag"])

    assert hasattr(rendered.wsgi_request, "session")
    assert not hasattr(cached.wsgi_request, "session")
    assert headers_of(cached) == headers_of(rendered)
    assert cached.content == rendered.content
    assert cached["Vary"] == "Accept-Language"
    assert cached["Content-Language"] == "en"
    assert other_language["Content-Language"] == "bg"
    assert other_language["ETag"] != cached["ETag"]
    assert not_modified.status_code == 304
    assert not hasattr(not_modified.wsgi_request, "session")
    assert not_modified["Vary"] == "Accept-Language"
    assert not_modified["Cache-Control"] == cached["Cache-Control"]


def test_a_stream_larger_than_the_limit_is_streamed_every_time(client, seed, monkeypatch):
    from international.public import caching

    monkeypatch.setattr(caching, "CACHE_LIMIT", 100)
    url = reverse("international:open_data_json")

    for _ in range(2):
        response = client.get(url)
        assert response.streaming
        assert len(b"".join(response.streaming_content)) > 100


def test_a_new_site_address_is_never_answered_from_a_page_cached_under_the_old_one(
    client, seed, settings
):
    path = reverse("international:section")
    before = client.get(path)
    assert '<link rel="canonical" href="http://testserver' in before.text

    settings.SITE_URL = "https://starazagora.bg"
    after = client.get(path, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert f'<link rel="canonical" href="https://starazagora.bg{path}">' in after.text


def test_a_host_not_allowed_gets_its_400_even_for_a_cached_page(client, seed):
    path = reverse("international:section")
    assert client.get(path).status_code == 200  # now cached

    refused = client.get(path, headers={"host": "attacker.example"})

    assert refused.status_code == 400
    assert "attacker.example" not in refused.content.decode()
