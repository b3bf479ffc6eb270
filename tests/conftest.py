"""Shared fixtures: the seed content, a logged-in administrator, isolated media and cache."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests.factories import SuperuserFactory
from tests.links.servers import local_site, local_tls_site, only_local_requests  # noqa: F401


def pytest_configure(config):
    # whitenoise looks for STATIC_ROOT, which only exists after collectstatic; the tests
    # serve static files from the finders instead.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Keep uploads and renditions made by a test out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with no cached page or content version from an earlier test."""
    cache.clear()
    yield
    cache.clear()


def load_seed():
    """Run the seed loader quietly; return what it printed."""
    output = io.StringIO()
    call_command("load_seed_content", stdout=output, stderr=output)
    return output.getvalue()


@pytest.fixture
def seed(db):
    """The section's initial content, as `make run` loads it."""
    load_seed()


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    """The seed content, loaded once for a whole module of tests that use ``db``.

    Each test runs in a savepoint inside this module's transaction (as with Django's
    setUpTestData), so what a test changes is undone before the next one.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_seed()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def staff_client(client, superuser):
    """A client logged in as a superuser (force_login: django-axes breaks login())."""
    client.force_login(superuser)
    return client
