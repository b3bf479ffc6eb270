"""Every public HTML page of the site, found as a reader finds them: by following links.

The accessibility and validity checks run on this list, so a page someone adds later
(a list, a map, a form) is checked as soon as a link leads to it.
"""

import contextlib
import os
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, reverse
from django.utils import translation

from tests.pages import parse

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
NOT_FOUND = {"bg": "/bg/nyama-takava-stranitsa/", "en": "/en/no-such-page/"}
FEEDBACK = {"bg": "/bg/obratna-vrazka/", "en": "/en/feedback/"}
PARTNERSHIP = {
    "bg": "/bg/mezhdunarodna-deynost/partnyorstvo/",
    "en": "/en/international-activity/partnership/",
}
#: Addresses that are not pages of the public site.
NOT_PUBLIC = ("/admin/", "/static/", "/media/")
MOST_PAGES = 400

BASE_DIR = Path(settings.BASE_DIR)
NODE_MODULES = BASE_DIR / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def in_ci():
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require(tool, present, how):
    """Skip a test whose tool is missing on a developer's machine; in CI, fail it."""
    if present:
        return
    message = f"{tool} is missing: {how}"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_java():
    require(
        "Java",
        shutil.which("java"),
        "install Debian's default-jre-headless (.ci/run does) to run the Nu Html Checker",
    )


def require_node_tool(path):
    require(path.name, path.exists(), "run `npm ci --ignore-scripts` (make test does)")


def fixed_addresses(language):
    """Return the address of every page of the section that needs no slug (lists, forms...)."""
    from international.public import urls

    paths = []
    with translation.override(language):
        for pattern in urls.urlpatterns:
            if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
                with contextlib.suppress(NoReverseMatch):
                    paths.append(reverse(f"{urls.app_name}:{pattern.name}"))
    return paths


def public_pages(client, language):
    """Return the paths of the HTML pages in *language*: the section, every page without a
    slug (lists a link leads to only once there are many records, the map, the forms) and
    every page a link on them leads to.

    Query strings are left out (a link's ?page= goes to the same page) and so are other
    languages' pages, files (feeds, exports) and the admin.
    """
    prefix = f"/{language}/"
    queue = deque(dict.fromkeys([SECTION[language], *fixed_addresses(language)]))
    seen = set(queue)
    pages = []
    while queue and len(pages) < MOST_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages.append(path)
        for link in parse(response).find_all("a", href=True):
            target = urlsplit(urldefrag(link.attrs["href"]).url)
            if target.scheme or target.netloc or not target.path.startswith(prefix):
                continue
            if target.path.startswith(NOT_PUBLIC) or target.path in seen:
                continue
            seen.add(target.path)
            queue.append(target.path)
    return pages


def fill_every_contact():
    """Give the unit's contacts and the enforcement body's every field (test values, no one's),
    so that the checks see each of them shown; the seed leaves them empty."""
    from international.models import InfoPage, SectionPage

    section = SectionPage.objects.current()
    section.phone, section.email = "(042) 000-001", "international@example.org"
    section.contact_name_bg, section.contact_name_en = "Име Фамилия", "Forename Surname"
    section.contact_position_bg, section.contact_position_en = "главен експерт", ""
    section.office_hours_bg, section.office_hours_en = "понеделник – петък", "Monday to Friday"
    section.save()
    statement = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    statement.enforcement_address_bg = "бул. „Тест“ 1"
    statement.enforcement_phone, statement.enforcement_email = "02 000 002", "e@example.org"
    statement.save()


def add_test_calls():
    """Add an open call (under a seeded programme, every field filled) and a closed one
    (in Bulgarian only but its title), so that the checks see calls' pages, their list with
    its archive, and a programme's open calls; the seed has none (test values, no one's)."""
    import datetime

    from django.utils import timezone

    from international.models import Call, Programme
    from tests.factories import CallFactory

    now = timezone.now()
    CallFactory(
        audience=Call.Audience.PROJECTS,
        programme=Programme.objects.published().first(),
        deadline=now + datetime.timedelta(days=3),
        website="https://example.org/call",
        contact_bg="Отдел „Международна дейност“, (042) 000-001",
        contact_en="International activity unit, (042) 000-001",
        email="calls@example.org",
        description_bg="<p>Описание на поканата.</p>",
        description_en="<p>About the call.</p>",
    )
    CallFactory(
        audience=Call.Audience.CITIZENS,
        funder_bg="Фонд за тест",
        deadline=now - datetime.timedelta(days=3),
        eligibility_en="",
    )
