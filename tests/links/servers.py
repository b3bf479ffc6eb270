"""Web sites on 127.0.0.1 for the link check to ask: one plain, one with a self-signed
certificate. Each listens on an ephemeral port and stops when its test ends."""

import datetime
import ipaddress
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import requests

#: How long /slow takes to answer; the tests' timeout is shorter, but long enough that a
#: local answer on a loaded 2-core machine (CI runs two test processes) never misses it.
SLOW_SECONDS = 6
TEST_TIMEOUT = 2.5

#: path -> (status, Location) for both HEAD and GET.
ROUTES = {
    "/ok": (200, None),
    "/new": (200, None),
    "/old": (301, "/new"),
    "/old-for-now": (302, "/new"),
    "/missing": (404, None),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # Quiet: the test output is the tests'.
        pass

    def do_HEAD(self):
        self.server.requests.append(("HEAD", self.path, self.headers.get("User-Agent")))
        if self.path == "/no-head":
            return self._answer(405)
        self._route()

    def do_GET(self):
        self.server.requests.append(("GET", self.path, self.headers.get("User-Agent")))
        self._route()

    def _route(self):
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._answer(200)
        if self.path == "/no-head":
            return self._answer(200)
        if self.path == "/to-local":  # Sends the check on to this machine, by its address.
            return self._answer(302, f"http://127.0.0.1:{self.server.server_address[1]}/ok")
        status, location = ROUTES.get(self.path, (404, None))
        self._answer(status, location)

    def _answer(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class Server(ThreadingHTTPServer):
    daemon_threads = True  # A handler still asleep (/slow) does not hold the test's end.

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests = []

    def handle_error(self, request, client_address):
        pass  # The check hung up on /slow before it answered: expected.


def self_signed_context(tmp_path):
    """Return a server TLS context with a certificate for 127.0.0.1 no one vouches for."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def stop(server):
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_site():
    """A plain http:// site on 127.0.0.1; local_site.url("/ok") is one of its addresses."""
    server = serve(Server())
    server.url = lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"
    yield server
    stop(server)


@pytest.fixture
def local_tls_site(tmp_path):
    """An https:// site on 127.0.0.1 whose certificate no authority signed."""
    server = Server()
    context = self_signed_context(tmp_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    serve(server)
    server.url = lambda path: f"https://127.0.0.1:{server.server_address[1]}{path}"
    yield server
    stop(server)


@pytest.fixture
def only_local_requests(monkeypatch, settings):
    """Fail a test whose link check would ask anything but 127.0.0.1; short timeouts."""
    settings.LINK_CHECK_TIMEOUT = TEST_TIMEOUT
    settings.LINK_CHECK_ALLOW_PRIVATE = True  # The sites are on 127.0.0.1.
    settings.LINK_CHECK_HOST_INTERVAL = 0
    asked = []
    send = requests.adapters.HTTPAdapter.send

    def local_send(adapter, request, *args, **kwargs):
        host = urlsplit(request.url).hostname
        assert host == "127.0.0.1", f"the test asked {request.url}"
        asked.append((request.method, request.url))
        return send(adapter, request, *args, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", local_send)
    return asked
