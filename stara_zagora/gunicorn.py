"""gunicorn's settings beyond the command line's bind address and worker count.

gunicorn stara_zagora.wsgi --config python:stara_zagora.gunicorn --bind ... --workers ...
"""

import os
import resource
import sys

# The request log (--access-logfile): one line a request, written in batches at most a
# second apart and when a worker stops (stara_zagora/access_log.py).
logger_class = "stara_zagora.access_log.BufferedAccessLogger"


# A worker that processed a large image upload can keep the memory it grew to (the C
# allocator seldom gives small blocks back to the system): once the memory it holds now
# (its resident size, not the most it ever held) is over this (in MiB; a worker starts
# at about 100), it finishes the request in hand and is replaced by a fresh process. A
# peak it gave back, as a big export's buffers, does not cost it its page cache.
# Only such a worker: replacing every worker after a number of requests made each one
# start again (import Django, fill its cache) every second or two under load.
def memory_limit_mib(raw):
    """Return the limit a WORKER_MEMORY_LIMIT_MIB value names, or stop with the reason."""
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < MINIMUM_MEMORY_LIMIT_MIB:
        raise SystemExit(
            f"Environment variable WORKER_MEMORY_LIMIT_MIB must be a whole number of MiB, "
            f"at least {MINIMUM_MEMORY_LIMIT_MIB} (a worker starts at about 100), not {raw!r}."
        )
    return value


MINIMUM_MEMORY_LIMIT_MIB = 120
WORKER_MEMORY_LIMIT_MIB = memory_limit_mib(os.environ.get("WORKER_MEMORY_LIMIT_MIB", "200"))

# A worker silent this long is killed and replaced (gunicorn's default, written down):
# "Check links now" in the admin stops at LINK_CHECK_REQUEST_BUDGET seconds, below it.
timeout = 30


def resident_memory_mib():
    """Return the memory this process holds now, in MiB.

    Linux: /proc/self/statm's second field, resident pages. Where there is no /proc, the
    most the process has held at once (ru_maxrss: KiB, bytes on macOS) stands in for it.
    """
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def post_request(worker, req, environ, resp):
    if resident_memory_mib() > WORKER_MEMORY_LIMIT_MIB:
        worker.log.info("Replacing the worker after this request: it has grown too large.")
        worker.alive = False


def worker_exit(server, worker):
    """Write the request log's last lines before the worker's process ends."""
    flush = getattr(worker.log, "flush_access_log", None)
    if flush:
        flush()
