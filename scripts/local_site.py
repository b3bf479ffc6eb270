"""Run the site as in production on 127.0.0.1, from a fresh temporary database with the seed.

Used by scripts/screenshots.py and scripts/page_weight.py: gunicorn with DEBUG off,
whitenoise serving the collected (hashed, compressed) static files, SQLite in a
temporary folder. Nothing of the developer's own database or .env is touched.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(folder):
    """Return an environment for a production-mode site living in *folder*."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="stara_zagora.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1:8000",  # The port gunicorn gets: running_site().
        SQLITE_PATH=str(folder / "db.sqlite3"),
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
    )
    return environment


def manage(environment, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=BASE_DIR, env=environment, check=True)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


@contextlib.contextmanager
def running_site():
    """Yield the base address of the site, seeded and served by gunicorn, then stop it."""
    with tempfile.TemporaryDirectory(prefix="stara-zagora-site-") as folder:
        environment = site_environment(Path(folder))
        manage(environment, "migrate", "--noinput", "-v0")
        manage(environment, "load_seed_content", "-v0")
        manage(environment, "collectstatic", "--noinput", "-v0")
        port = free_port()
        environment["SITE_URL"] = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "stara_zagora.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--no-control-socket", "--log-level", "warning",
             "--error-logfile", "-"],
            cwd=BASE_DIR,
            env=environment,
        )  # fmt: skip
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base_url}/healthz")
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=10)
