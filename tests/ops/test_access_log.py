"""The request log of the production server: one line a request, written in batches."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from stara_zagora import gunicorn as gunicorn_config
from stara_zagora.access_log import BufferedAccessLogger

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]


def logger(path):
    config = Config()
    config.set("accesslog", str(path))
    return BufferedAccessLogger(config)


def request(**environ):
    return {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/international-activity/?page=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "Browser/1.0",
        **environ,
    }


def response():
    return SimpleNamespace(status="200 OK", sent=1234, headers=[])


def test_a_request_is_one_line_in_gunicorns_combined_format_written_when_the_worker_stops(
    tmp_path,
):
    log_file = tmp_path / "access.log"
    log = logger(log_file)
    log.access(response(), None, request(), timedelta(milliseconds=5))
    assert log_file.read_text() == ""  # In the buffer: no write for each request.
    gunicorn_config.worker_exit(None, SimpleNamespace(log=log))
    [line] = log_file.read_text().splitlines()
    assert line.startswith("127.0.0.1 - - [")
    assert line.endswith(
        '] "GET /en/international-activity/?page=2 HTTP/1.1" 200 1234 "-" "Browser/1.0"'
    )


def test_what_a_client_sends_cannot_break_or_forge_a_line(tmp_path):
    log_file = tmp_path / "access.log"
    log = logger(log_file)
    agent = 'x"\n127.0.0.1 - - [forged] "GET / HTTP/1.1" 200 1 "-" "y'
    log.access(response(), None, request(HTTP_USER_AGENT=agent), timedelta(0))
    log.flush_access_log()
    [line] = log_file.read_text().splitlines()
    assert '\\"\\x0a127.0.0.1' in line


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(log_file):
    """Run gunicorn with the project's configuration on 127.0.0.1, stopped at the end."""
    port = free_port()
    process = subprocess.Popen(
        [
            Path(sys.executable).with_name("gunicorn"),
            "tests.ops.hello_wsgi",
            "--config",
            "python:stara_zagora.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log_file),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def get(url):
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def lines_for(log_file, path, wait=10):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = [line for line in log_file.read_text().splitlines() if f"GET {path} " in line]
        if found:
            return found
        time.sleep(0.1)
    return []


def test_a_quiet_server_writes_a_requests_line_soon_and_a_stopping_one_writes_the_rest(tmp_path):
    log_file = tmp_path / "access.log"
    with server(log_file) as (base, process):
        assert get(base + "/first") == b"hello"
        # Nothing else comes: the line is written by the worker's flushing thread.
        assert len(lines_for(log_file, "/first")) == 1
        get(base + "/last")
        os.killpg(process.pid, signal.SIGTERM)  # A graceful stop, as a deployment does.
        process.wait(timeout=30)
    assert len(lines_for(log_file, "/last", wait=0.1)) == 1
