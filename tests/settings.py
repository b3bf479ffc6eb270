"""Test settings: production settings with what only a test run may change."""

import os

# Tests run with DEBUG off, as production does; give them the variables it requires.
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-run")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# The address the test client asks for: absolute links name the host the tests read back.
# Outright, not setdefault: a shell that sourced a real .env must not move the tests.
os.environ["SITE_URL"] = "http://testserver"

from stara_zagora.settings import *  # noqa: F403

# No collectstatic before tests: serve static files without the manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# pytest-xdist runs the suite in several processes sharing one Redis: each test empties
# the cache, so each worker gets a database of its own (gw0 the next after REDIS_URL's,
# gw1 the one after...), none of them the one REDIS_URL names, which the app instances
# of tests/test_two_instances.py use.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    from urllib.parse import urlsplit as _urlsplit

    _redis = _urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    _number = int(_redis.path.strip("/") or 0) + 1 + int(_worker.removeprefix("gw"))
    if _number > 15:  # Redis's default number of databases is 16.
        raise RuntimeError(f"No Redis database left for worker {_worker}: use fewer workers")
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_number}").geturl()  # noqa: F405
