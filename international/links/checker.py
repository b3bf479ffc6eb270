"""Ask each address once, politely, and say what answered: works, moved, broken or an error.

HEAD first (no page is downloaded), GET when a site refuses HEAD. Redirects are followed
one by one and counted. Requests to one host wait LINK_CHECK_HOST_INTERVAL seconds between
them; LINK_CHECK_CONCURRENCY hosts are asked at once.

Only public addresses are asked (unless LINK_CHECK_ALLOW_PRIVATE): each connection
resolves its host, refuses it if any address is not globally routable, and connects to
the address it checked, so a name cannot resolve to a public address for the check and
a private one for the connection. Every redirect's target is a new connection, checked
the same way.
"""

import ipaddress
import socket
import ssl
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as urllib3_connection

from ..models import LinkCheck

Status = LinkCheck.Status

#: The answers of sites that do not take HEAD requests, or refuse them only.
HEAD_REFUSED = {403, 405, 501}
PERMANENT_REDIRECTS = {301, 308}
MAX_REDIRECTS = 10
#: A request is not started with less time than this left of the check's budget.
MIN_REQUEST_TIMEOUT = 1.0

#: The clock of the time budget and of the waits between requests to a host.
clock = time.monotonic


class RefusedAddressError(Exception):
    """The host is, or resolves to, an address that is not on the public internet."""


class OutOfTimeError(Exception):
    """The check's time budget ran out before this address was answered."""


def is_public(address):
    """Return True if the IP *address* (text) is globally routable, its IPv4 form too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # An IPv6 zone ("fe80::1%eth0").
    if isinstance(ip, ipaddress.IPv6Address):
        for embedded in (ip.ipv4_mapped, ip.sixtofour, ip.teredo and ip.teredo[1]):
            if embedded is not None and not embedded.is_global:
                return False
    return ip.is_global and not ip.is_multicast


def resolve(host, port):
    """Return the addresses to connect to for *host*: each checked unless private ones are
    allowed. Raise RefusedAddressError if any is not public, socket.gaierror if none is known."""
    host = host.strip("[]")
    try:
        addresses = [str(ipaddress.ip_address(host))]  # An address already: nothing to look up.
    except ValueError:
        found = socket.getaddrinfo(
            host, port, urllib3_connection.allowed_gai_family(), socket.SOCK_STREAM
        )
        addresses = list(dict.fromkeys(sockaddr[0] for *_rest, sockaddr in found))
    if not settings.LINK_CHECK_ALLOW_PRIVATE:
        refused = [address for address in addresses if not is_public(address)]
        if refused or not addresses:
            raise RefusedAddressError(f"{host} is not a public address ({', '.join(refused)})")
    return addresses


def connect(address, port, timeout, source_address, socket_options):
    """Open a TCP connection to the IP *address* (no name is looked up here)."""
    return urllib3_connection.create_connection(
        (address, port), timeout, source_address=source_address, socket_options=socket_options
    )


class _GuardedConnectionMixin:
    """Resolve, check and connect to the checked address; TLS and Host keep the name."""

    def _new_conn(self):
        try:
            addresses = resolve(self._dns_host, self.port)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        last_error = None
        for address in addresses:
            try:
                return connect(
                    address, self.port, self.timeout, self.source_address, self.socket_options
                )
            except TimeoutError as error:
                last_error = ConnectTimeoutError(
                    self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
                )
                last_error.__cause__ = error
            except OSError as error:
                last_error = NewConnectionError(
                    self, f"Failed to establish a new connection: {error}"
                )
                last_error.__cause__ = error
        raise last_error


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """requests' adapter whose connections go only to the public addresses they checked."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": GuardedHTTPConnectionPool,
            "https": GuardedHTTPSConnectionPool,
        }


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
    message = str(error)[:500]
    if isinstance(error, RefusedAddressError):
        return Result(Status.REFUSED, message=message)
    if isinstance(error, requests.exceptions.SSLError) or _caused_by(error, ssl.SSLError):
        return Result(Status.TLS_ERROR, message=message)
    if isinstance(error, requests.exceptions.Timeout):
        return Result(Status.TIMEOUT, message=message)
    if _caused_by(error, (NameResolutionError, socket.gaierror)):
        return Result(Status.DNS_ERROR, message=message)
    if isinstance(error, requests.exceptions.ConnectionError):
        return Result(Status.CONNECTION_ERROR, message=message)
    return Result(Status.BROKEN, message=message)


def classify_response(url, final_url, response, hops):
    """Return the Result for the final *response* to *url*, at *final_url* after the
    redirects whose status codes are *hops*."""
    code = response.status_code
    moved = bool(hops) and final_url != url
    result = {
        "status_code": code,
        "final_url": final_url if moved else "",
        "redirect_count": len(hops),
        "permanent_redirect": moved and all(hop in PERMANENT_REDIRECTS for hop in hops),
    }
    if code >= 400:
        return Result(Status.BROKEN, message=response.reason or "", **result)
    return Result(Status.REDIRECTED if moved else Status.OK, **result)


class Checker:
    """Check addresses with one HTTP session per host, waiting between calls to a host.

    With a *budget* (seconds from now) no request is started that could end after it;
    the addresses not answered by then are left out of check_many's results.
    """

    def __init__(self, timeout=None, host_interval=None, concurrency=None, budget=None):
        self.timeout = settings.LINK_CHECK_TIMEOUT if timeout is None else timeout
        self.host_interval = (
            settings.LINK_CHECK_HOST_INTERVAL if host_interval is None else host_interval
        )
        self.concurrency = max(1, concurrency or settings.LINK_CHECK_CONCURRENCY)
        self.deadline = None if budget is None else clock() + budget

    def session(self):
        session = requests.Session()
        # No proxy from the environment: the guard must see the sites' own addresses.
        session.trust_env = False
        session.headers["User-Agent"] = user_agent()
        adapter = GuardedAdapter(max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def check_many(self, urls):
        """Return {url: Result} for every address in *urls* (in that order), each asked once."""
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
                try:
                    results[url], last = self._check(session, url, last)
                except OutOfTimeError:
                    break
        return results

    def _wait(self, last):
        if last is not None:
            time.sleep(max(0.0, self.host_interval - (clock() - last)))

    def _check(self, session, url, last):
        """Return the Result for *url* and when the host was last asked."""
        try:
            self._wait(last)
            last = clock()
            final_url, response, hops = self._follow(session, "HEAD", url)
            if response.status_code in HEAD_REFUSED:
                self._wait(last)
                last = clock()
                final_url, response, hops = self._follow(session, "GET", url)
        except (requests.exceptions.RequestException, RefusedAddressError) as error:
            return classify_error(error), last
        return classify_response(url, final_url, response, hops), last

    def _follow(self, session, method, url):
        """Ask *url*, then each redirect's target in turn (each connection is guarded).

        Return the last address, its response and the status codes of the redirects.
        """
        hops = []
        while True:
            response = self._request(session, method, url)
            target = session.get_redirect_target(response)
            if target is None:
                return url, response, hops
            if len(hops) >= MAX_REDIRECTS:
                raise requests.exceptions.TooManyRedirects(
                    f"Exceeded {MAX_REDIRECTS} redirects.", response=response
                )
            hops.append(response.status_code)
            url = urljoin(url, target)
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                raise requests.exceptions.InvalidURL(f"A redirect to {url}")

    def _request_timeout(self):
        if self.deadline is None:
            return self.timeout
        # Connecting and reading each have the timeout: half of what is left for each.
        timeout = min(self.timeout, (self.deadline - clock()) / 2)
        if timeout < min(self.timeout, MIN_REQUEST_TIMEOUT):
            raise OutOfTimeError
        return timeout

    def _request(self, session, method, url):
        timeout = self._request_timeout()
        try:
            # stream: a GET reads the headers only; the page itself is never downloaded.
            response = session.request(
                method, url, timeout=timeout, allow_redirects=False, stream=True
            )
        except requests.exceptions.Timeout:
            if timeout < self.timeout:
                raise OutOfTimeError from None  # Not the site's fault: the budget's.
            raise
        response.close()
        return response
