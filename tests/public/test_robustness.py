"""No request, however odd, makes a public page fail: random paths, queries, headers and posts.

Hypothesis throws addresses built from the section's real address segments and slugs
mixed with arbitrary text, junk query strings, junk Accept-Language, Cookie, Host and
conditional headers, and form posts with or without CSRF checks. The site may answer
with a page, a redirect, "bad request", "forbidden" (CSRF), "not found" or "method not
allowed", but never with a server error.
"""

import os
from collections import Counter
from urllib.parse import quote, unquote_to_bytes, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from international.models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    TwinCity,
)
from international.public import views

pytestmark = pytest.mark.usefixtures("seed")

LANGUAGES = ("bg", "en")
ALLOWED_ERRORS = {400, 403, 404, 405}
# A conditional request may get 304 (GET) or 412 (a failed precondition, RFC 9110 13.1),
# e.g. If-Match on any page or If-None-Match: * on a POST.
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# ROBUSTNESS_EXAMPLES=5000 makes a longer hunt than the default run's.
BOUNDED = hypothesis_settings(
    max_examples=int(os.environ.get("ROBUSTNESS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# The site's real addresses -------------------------------------------------------------


def real_pages():
    """Return {path: language} of every public page of the seed content."""
    pages = {}
    for language in LANGUAGES:
        with translation.override(language):
            pages[reverse("international:section")] = language
            for model in (Organization, Event, Programme, TwinCity, InfoPage):
                for record in model.objects.published():
                    pages[record.get_absolute_url()] = language
            for record in Participation.objects.published().filter(programme__is_published=True):
                pages[record.get_absolute_url()] = language
    return pages


REDIRECTS = ["/", "/bg/", "/en/"]


# Strategies ----------------------------------------------------------------------------

# Header values reach Django as latin-1 text (WSGI); tabs and controls included.
header_text = st.text(st.characters(min_codepoint=0, max_codepoint=255), max_size=80)
any_text = st.text(st.characters(codec="utf-8"), max_size=40)
language_tags = st.sampled_from(
    ["bg", "en", "en-GB", "bg-BG", "de", "*", "zh-Hant-TW", "x-klingon", "", "en;q=0.5"]
)


@st.composite
def accept_language(draw):
    """A mix of well-formed language ranges, odd weights and plain junk."""
    if draw(st.booleans()):
        return draw(header_text)
    ranges = draw(st.lists(language_tags, max_size=5))
    weights = draw(
        st.lists(st.sampled_from(["", ";q=0.9", ";q=0", ";q=1.5", ";q=abc", ";q="]), max_size=5)
    )
    return ",".join(tag + weight for tag, weight in zip(ranges, weights * 5, strict=False))


@st.composite
def cookies(draw):
    """A Cookie header: junk, or the language cookie with any value, or both."""
    language = draw(st.one_of(language_tags, header_text))
    parts = [f"django_language={language}"]
    if draw(st.booleans()):
        parts.append(draw(header_text))
    if draw(st.booleans()):
        parts.append(f"csrftoken={draw(header_text)}")
    return "; ".join(draw(st.permutations(parts)))


http_date = st.sampled_from(
    [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "32 Feb 2020",
        "-1",
        "99999999999999999999",
    ]
)


@st.composite
def headers(draw, junk_host=True):
    """A set of request headers, each present or not, most of them junk."""
    candidates = {
        "HTTP_ACCEPT_LANGUAGE": accept_language(),
        "HTTP_COOKIE": cookies(),
        "HTTP_USER_AGENT": header_text,
        "HTTP_REFERER": st.one_of(header_text, st.just("https://evil.example/")),
        "HTTP_ACCEPT": st.one_of(header_text, st.just("text/html;q=0.9,*/*;q=0.8")),
        "HTTP_ACCEPT_ENCODING": st.one_of(header_text, st.just("gzip, br")),
        "HTTP_IF_NONE_MATCH": st.one_of(header_text, st.just("*"), st.just('W/"abc", "def"')),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(header_text, http_date),
        "HTTP_IF_MATCH": st.one_of(header_text, st.just("*")),
        "HTTP_IF_UNMODIFIED_SINCE": st.one_of(header_text, http_date),
        "HTTP_X_FORWARDED_FOR": header_text,
        "HTTP_X_FORWARDED_PROTO": st.one_of(header_text, st.just("https")),
        "HTTP_X_FORWARDED_HOST": header_text,
        "HTTP_ORIGIN": st.one_of(header_text, st.just("null")),
        "HTTP_RANGE": st.one_of(header_text, st.just("bytes=0-10")),
    }
    if junk_host:
        candidates["HTTP_HOST"] = st.one_of(
            st.sampled_from(["testserver", "localhost:8000", "127.0.0.1", "[::1]", ""]),
            header_text,
        )
    names = draw(st.sets(st.sampled_from(sorted(candidates)), max_size=len(candidates)))
    return {name: draw(candidates[name]) for name in sorted(names)}


def query_strings():
    """A raw query string: well-formed pairs, or anything at all."""
    pairs = st.lists(st.tuples(any_text, any_text), max_size=4).map(urlencode)
    return st.one_of(st.just(""), pairs, header_text)


def path_segments(known):
    """One address segment: a real one, a real one mangled, or arbitrary text."""
    real = st.sampled_from(sorted(known))
    mangled = real.map(str.upper) | real.map(lambda segment: segment + "%")
    odd = st.sampled_from(["..", ".", "", "%2e%2e", "%00", "%2F", "%ff", "~", "@", "\\", " "])
    text = any_text.map(lambda value: quote(value, safe="")) | any_text
    return st.one_of(real, real, mangled, odd, text)


def slugs():
    """A record's slug: a mangled real-looking one, or any text (Cyrillic, emoji, controls)."""
    latin = st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True)
    return st.one_of(latin, any_text.filter(bool))


@st.composite
def paths(draw, known, pages):
    """An address: a real page, a record kind with any slug, or segments under any prefix."""
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.sampled_from(pages))
    if choice == 1:
        # A real record kind's address in either language, with another slug.
        parent = draw(st.sampled_from(pages)).rstrip("/").rsplit("/", 1)[0]
        slug = draw(slugs())
        return f"{parent}/{draw(st.sampled_from([slug, quote(slug, safe='')]))}/"
    prefix = draw(st.sampled_from(["/", "/bg/", "/en/", "/de/", "/media/", "/static/", "//", ""]))
    segments = draw(st.lists(path_segments(known), max_size=5))
    trailing = draw(st.sampled_from(["/", "", "//"]))
    path = prefix + "/".join(segments) + (trailing if segments else "")
    return path if path.startswith("/") else "/" + path


def form_bodies():
    """A form post's body and content type: well-formed, multipart junk or raw bytes."""
    urlencoded = st.lists(st.tuples(any_text, any_text), max_size=5).map(
        lambda pairs: (urlencode(pairs).encode(), "application/x-www-form-urlencoded")
    )
    raw = st.tuples(
        st.binary(max_size=200),
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "application/json",
                "text/plain; charset=junk",
                "",
            ]
        ),
    )
    return st.one_of(urlencoded, raw)


def send(client, method, path, query, extra, body=b"", content_type=""):
    """Send a request with *path* as a server would pass it on, whatever it holds.

    The test client would parse a path such as "//[/" as an address with a host; a
    server passes it on as it came, percent-decoded, in PATH_INFO.
    """
    path_info = unquote_to_bytes(path).decode("iso-8859-1")
    return client.generic(
        method,
        "/",
        data=body,
        content_type=content_type or "application/octet-stream",
        PATH_INFO=path_info,
        QUERY_STRING=query,
        **extra,
    )


def page_language(response):
    """Return the language the page's <html lang> names."""
    text = response.content.decode()
    start = text.index("<html lang=") + len("<html lang=")
    return text[start:].split(None, 1)[0].strip("\"'>")


def stays_on_the_site(response):
    """Return whether a redirect leads to an address on this site (no open redirect)."""
    if not 300 <= response.status_code < 400 or "Location" not in response:
        return True
    location = urlsplit(response["Location"])
    return location.netloc in ("", "testserver") and location.scheme in ("", "http", "https")


def allowed(status, headers):
    if 200 <= status < 400 or status in ALLOWED_ERRORS:
        return True
    return status == 412 and any(name in headers for name in CONDITIONAL_HEADERS)


# The tests -----------------------------------------------------------------------------


def test_a_server_error_shows_here_as_a_500_and_would_fail_these_tests(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("A failure these tests must notice")

    monkeypatch.setattr(views.SectionView, "get_context_data", fail)
    with translation.override("en"):
        path = reverse("international:section")

    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 500
    assert not allowed(response.status_code, {})


def test_every_real_page_answers_whatever_junk_comes_with_the_request():
    """A real page's address with any query and any headers (a valid host) is the page."""
    pages = real_pages()
    assert len(pages) > 20
    seen = Counter()

    @BOUNDED
    @given(
        path=st.sampled_from(sorted(pages)),
        method=st.sampled_from(["GET", "HEAD"]),
        query=query_strings(),
        extra=headers(junk_host=False),
    )
    def check(path, method, query, extra):
        client = Client(raise_request_exception=False)
        response = send(client, method, path, query, extra)
        seen[response.status_code] += 1
        conditional = any(name in extra for name in CONDITIONAL_HEADERS)
        if not conditional:
            assert response.status_code == 200, (method, path, query, extra)
        else:
            assert response.status_code in (200, 304, 412), (method, path, query, extra)
        if response.status_code == 200 and method == "GET":
            assert page_language(response) == pages[path]

    check()
    assert seen[200] > 50, seen


def test_the_addresses_that_lead_to_the_section_redirect_whatever_the_headers():
    section = set()
    for language in LANGUAGES:
        with translation.override(language):
            section.add(reverse("international:section"))

    @BOUNDED
    @given(path=st.sampled_from(REDIRECTS), query=query_strings(), extra=headers(junk_host=False))
    def check(path, query, extra):
        response = send(Client(raise_request_exception=False), "GET", path, query, extra)
        assert response.status_code == 302, (path, query, extra)
        assert response["Location"] in section

    check()


def test_no_request_at_all_makes_a_public_address_fail():
    """Any method, address, query, headers (junk Host too) and body: never a server error."""
    pages = sorted(real_pages()) + REDIRECTS
    known = {segment for page in pages for segment in page.split("/") if segment}
    seen = Counter()

    @BOUNDED
    @given(
        method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
        path=paths(known, pages),
        query=query_strings(),
        extra=headers(),
        body=form_bodies(),
        enforce_csrf=st.booleans(),
    )
    def check(method, path, query, extra, body, enforce_csrf):
        client = Client(raise_request_exception=False, enforce_csrf_checks=enforce_csrf)
        data, content_type = body if method not in ("GET", "HEAD") else (b"", "")
        response = send(client, method, path, query, extra, data, content_type)
        seen[response.status_code] += 1
        assert allowed(response.status_code, extra), (method, path, query, extra, body)
        assert stays_on_the_site(response), (response["Location"], path, extra)

    check()
    assert seen[200] and seen[404], seen


class RecordingCache:
    """The page cache, noting the key of every page it stores."""

    def __init__(self, cache):
        self.cache = cache
        self.keys = set()

    def get(self, key, *args, **kwargs):
        return self.cache.get(key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        self.keys.add(key)
        return self.cache.set(key, *args, **kwargs)


def test_variants_of_an_allowed_host_do_not_each_store_a_copy_of_the_page(monkeypatch):
    import international.public.caching

    recording = RecordingCache(international.public.caching.cache)
    monkeypatch.setattr(international.public.caching, "cache", recording)
    with translation.override("bg"):
        path = reverse("international:section")
    variants = ["testserver", "TESTSERVER", "TestServer.", "testserver:80", "testserver:0080"]
    variants += [f"testserver:{port}" for port in range(8000, 8020)]

    for host in variants:
        response = Client().get(path, HTTP_HOST=host)
        assert response.status_code == 200
        assert f'<link rel="canonical" href="http://testserver{path}">' in response.text, host

    assert len(recording.keys) == 1


def test_the_port_of_the_site_address_stays_in_its_addresses(settings):
    # The addresses come from SITE_URL, port included, not from the request's host.
    settings.SITE_URL = "http://127.0.0.1:8000"
    with translation.override("en"):
        path = reverse("international:section")

    response = Client().get(path, HTTP_HOST="localhost", SERVER_PORT="80")

    assert f'<link rel="canonical" href="http://127.0.0.1:8000{path}">' in response.text


# Files: uploads (/media/) and static files (/static/) -----------------------------------

OUTSIDE_MEDIA = b"This file lies beside the media folder, never in it."
MEDIA_FILES = {"logo.png": b"\x89PNG a stored upload", "international/2026/logo.jpg": b"a logo"}
STATIC_NAMES = ["css", "site.css", "img", "vendor", "jquery-ui", "jquery-ui.min.js"]


def file_segments():
    """One segment of a file's address: a real name, a traversal, an odd character or junk.

    The odd ones come as a server passes them on (already decoded) and still encoded
    (%2F, %2e%2e, %00), which send() decodes once, as a server would.
    """
    real = st.sampled_from(["logo.png", "international", "2026", "logo.jpg", *STATIC_NAMES])
    odd = st.sampled_from(
        ["..", ".", "", "\x00", "%00", "%2F", "%2f", "%2e%2e", "%2e", "%252F", "\\", "..\\..", "~"]
    )
    # Linux refuses a name over 255 bytes (ENAMETOOLONG) where a shorter one is "no such file".
    long_name = st.integers(200, 1000).map(lambda length: "a" * length)
    text = st.text(st.characters(codec="utf-8"), max_size=1000)
    return st.one_of(real, odd, long_name, long_name, text, text.map(lambda v: quote(v, safe="")))


@st.composite
def file_paths(draw):
    prefix = draw(st.sampled_from(["/media/", "/static/"]))
    segments = draw(st.lists(file_segments(), min_size=1, max_size=3))
    separator = draw(st.sampled_from(["/", "\\", "%2F", "/../"]))
    return prefix + separator.join(segments)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_no_address_of_a_file_fails_or_reads_outside_its_folder(settings, tmp_path, debug):
    """Any path under /media/ or /static/ (too long for the file system, NUL, "..",
    encoded slashes, backslashes) answers a file from its folder or "not found"."""
    settings.DEBUG = debug  # whitenoise serves static files from the finders with DEBUG on.
    (tmp_path / "outside.txt").write_bytes(OUTSIDE_MEDIA)
    for name, content in MEDIA_FILES.items():
        (settings.MEDIA_ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / name).write_bytes(content)
    client = Client(raise_request_exception=False)  # A new one reads DEBUG afresh.
    seen = Counter()

    @BOUNDED
    @given(path=file_paths(), method=st.sampled_from(["GET", "HEAD"]))
    def check(path, method):
        response = send(client, method, path, "", {})
        seen[response.status_code] += 1
        assert response.status_code in (200, 301, 302, 304, 400, 404), (path, response)
        content = body(response)
        assert OUTSIDE_MEDIA not in content, path
        if response.status_code == 200 and path.startswith("/media/") and method == "GET":
            assert content in MEDIA_FILES.values(), path

    check()
    # The real files are found too: the tests above would pass on a site serving none.
    assert send(client, "GET", "/media/logo.png", "", {}).status_code == 200
    assert seen[404], seen


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "a" * 256,
        "/media/logo/" + "b" * 300 + ".png",
        "/static/" + "a" * 256,
        "/static/css/" + "c" * 1000 + ".css",
        "/static/no-such-file.css",
    ],
    ids=[
        "media-long-name",
        "media-long-name-in-folder",
        "static-long-name",
        "static-long",
        "static-missing",
    ],
)
def test_a_file_name_the_file_system_refuses_is_not_found(settings, debug, path):
    settings.DEBUG = debug
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)

    response = send(Client(raise_request_exception=False), "GET", path, "", {})

    assert response.status_code == 404
