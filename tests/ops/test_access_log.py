"""The request log of the production server: one line a request, written in batches."""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from stara_zagora import access_log
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


@pytest.mark.parametrize("field", ["HTTP_USER_AGENT", "HTTP_REFERER", "RAW_URI"])
def test_a_line_break_or_terminal_control_a_client_sent_stays_in_its_one_line(tmp_path, field):
    log_file = tmp_path / "access.log"
    log = logger(log_file)
    # "\x85" (next line, a C1 control: gunicorn lets bytes 0x80-0xff through in a
    # header's value) ends a line for str.splitlines(); "\x9b" and "\x1b" start a
    # terminal's control sequence.
    sent = "/a\x85b\x9b2Jc\nd\re\x1b[31mf"
    log.access(response(), None, request(**{field: sent}), timedelta(0))
    log.flush_access_log()
    written = log_file.read_text()
    assert len(written.splitlines()) == 1 and written.endswith("\n")
    assert "/a\\x85b\\x9b2Jc\\x0ad\\x0de\\x1b[31mf" in written
    assert not any(0x80 <= ord(char) <= 0x9F for char in written)


def test_two_threads_first_requests_in_a_new_worker_both_keep_their_lines(tmp_path, monkeypatch):
    # A gthread worker's first two requests at once: the second thread asks for the
    # worker's process while the first sets its buffer up, and neither line is lost.
    log_file = tmp_path / "access.log"
    log = logger(log_file)
    second = []

    def getpid():
        if not second:  # The first thread's first look: the second thread comes now.
            second.append(
                threading.Thread(
                    target=log.access,
                    args=(response(), None, request(RAW_URI="/second"), timedelta(0)),
                )
            )
            second[0].start()
            second[0].join(timeout=1)  # Under the lock, it waits for the first one.
        return 4242

    monkeypatch.setattr(access_log, "os", SimpleNamespace(getpid=getpid))
    log.access(response(), None, request(RAW_URI="/first"), timedelta(0))
    second[0].join(timeout=10)
    log.flush_access_log()
    written = log_file.read_text()
    assert "GET /first " in written and "GET /second " in written


@pytest.fixture
def restored_logging():
    """Gives back the loggers a logging configuration or a syslog handler changed."""
    loggers = [logging.getLogger(name) for name in ("", "gunicorn.access", "gunicorn.error")]
    kept = [(each, each.handlers[:], each.level, each.propagate) for each in loggers]
    yield
    for each, handlers, level, propagate in kept:
        for handler in each.handlers:
            if handler not in handlers:
                handler.close()
        each.handlers[:] = handlers
        each.setLevel(level)
        each.propagate = propagate


def test_another_log_format_is_gunicorns_own_line_written_at_once(tmp_path):
    log_file = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_file))
    config.set("access_log_format", '%(h)s %(m)s %(s)s "%({x-forwarded-for}i)s"')
    log = BufferedAccessLogger(config)
    log.access(response(), {"X-Forwarded-For": "203.0.113.9"}, request(), timedelta(0))
    assert log_file.read_text() == '127.0.0.1 GET 200 "203.0.113.9"\n'


def test_with_syslog_the_line_goes_to_syslog_as_gunicorn_sends_it(tmp_path, restored_logging):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as syslog:
        syslog.bind(("127.0.0.1", 0))
        syslog.settimeout(10)
        config = Config()
        config.set("accesslog", str(tmp_path / "access.log"))
        config.set("syslog", True)
        config.set("syslog_addr", f"udp://127.0.0.1:{syslog.getsockname()[1]}")
        log = BufferedAccessLogger(config)
        log.access(response(), [], request(), timedelta(0))
        message = syslog.recv(4096).decode()
    assert '"GET /en/international-activity/?page=2 HTTP/1.1" 200 1234' in message
    assert "GET /en/international-activity/" in (tmp_path / "access.log").read_text()


def test_with_a_logging_configuration_the_line_goes_where_it_says(tmp_path, restored_logging):
    configured_file = tmp_path / "configured.log"
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set(
        "logconfig_dict",
        {
            "root": {},
            "loggers": {"gunicorn.access": {"level": "INFO", "handlers": ["file"]}},
            "handlers": {
                "file": {"class": "logging.FileHandler", "filename": str(configured_file)}
            },
        },
    )
    log = BufferedAccessLogger(config)
    log.access(response(), [], request(), timedelta(0))
    assert '"GET /en/international-activity/?page=2 HTTP/1.1" 200' in configured_file.read_text()


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
