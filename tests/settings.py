"""Test settings: production settings with what only a test run may change."""

import os

# Tests run with DEBUG off, as production does; give them the variables it requires.
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-run")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# The address the test client asks for: absolute links name the host the tests read back.
os.environ.setdefault("SITE_URL", "http://testserver")

from stara_zagora.settings import *  # noqa: F403

# No collectstatic before tests: serve static files without the manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
