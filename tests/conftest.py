"""Shared fixtures: the seed content, a logged-in administrator, isolated media and cache."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Start every test in the site's default language (Bulgarian).

    A request leaves its language active in the thread (LocaleMiddleware), and a
    management command or form message outside a request speaks the active one: without
    this, what a test reads would depend on which test ran before it in that process.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


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
