"""What operators rely on: the health check, the 500 page and the log lines."""

import json
import logging

import pytest
from django.db import connection
from django.test import Client

from international.public import views


def test_the_health_check_answers_200_when_database_and_cache_work(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_answers_503_without_details_when_the_database_fails(
    client, db, monkeypatch
):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("connection refused to the secret database host db.internal")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_the_health_check_answers_503_when_the_cache_fails(client, db, monkeypatch):
    from django.core.cache import cache

    def broken_set(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken_set)
    assert client.get("/healthz").status_code == 503


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/bg/mezhdunarodna-deynost/", "Грешка в сървъра"),
        ("/en/international-activity/", "Server error"),
    ],
)
def test_a_server_error_shows_the_translated_500_page_and_leaks_nothing(
    db, monkeypatch, path, text
):
    def explode(self, **kwargs):
        raise RuntimeError("SECRET-DETAIL: the database password is hunter2")

    monkeypatch.setattr(views.SectionView, "get_context_data", explode)
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 500
    body = response.content.decode()
    assert text in body
    assert "SECRET-DETAIL" not in body
    assert "Traceback" not in body


def test_log_lines_are_json_objects(settings):
    from pythonjsonlogger.json import JsonFormatter

    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    record = logging.LogRecord(
        "international", logging.WARNING, __file__, 1, "Saved %s", ("x",), None
    )
    line = JsonFormatter(
        **{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    ).format(record)
    parsed = json.loads(line)
    assert parsed["level"] == "WARNING"
    assert parsed["logger"] == "international"
    assert parsed["message"] == "Saved x"


# Static files as production serves them -------------------------------------------------------

SERVE_STATIC = """
import json, re
import django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
page = client.get("/bg/mezhdunarodna-deynost/").content.decode()
css = re.search(r'href="(/static/css/site\\.[0-9a-f]{12}\\.css)"', page)[1]
plain = client.get(css)
compressed = client.get(css, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({
    "css": css,
    "status": plain.status_code,
    "cache_control": plain["Cache-Control"],
    "encoding": compressed.get("Content-Encoding"),
    "plain_size": len(b"".join(plain.streaming_content)),
    "compressed_size": len(b"".join(compressed.streaming_content)),
}))
"""


# Its own process with settings of its own (SQLite, the memory cache).
@pytest.mark.engine_independent
def test_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    import subprocess
    import sys

    from tests.test_project import BASE_DIR, clean_environment

    result = subprocess.run(
        [sys.executable, "-c", SERVE_STATIC],
        cwd=BASE_DIR,
        env=clean_environment(
            SECRET_KEY="k" * 50,
            ALLOWED_HOSTS="testserver",
            SITE_URL="http://testserver",
            SQLITE_PATH=str(tmp_path / "db.sqlite3"),
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(tmp_path / "media"),
            LOG_LEVEL="WARNING",
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["status"] == 200
    assert "max-age=31536000" in served["cache_control"]
    assert "immutable" in served["cache_control"]
    assert served["encoding"] == "gzip"
    assert served["compressed_size"] < served["plain_size"] / 2
