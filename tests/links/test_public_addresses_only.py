"""The link check asks only public addresses: nothing on this machine or its network.

An editor could put http://169.254.169.254/ or http://127.0.0.1:6379/ in a draft and read
the answers (or their timeouts) in the report. Every test here makes sure no connection is
opened to such an address at all: socket connections are recorded and refused.
"""

import socket

import pytest

from international.links import checker as checker_module
from international.links.checker import Checker
from international.models import LinkCheck

# No database: the checker's address guard against fake resolvers and sockets.
pytestmark = pytest.mark.engine_independent

Status = LinkCheck.Status
PUBLIC = "93.184.215.14"  # Stands for a public site; never connected to (see below).


@pytest.fixture
def connections(monkeypatch, settings):
    """The addresses the check connected to; no real connection leaves this machine."""
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    opened = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        opened.append(address)
        if address[0] != "127.0.0.1":
            raise AssertionError(f"the test connected to {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return opened


@pytest.fixture
def resolver(monkeypatch):
    """A fake DNS: names -> addresses; any other name is unknown (no real lookup)."""
    names = {}
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":  # Where public_site's connections really go.
            return real_getaddrinfo(host, port, *args, **kwargs)
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in names[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


def check(url):
    return Checker(timeout=1, host_interval=0, concurrency=1).check_many([url])[url]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1:{port}",
        "10.0.0.1",
        "192.168.1.1:8080",
        "169.254.169.254",
        "0.0.0.0:{port}",
        "[::1]:{port}",
        "[::ffff:127.0.0.1]:{port}",
        "[::ffff:a9fe:a9fe]",  # 169.254.169.254, IPv4-mapped.
        "[fe80::1]",
        "224.0.0.1",
    ],
)
def test_an_address_that_is_not_public_is_refused_without_connecting(
    address, local_site, connections, resolver
):
    url = f"http://{address.format(port=local_site.server_address[1])}/ok"

    result = check(url)

    assert result.status == Status.REFUSED
    assert connections == []
    assert local_site.requests == []


def test_a_name_that_resolves_to_this_machine_is_refused_without_connecting(
    local_site, connections, resolver
):
    resolver["intranet.example.org"] = ["127.0.0.1"]

    result = check(f"http://intranet.example.org:{local_site.server_address[1]}/ok")

    assert result.status == Status.REFUSED
    assert connections == [] and local_site.requests == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(connections, resolver):
    resolver["mixed.example.org"] = [PUBLIC, "10.1.2.3"]

    assert check("https://mixed.example.org/").status == Status.REFUSED
    assert connections == []


@pytest.fixture
def public_site(local_site, resolver, monkeypatch):
    """links.example.org, a "public" site: its address is PUBLIC, and a connection to
    PUBLIC reaches local_site instead (so no request leaves the machine)."""
    resolver["links.example.org"] = [PUBLIC]
    pinned = []
    real_connect = checker_module.connect

    def connect(address, port, *args):
        pinned.append(address)
        assert address == PUBLIC  # The address the guard checked, not another lookup.
        return real_connect("127.0.0.1", local_site.server_address[1], *args)

    monkeypatch.setattr(checker_module, "connect", connect)
    return pinned


def test_a_public_site_that_redirects_to_this_machine_is_refused_at_the_redirect(
    local_site, connections, public_site
):
    result = check("http://links.example.org/to-local")

    assert result.status == Status.REFUSED
    assert "127.0.0.1" in result.message
    # The public site was asked; the redirect's target, on 127.0.0.1, never.
    assert [(method, path) for method, path, _agent in local_site.requests] == [
        ("HEAD", "/to-local")
    ]
    assert public_site == [PUBLIC]


def test_a_public_site_is_asked_at_the_address_checked_with_its_own_name(
    local_site, connections, public_site, monkeypatch
):
    hosts = []
    handle = local_site.RequestHandlerClass.do_HEAD

    def do_head(handler):
        hosts.append(handler.headers["Host"])
        handle(handler)

    monkeypatch.setattr(local_site.RequestHandlerClass, "do_HEAD", do_head)

    result = check("http://links.example.org/ok")

    assert result.status == Status.OK
    assert public_site == [PUBLIC]
    assert hosts == ["links.example.org"]


def test_private_addresses_pass_only_when_the_setting_allows_them(
    local_site, connections, settings
):
    url = local_site.url("/ok")
    assert check(url).status == Status.REFUSED

    settings.LINK_CHECK_ALLOW_PRIVATE = True

    assert check(url).status == Status.OK
    assert connections == [("127.0.0.1", local_site.server_address[1])]


def test_the_setting_takes_only_a_clear_boolean(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from stara_zagora.settings import env_bool

    monkeypatch.setenv("LINK_CHECK_ALLOW_PRIVATE", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("LINK_CHECK_ALLOW_PRIVATE")
    monkeypatch.delenv("LINK_CHECK_ALLOW_PRIVATE")
    assert env_bool("LINK_CHECK_ALLOW_PRIVATE") is False
