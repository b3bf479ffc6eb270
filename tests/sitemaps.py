"""Read /sitemap.xml as a crawler does: the index, then every sitemap (and page) it names."""

from urllib.parse import urlsplit

from scripts import sitemap_index
from scripts.sitemap_index import SITEMAP

__all__ = ["SITEMAP", "sitemap_urls", "sitemaps"]


def sitemaps(client, index="/sitemap.xml"):
    """Return {path: <urlset> element} of every sitemap the index at *index* names.

    Each answers 200 as XML; the index names only sitemaps on the site itself.
    """
    return sitemap_index.sitemaps(lambda address: _xml(client, address), index)


def sitemap_urls(client):
    """Return every <url> element of every sitemap /sitemap.xml names."""
    return [url for urlset in sitemaps(client).values() for url in urlset.findall(f"{SITEMAP}url")]


def _xml(client, address):
    parts = urlsplit(address)
    if parts.netloc:
        assert f"{parts.scheme}://{parts.netloc}" == "http://testserver", address
    path = sitemap_index.path_of(address)
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml"), path
    return response.content
