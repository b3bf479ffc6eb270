"""Measure what a reader downloads for the section page: HTML, CSS and JavaScript, compressed.

Images are left out (the budget is for the page's code). Each file is fetched as a
browser asks for it (Accept-Encoding: gzip); a file the server sends uncompressed
(Django's HTML: compression is the web server's job in production) is counted as
gzip at level 6 would send it, the default of common servers.

    python scripts/page_weight.py                 # starts the site itself (make weight)
    python scripts/page_weight.py --url http://127.0.0.1:8000

Exits with status 1 if a page is over the budget.
"""

import argparse
import gzip
import sys
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

from local_site import running_site

PAGES = ["/bg/mezhdunarodna-deynost/", "/en/international-activity/"]
BUDGET = 40_000  # bytes, compressed: "under 40 KB"


class Resources(HTMLParser):
    """Collect the style sheets and scripts a page loads (not its images or icons)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        code = "stylesheet" in rel or "modulepreload" in rel
        code = code or ("preload" in rel and attributes.get("as") in ("style", "script"))
        if tag == "link" and code:
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def fetch(url):
    """Return (body as sent, compressed size, how it was counted)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        sent = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        return gzip.decompress(sent), len(sent), "gzip, as sent"
    return sent, len(gzip.compress(sent, compresslevel=6)), "gzip -6"


def measure(base_url, path):
    """Return [(url, uncompressed, compressed, how)] of the page at *path* and its files."""
    url = urljoin(base_url, path)
    html, compressed, how = fetch(url)
    rows = [(path, len(html), compressed, how)]
    parser = Resources()
    parser.feed(html.decode())
    for resource in dict.fromkeys(parser.urls):
        body, size, how = fetch(urljoin(url, resource))
        rows.append((resource, len(body), size, how))
    return rows


def report(base_url):
    over = False
    for path in PAGES:
        rows = measure(base_url, path)
        total = sum(row[2] for row in rows)
        print(f"\n{path}")
        for name, raw, compressed, how in rows:
            print(f"  {compressed / 1000:6.1f} KB  ({raw / 1000:6.1f} KB raw, {how})  {name}")
        verdict = "within" if total < BUDGET else "OVER"
        print(f"  {total / 1000:6.1f} KB  total, {verdict} the budget of {BUDGET / 1000:.0f} KB")
        over = over or total >= BUDGET
    return over


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; by default one is started")
    arguments = parser.parse_args()
    if arguments.url:
        over = report(arguments.url)
    else:
        with running_site() as base_url:
            over = report(base_url)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
