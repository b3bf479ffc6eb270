"""gunicorn's request log, one line a request, written in batches rather than line by line.

gunicorn's own access log builds a dictionary of every request header, response header
and WSGI variable for each request, formats it and writes and flushes the line at once:
one system call per request on the worker's critical path. This logger writes the same
line (gunicorn's default, Apache's "combined" format) into a buffer, and the buffer to
the log at most a second later, by the next request or by a thread when the site is
quiet, and when the worker stops (stara_zagora/gunicorn.py, worker_exit).
Load it with ``--config python:stara_zagora.gunicorn``; the log goes where
``--access-logfile`` says (``-``: standard output). With another ``--access-logformat``,
with ``--log-syslog`` (the access log sent there too) or with a logging configuration
(``--log-config``, ``--log-config-json``, ``logconfig_dict``), it is gunicorn's own
access log, line by line, that writes where and how those say.
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
# request cannot forge or break a line of the log. The C1 controls (0x80-0x9f) too: the
# server hands header bytes over as Latin-1 characters, gunicorn lets those bytes through
# in a header's value, and "\x85" (next line) ends a line for str.splitlines() while
# "\x9b" starts a terminal's control sequence.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(32), *range(127, 160))}
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
        # Only gunicorn's default line to its own handler (a file or standard output) is
        # buffered here; anything else configured goes through gunicorn's access log.
        self._buffered = (
            bool(cfg.accesslog)
            and cfg.access_log_format == cfg.settings["access_log_format"].default
            and not (cfg.syslog and not cfg.disable_redirect_access_to_syslog)
            and not (cfg.logconfig or cfg.logconfig_dict or cfg.logconfig_json)
        )

    def access(self, resp, req, environ, request_time):
        if not self._buffered:  # No --access-logfile, or one gunicorn itself must write.
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
        with self._lock:
            # Under the lock: in a threaded worker, another thread's line appended while
            # a new process's buffer is reset would be lost.
            if self._owner != os.getpid():
                self._start_flusher()
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
        """In the worker's process, once (under the lock): a fresh buffer, and a thread
        that writes a quiet site's last lines."""
        self._owner = os.getpid()
        self._lines = []
        atexit.register(self.flush_access_log)
        threading.Thread(target=self._flush_every_interval, daemon=True).start()

    def _flush_every_interval(self):
        while True:
            time.sleep(FLUSH_INTERVAL)
            if self._lines:
                self.flush_access_log()
