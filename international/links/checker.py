"""Ask each address once, politely, and say what answered: works, moved, broken or an error.

HEAD first (no page is downloaded), GET when a site refuses HEAD. Redirects are followed
and counted. Requests to one host wait LINK_CHECK_HOST_INTERVAL seconds between them;
LINK_CHECK_CONCURRENCY hosts are asked at once.
"""

import socket
import ssl
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

from ..models import LinkCheck

Status = LinkCheck.Status

#: The answers of sites that do not take HEAD requests, or refuse them only.
HEAD_REFUSED = {403, 405, 501}
PERMANENT_REDIRECTS = {301, 308}
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Result:
    """What one address answered."""

    status: str
    status_code: int | None = None
    final_url: str = ""
    redirect_count: int = 0
    permanent_redirect: bool = False
    message: str = ""


def user_agent():
    """Return the User-Agent the check sends: who asks, and where to read about it."""
    return f"StaraZagoraMunicipality-LinkCheck/1.0 (+{settings.SITE_URL})"


def _caused_by(error, kinds):
    """Return True if *error* or an error that led to it is one of *kinds*."""
    seen = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kinds):
            return True
        stack.extend([current.__cause__, current.__context__, *getattr(current, "args", ())])
        stack.append(getattr(current, "reason", None))
    return False


def classify_error(error):
    """Return the Result for a request that got no HTTP answer."""
    from urllib3.exceptions import NameResolutionError

    message = str(error)[:500]
    if isinstance(error, requests.exceptions.SSLError) or _caused_by(error, ssl.SSLError):
        return Result(Status.TLS_ERROR, message=message)
    if isinstance(error, requests.exceptions.Timeout):
        return Result(Status.TIMEOUT, message=message)
    if _caused_by(error, (NameResolutionError, socket.gaierror)):
        return Result(Status.DNS_ERROR, message=message)
    if isinstance(error, requests.exceptions.TooManyRedirects):
        return Result(Status.BROKEN, message=message)
    if isinstance(error, requests.exceptions.ConnectionError):
        return Result(Status.CONNECTION_ERROR, message=message)
    return Result(Status.BROKEN, message=message)


def classify_response(url, response):
    """Return the Result for the final *response* to *url*, after its redirects."""
    hops = response.history
    code = response.status_code
    moved = bool(hops) and response.url != url
    result = {
        "status_code": code,
        "final_url": response.url if moved else "",
        "redirect_count": len(hops),
        "permanent_redirect": moved and all(hop.status_code in PERMANENT_REDIRECTS for hop in hops),
    }
    if code >= 400:
        return Result(Status.BROKEN, message=response.reason or "", **result)
    return Result(Status.REDIRECTED if moved else Status.OK, **result)


class Checker:
    """Check addresses with one HTTP session per worker, waiting between calls to a host."""

    def __init__(self, timeout=None, host_interval=None, concurrency=None):
        self.timeout = settings.LINK_CHECK_TIMEOUT if timeout is None else timeout
        self.host_interval = (
            settings.LINK_CHECK_HOST_INTERVAL if host_interval is None else host_interval
        )
        self.concurrency = max(1, concurrency or settings.LINK_CHECK_CONCURRENCY)

    def session(self):
        session = requests.Session()
        session.headers["User-Agent"] = user_agent()
        session.max_redirects = MAX_REDIRECTS
        return session

    def check_many(self, urls):
        """Return {url: Result} for every address in *urls*, each asked once."""
        by_host = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[(urlsplit(url).hostname or "").lower()].append(url)
        results = {}
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for host_results in pool.map(self._check_host, by_host.values()):
                results.update(host_results)
        return results

    def _check_host(self, urls):
        results = {}
        with self.session() as session:
            last = None
            for url in urls:
                results[url], last = self._check(session, url, last)
        return results

    def _wait(self, last):
        if last is not None:
            time.sleep(max(0.0, self.host_interval - (time.monotonic() - last)))

    def _check(self, session, url, last):
        """Return the Result for *url* and when the host was last asked."""
        try:
            self._wait(last)
            last = time.monotonic()
            response = self._request(session, "HEAD", url)
            if response.status_code in HEAD_REFUSED:
                self._wait(last)
                last = time.monotonic()
                response = self._request(session, "GET", url)
        except requests.exceptions.RequestException as error:
            return classify_error(error), last
        return classify_response(url, response), last

    def _request(self, session, method, url):
        # stream: a GET reads the headers only; the page itself is never downloaded.
        response = session.request(
            method, url, timeout=self.timeout, allow_redirects=True, stream=True
        )
        response.close()
        return response
