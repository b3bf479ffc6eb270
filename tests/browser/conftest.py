"""Real-browser tests of the admin: Debian's Chromium driven by Playwright's sync API.

Every page a test opens is watched for JavaScript errors, console errors and
Content-Security-Policy violations; a test fails if any occurred.
"""

import os
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# in a thread with a running loop unless told it is safe (it is: nothing else uses it).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ADMIN_USERNAME = "redaktor"
ADMIN_PASSWORD = "Stara-Zagora-2024!"
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    # In CI (CI=true) .ci/run installs Chromium: a missing browser is a failure there.
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
        for item in items:
            if "tests/browser" in str(item.path):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserProblems:
    """Everything that went wrong in the browser: errors, console errors, CSP violations."""

    def __init__(self):
        self.messages = []
        self.missing_favicons = []
        self.checked = False

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def _console(self, message):
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        if urlsplit(where).path == "/favicon.ico":
            # Chromium's own request for a page that names no icon (the admin's); its
            # 404 is checked by one test of its own, not blamed on every test.
            self.missing_favicons.append(where)
            return
        self.messages.append(f"console error on {where}: {message.text}")

    def _page_error(self, error):
        self.messages.append(f"uncaught JavaScript error: {error}")

    def csp_violations(self):
        return [text for text in self.messages if "Content Security Policy" in text]

    def assert_none(self):
        self.checked = True
        assert not self.messages, "\n".join(self.messages)


@pytest.fixture
def problems():
    return BrowserProblems()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile asking for Bulgarian, as a municipal editor's would."""
    context = browser.new_context(base_url=live_server.url, locale="bg-BG")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context, problems):
    """A tab whose problems are collected; the test fails if any occurred."""
    page = context.new_page()
    problems.watch(page)
    context.on("page", problems.watch)  # Tabs the test opens (the preview link).
    yield page
    if not problems.checked:  # The test ended before checking: check now.
        problems.assert_none()


@pytest.fixture
def editor(transactional_db):
    """A superuser with a known password, to log in through the real form."""
    return get_user_model().objects.create_superuser(
        ADMIN_USERNAME, "redaktor@starazagora.bg", ADMIN_PASSWORD
    )


@pytest.fixture
def logged_in_page(page, context, editor, client, live_server):
    """A tab with the editor's session set directly: for tests where logging in isn't the point."""
    client.force_login(editor)
    session = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": session.value, "url": live_server.url}])
    return page


@pytest.fixture
def section_groups(transactional_db):
    """The editors' and approvers' groups, with their permissions, as the migrations make them.

    They come from data migrations, and a browser test runs on a database that an earlier
    one has flushed: run the app's data steps again, in order, on the migrated models.
    """
    loader = MigrationLoader(connection)
    apps = loader.project_state().apps
    leaf = next(node for node in loader.graph.leaf_nodes() if node[0] == "international")
    for key in loader.graph.forwards_plan(leaf):
        if key[0] != "international":
            continue
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython):
                operation.code(apps, connection.schema_editor())
