"""Read /sitemap.xml as a crawler does: the index, then every sitemap (and page) it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemaps(client, index="/sitemap.xml"):
    """Return {path: <urlset> element} of every sitemap the index at *index* names.

    Each answers 200 as XML; the index names only sitemaps on the site itself.
    """
    root = _xml(client, index)
    assert root.tag == f"{SITEMAP}sitemapindex"
    found = {}
    for location in root.iter(f"{SITEMAP}loc"):
        address = urlsplit(location.text)
        assert f"{address.scheme}://{address.netloc}" == "http://testserver", location.text
        path = address.path + (f"?{address.query}" if address.query else "")
        assert path not in found, f"{path} is named twice"
        found[path] = _xml(client, path)
        assert found[path].tag == f"{SITEMAP}urlset"
    return found


def sitemap_urls(client):
    """Return every <url> element of every sitemap /sitemap.xml names."""
    return [url for urlset in sitemaps(client).values() for url in urlset.findall(f"{SITEMAP}url")]


def _xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml"), path
    return ET.fromstring(response.content)  # noqa: S314 - the site's own output
