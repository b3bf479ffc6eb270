"""Two app instances sharing one PostgreSQL and one Redis behave as one site.

Runs in CI's PostgreSQL and Redis pass (DATABASE_URL and REDIS_URL set, see .ci/run);
with SQLite there is nothing shared to test, so it is skipped there.
"""

import contextlib
import html.parser
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the project, above tests/<package>/
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and REDIS_URL),
    reason="needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL): CI's second pass runs it",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    """A fresh database with the seed content, and the environment both instances share."""
    import psycopg

    parsed = urllib.parse.urlsplit(DATABASE_URL)
    name = f"stara_zagora_instances_{os.getpid()}"
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {
        # Not the browser tests' permission to use the ORM beside an event loop.
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "stara_zagora.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": parsed._replace(path=f"/{name}").geturl(),
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "LOG_LEVEL": "WARNING",
    }
    password = secrets.token_urlsafe(16)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "-v0"],
        ["load_seed_content"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    create_user = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('editor', '', {password!r})"
    )
    subprocess.run(
        [*manage, "shell", "-c", create_user], cwd=ROOT, env=env, check=True, capture_output=True
    )
    yield env, password
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_instance(env):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "stara_zagora.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # Its own process group, so that killing the instance kills its workers too.
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")


def stop_instance(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class FormValues(html.parser.HTMLParser):
    """Collect the values a browser would post from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.values, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def fetch(opener, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with opener.open(url, data=body, timeout=10) as response:
        return response.status, response.read().decode(), response.geturl()


def test_an_edit_saved_through_one_instance_shows_on_the_other_at_once(shared_site):
    env, password = shared_site
    first, first_url = start_instance(env)
    second, second_url = start_instance(env)
    try:
        page = "/en/international-activity/"
        # Warm both instances' caches first, so a stale cache would show.
        for base in (first_url, second_url):
            status, body, _url = fetch(urllib.request.build_opener(), base + page)
            assert status == 200 and "Strasbourg Club" in body

        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _status, login_page, _url = fetch(opener, f"{first_url}/admin/login/")
        form = FormValues()
        form.feed(login_page)
        form.values.update(username="editor", password=password)
        status, _body, landed = fetch(opener, f"{first_url}/admin/login/?next=/admin/", form.values)
        assert status == 200 and landed == f"{first_url}/admin/", landed

        change_url = f"{first_url}/admin/international/organization/?q=Strasbourg"
        _status, listing, _url = fetch(opener, change_url)
        organization_id = re.search(r"/admin/international/organization/(\d+)/change/", listing)[1]
        url = f"{first_url}/admin/international/organization/{organization_id}/change/"
        _status, change_form, _url = fetch(opener, url)
        form = FormValues()
        form.feed(change_form)
        form.values["name_en"] = "Strasbourg Club (renamed on the first instance)"
        form.values["_save"] = "Save"
        status, body, landed = fetch(opener, url, form.values)
        assert landed.startswith(f"{first_url}/admin/international/organization/"), landed
        assert "/change/" not in landed, landed
        assert "errornote" not in body, body[body.find("errornote") - 200 :][:3000]

        for base in (second_url, first_url):
            status, body, _url = fetch(urllib.request.build_opener(), base + page)
            assert "Strasbourg Club (renamed on the first instance)" in body, base
    finally:
        for process in (first, second):
            stop_instance(process)


def test_the_other_instance_keeps_serving_when_one_is_killed_under_load(shared_site):
    env, _password = shared_site
    doomed, doomed_url = start_instance(env)
    survivor, survivor_url = start_instance(env)
    results = {"ok": 0, "errors": []}
    stop = threading.Event()

    def load():
        opener = urllib.request.build_opener()
        deadline = time.monotonic() + 20
        while not stop.is_set() and time.monotonic() < deadline:
            for path in ("/bg/mezhdunarodna-deynost/", "/en/international-activity/", "/healthz"):
                try:
                    status, _body, _url = fetch(opener, survivor_url + path)
                    if status == 200:
                        results["ok"] += 1
                    else:
                        results["errors"].append(status)
                except (urllib.error.URLError, OSError) as error:
                    results["errors"].append(repr(error))

    threads = [threading.Thread(target=load) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait()
        with pytest.raises(OSError):
            fetch(urllib.request.build_opener(), doomed_url + "/healthz")
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        for process in (doomed, survivor):
            stop_instance(process)
    assert results["errors"] == []
    assert results["ok"] > 20
