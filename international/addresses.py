"""Absolute addresses on the site, built from the one address it names itself by.

settings.SITE_URL, never the host name a request came in on: a site that answers on two
names (or behind a proxy on an internal one) gives crawlers one canonical address, feed
readers one id per entry and calendars one UID per event.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """Return the site's *path* ("/bg/...") as an absolute address; an absolute one as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def site_host():
    """Return the site's host name without a port: the authority of tag: URIs and UIDs."""
    return urlsplit(settings.SITE_URL).hostname


def site_protocol():
    return urlsplit(settings.SITE_URL).scheme


def site_domain():
    """Return the site's host with its port, if it has one: what a sitemap prefixes."""
    return urlsplit(settings.SITE_URL).netloc
