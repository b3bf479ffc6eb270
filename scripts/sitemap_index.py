"""Read the site's /sitemap.xml as a crawler does: the index, then every sitemap it names.

Shared by scripts/lighthouse.py (over HTTP) and tests/sitemaps.py (Django's test client):
each passes its own `get(address)`, which returns the XML of a path or of a <loc> address.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def path_of(address):
    """Return the path and query of *address*: /sitemap-events-en.xml?p=2."""
    parts = urlsplit(address)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemaps(get, index="/sitemap.xml"):
    """Return {path: <urlset> element} of every sitemap the index at *index* names, in order."""
    root = _parse(get(index), f"{SITEMAP}sitemapindex", index)
    found = {}
    for location in root.iter(f"{SITEMAP}loc"):
        path = path_of(location.text)
        if path in found:
            raise ValueError(f"{path} is named twice in {index}")
        found[path] = _parse(get(location.text), f"{SITEMAP}urlset", path)
    return found


def page_addresses(get, index="/sitemap.xml"):
    """Return the <loc> address of every page in every sitemap the index names."""
    return [
        location.text
        for urlset in sitemaps(get, index).values()
        for location in urlset.iterfind(f"{SITEMAP}url/{SITEMAP}loc")
    ]


def _parse(content, tag, where):
    root = ET.fromstring(content)  # noqa: S314 - the site's own output
    if root.tag != tag:
        raise ValueError(f"{where} is a {root.tag}, not a {tag}")
    return root
