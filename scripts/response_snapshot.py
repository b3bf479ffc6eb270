"""Save every public response of a freshly seeded site, or compare the site with a saved copy.

A restructure of the code must change no public behaviour. This script proves it: run
``save`` before the change and ``compare`` after it. Each run starts the site as in
production (scripts/local_site.py: gunicorn, DEBUG off, a new SQLite database with the
seed content), then asks for every address in sitemap.xml, the feeds, the open data, the
map, robots.txt, the redirects and a page that does not exist, in both languages, and
every address of the site that those pages link to. It keeps each response's status,
the headers that carry meaning and the body.

What differs between two runs of the same code is taken out before comparing: the port,
the hashed names of static files, dates and times (the seed is loaded anew, so every
record is created at another moment), the values of ETags and the form's security token.
Every address that answers 200 is asked for again: a second time (from the page cache,
where it is cached), with its ETag (If-None-Match) and its Last-Modified date
(If-Modified-Since), and, where it has no language in its address, in English. HTML pages
that differ only in the white space between elements are parsed and compared as
documents (as Django's assertHTMLEqual does) and reported apart.

    python scripts/response_snapshot.py save /tmp/before
    python scripts/response_snapshot.py compare /tmp/before
"""

import argparse
import difflib
import json
import re
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from django.test.html import parse_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from local_site import running_site

#: Addresses no page links to, asked for as well.
EXTRA_PATHS = [
    "/",
    "/bg/",
    "/en/",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
    "/healthz",
    "/bg/mezhdunarodna-deynost/nyama-takava-stranitsa/",
    "/en/international-activity/no-such-page/",
    "/bg/mezhdunarodna-deynost/organizatsii/?page=2",
    "/en/international-activity/organisations/?page=999",
    "/bg/obratna-vrazka/blagodarim/",
    "/en/feedback/thank-you/",
    "/en/international-activity/open-data/no-such-file.csv",
]
#: Headers compared besides the status; the rest (Date, ETag, ...) change by themselves.
HEADERS = (
    "Content-Type",
    "Content-Length",
    "ETag",
    "Last-Modified",
    "Content-Language",
    "Content-Disposition",
    "Location",
    "Allow",
    "Cache-Control",
    "Access-Control-Allow-Origin",
    "Vary",
    "X-Robots-Tag",
)
MAX_PAGES = 2000
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# What two runs of the same code write differently.
NORMALISE = [
    (re.compile(r"127\.0\.0\.1:\d+"), "HOST"),
    # Hashed static names (ManifestStaticFilesStorage): site.3f2a1b4c5d6e.css
    (re.compile(r"\.[0-9a-f]{12}\.(css|js|png|svg|ico|woff2?|webp|avif|jpg)\b"), r".HASH.\1"),
    (re.compile(r'(csrfmiddlewaretoken" value=")[^"]+'), r"\1TOKEN"),
    # An ETag hashes the host with its port, which is new at every run.
    (re.compile(r'^(W/)?"[0-9a-f]{16,}"$'), r'\1"ETAG"'),
    # whitenoise's ETag of a static file: its time and size.
    (re.compile(r'^"[0-9a-f]+-[0-9a-f]+"$'), '"ETAG"'),
    # HTTP dates (Last-Modified, feeds' RFC 2822 dates), before the dates of pages.
    (
        re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})"),
        "DATE",
    ),
    # ISO 8601 date-times and dates, with or without a zone.
    (
        re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"),
        "DATETIME",
    ),
    # iCalendar date-times (DTSTAMP, CREATED, LAST-MODIFIED).
    (re.compile(r"\b\d{8}T\d{6}Z?\b"), "DATETIME"),
    # Dates as the pages write them: "3 декември 2026 г." and "3 December 2026".
    (re.compile(r"\b\d{1,2} [^\W\d_]+ \d{4}( г\.)?(, \d{1,2}:\d{2}( ч\.)?)?"), "DATE"),
]


def normalise(text):
    for pattern, replacement in NORMALISE:
        text = pattern.sub(replacement, text)
    return text


class LinkParser(HTMLParser):
    """Collect the href and src attributes of a page."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, **extra_headers):
    request = urllib.request.Request(url, headers={"Accept-Language": "bg", **extra_headers})
    try:
        response = OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
        headers = {name: response.headers.get(name) for name in HEADERS}
        return response.status, {k: v for k, v in headers.items() if v is not None}, body


def internal_paths(base_url, page_url, body):
    """Return the site's own paths that a page links to (no admin, static or media files)."""
    parser = LinkParser()
    parser.feed(body.decode("utf-8", "replace"))
    paths = []
    for link in parser.links:
        absolute = urljoin(page_url, link)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != base_url:
            continue
        if parts.path.startswith(("/admin/", "/static/", "/media/")):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sitemap_paths(body):
    paths = []
    # The site's own sitemap, from a server this script started.
    root = ElementTree.fromstring(body)  # noqa: S314
    for element in root.iter():
        location = element.text if element.tag == f"{SITEMAP}loc" else element.get("href")
        if location and element.tag in (f"{SITEMAP}loc", "{http://www.w3.org/1999/xhtml}link"):
            parts = urlsplit(location)
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def crawl(base_url):
    """Return {path: {status, headers, body}} for every address reached."""
    queue = list(EXTRA_PATHS)
    seen, responses = set(), {}
    while queue and len(responses) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = fetch(base_url + path)
        content_type = headers.get("Content-Type", "")
        # The sitemap index, and the sitemaps it names (/sitemap-events-en.xml?p=2 ...).
        if re.fullmatch(r"/sitemap(-[\w-]+)?\.xml(\?p=\d+)?", path) and status == 200:
            queue.extend(sitemap_paths(body))
        if "html" in content_type:
            queue.extend(internal_paths(base_url, base_url + path, body))
        if "Location" in headers:
            location = urlsplit(urljoin(base_url + path, headers["Location"]))
            if location.netloc == urlsplit(base_url).netloc:
                queue.append(location.path)
        responses[path] = record(status, headers, body)
        if status == 200:
            responses.update(repeated(base_url, path, headers))
    return responses


def record(status, headers, body):
    return {
        "status": status,
        "headers": {name: normalise(value) for name, value in headers.items()},
        "body": normalise(body.decode("utf-8", "replace")),
    }


def repeated(base_url, path, first_headers):
    """Return the same address asked for again: from the page cache where it is cached, by
    ETag and by date (304 or not), and, for an address without a language, in English."""
    asked = {"again": {}}
    if "ETag" in first_headers:
        asked["If-None-Match"] = {"If-None-Match": first_headers["ETag"]}
    if "Last-Modified" in first_headers:
        asked["If-Modified-Since"] = {"If-Modified-Since": first_headers["Last-Modified"]}
    if not path.startswith(("/bg/", "/en/")):
        asked["Accept-Language: en"] = {"Accept-Language": "en"}
    return {
        f"{path} [{name}]": record(*fetch(base_url + path, **headers))
        for name, headers in asked.items()
    }


def snapshot():
    with running_site() as base_url:
        return crawl(base_url)


def same_document(old, new):
    """Return True if two HTML pages are the same document, whitespace between tags aside.

    Django's own HTML comparison (assertHTMLEqual): a template that loops where another
    repeated itself leaves other blank lines between elements, which no browser shows.
    """
    if "html" not in old["headers"].get("Content-Type", ""):
        return False

    def meaning(response):  # the length follows the white space
        headers = {k: v for k, v in response["headers"].items() if k != "Content-Length"}
        return response["status"], headers

    if meaning(old) != meaning(new):
        return False
    return parse_html(old["body"]) == parse_html(new["body"])


def compare(before, after):
    """Print the differences; return how many addresses differ."""
    differing = 0
    whitespace_only = []
    for path in sorted(set(before) | set(after)):
        if path not in after:
            print(f"MISSING NOW  {path}")
            differing += 1
            continue
        if path not in before:
            print(f"NEW          {path}")
            differing += 1
            continue
        old, new = before[path], after[path]
        if old == new:
            continue
        if same_document(old, new):
            whitespace_only.append(path)
            continue
        differing += 1
        print(f"DIFFERS      {path}")
        if old["status"] != new["status"]:
            print(f"  status {old['status']} -> {new['status']}")
        if old["headers"] != new["headers"]:
            print(f"  headers {old['headers']} -> {new['headers']}")
        if old["body"] != new["body"]:
            diff = difflib.unified_diff(
                old["body"].splitlines(), new["body"].splitlines(), "before", "after", lineterm=""
            )
            for line in list(diff)[:40]:
                print("  " + line[:300])
    if whitespace_only:
        print(
            f"{len(whitespace_only)} HTML pages differ only in white space between elements "
            "(the same document): " + ", ".join(whitespace_only)
        )
    return differing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path)
    arguments = parser.parse_args()
    stored = arguments.folder / "responses.json"
    current = snapshot()
    statuses = {}
    for response in current.values():
        statuses[response["status"]] = statuses.get(response["status"], 0) + 1
    summary = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))
    print(f"{len(current)} addresses answered: {summary}")
    if arguments.action == "save":
        arguments.folder.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(current, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"Saved to {stored}")
        return 0
    before = json.loads(stored.read_text(encoding="utf-8"))
    differing = compare(before, current)
    same = sum(1 for path in before if current.get(path) == before[path])
    print(
        f"{same} of {len(before)} saved addresses answer byte for byte the same; "
        f"{differing} differ otherwise."
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
