"""gunicorn's request log, one line a request, written in batches rather than line by line.

gunicorn's own access log builds a dictionary of every request header, response header
and WSGI variable for each request, formats it and writes and flushes the line at once:
one system call per request on the worker's critical path. This logger writes the same
line (gunicorn's default, Apache's "combined" format) into a buffer, and the buffer to
the log at most a second later, by the next request or by a thread when the site is
quiet, and when the worker stops (stara_zagora/gunicorn.py, worker_exit).
Load it with ``--config python:stara_zagora.gunicorn``; the log goes where
``--access-logfile`` says (``-``: standard output).
"""

import atexit
import os
import threading
import time

from gunicorn.glogging import Logger

#: The longest a request's line waits in the buffer, in seconds.
FLUSH_INTERVAL = 1.0
#: A buffer this long is written at once, however young.
MOST_LINES = 512

# Control characters, quotes and backslashes a client sent are written escaped, so a
# request cannot forge or break a line of the log.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(32), 127)}
_ESCAPES[ord('"')] = '\\"'
_ESCAPES[ord("\\")] = "\\\\"


def escaped(text):
    return text.translate(_ESCAPES)


class BufferedAccessLogger(Logger):
    """gunicorn's logger, its access log buffered (see the module's docstring)."""

    def setup(self, cfg):
        super().setup(cfg)
        self._lines = []
        self._lock = threading.Lock()
        self._owner = None  # The process whose buffer this is (the logger is forked).
        self._written_at = time.monotonic()

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:  # As gunicorn: no --access-logfile, no access log.
            return super().access(resp, req, environ, request_time)
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        sent = getattr(resp, "sent", None)
        request_line = escaped(
            f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}"
        )
        line = (
            f'{environ.get("REMOTE_ADDR", "-")} - - {self.now()} "{request_line}" {status} '
            f'{sent if sent is not None else "-"} "{escaped(environ.get("HTTP_REFERER", "-"))}" '
            f'"{escaped(environ.get("HTTP_USER_AGENT", "-"))}"\n'
        )
        self._start_flusher()
        with self._lock:
            self._lines.append(line)
            due = len(self._lines) >= MOST_LINES
        if due or time.monotonic() - self._written_at >= FLUSH_INTERVAL:
            self.flush_access_log()

    def flush_access_log(self):
        """Write every buffered line to the access log, in one write."""
        with self._lock:
            lines, self._lines = self._lines, []
            self._written_at = time.monotonic()
        if not lines:
            return
        handler = self._get_gunicorn_handler(self.access_log)
        if handler is None:
            return
        try:
            handler.acquire()
            try:
                handler.stream.write("".join(lines))
                handler.stream.flush()
            finally:
                handler.release()
        except (OSError, ValueError):  # The log closed under us: nothing to write to.
            pass

    def _start_flusher(self):
        """In the worker's process, once: a thread that writes a quiet site's last lines."""
        if self._owner == os.getpid():
            return
        self._owner = os.getpid()
        self._lines = []
        atexit.register(self.flush_access_log)
        threading.Thread(target=self._flush_every_interval, daemon=True).start()

    def _flush_every_interval(self):
        while True:
            time.sleep(FLUSH_INTERVAL)
            if self._lines:
                self.flush_access_log()
