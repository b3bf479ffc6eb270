"""Every public page is valid HTML, and the style sheet valid CSS, by the Nu Html Checker.

The checker (npm vnu-jar, run by Debian's Java) reads every page of both languages,
the not-found page, the feedback and partnership forms with their error messages and
their confirmations,
in one run. Outside CI the test is skipped when Java or node_modules is missing; in CI
(CI=true) it fails instead.
"""

import datetime
import json
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import translation
from django.utils.safestring import mark_safe

from international.models import (
    Call,
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    TwinCity,
    Visit,
)
from international.templatetags.international import headings_from
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    SectionPageFactory,
    SiteContactFactory,
    visit_with_a_photo,
)
from tests.pages import parse
from tests.site_pages import (
    FEEDBACK,
    NOT_FOUND,
    PARTNERSHIP,
    VNU,
    add_test_calls,
    fill_every_contact,
    public_pages,
    require_java,
    require_node_tool,
)

# The checker judges what the templates produce, whatever the database engine.
pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]

LANGUAGES = ["bg", "en"]
# Deep recursion in the HTML schema needs a big stack; C1 compilation halves the start-up.
JAVA_OPTIONS = ["-Xss16m", "-XX:TieredStopAtLevel=1"]
# Properties the checker's CSS validator does not know yet, though browsers and the
# specifications do (SVG 2, CSS Fill and Stroke): an error about them is the checker's gap.
UNKNOWN_TO_THE_CHECKER = ("vector-effect", "paint-order")


def is_error(message):
    if message["type"] not in ("error", "non-document-error"):
        return False
    return not any(
        f"Property “{name}” doesn't exist" in message["message"] for name in UNKNOWN_TO_THE_CHECKER
    )


def rendered_pages(client, language):
    """Return {name: HTML} of every public page in *language*, in each state a reader meets."""
    pages = {path: client.get(path).content for path in public_pages(client, language)}
    pages[NOT_FOUND[language]] = client.get(NOT_FOUND[language]).content
    invalid = client.post(FEEDBACK[language], {"message": "", "email": "not an address"})
    assert invalid.status_code == 200
    pages[f"{FEEDBACK[language]} with errors"] = invalid.content
    sent = client.post(
        FEEDBACK[language], {"kind": "content", "message": "The map has no text."}, follow=True
    )
    assert sent.redirect_chain, "the feedback form did not redirect after a valid message"
    pages[f"{FEEDBACK[language]} thank-you"] = sent.content
    invalid = client.post(PARTNERSHIP[language], {"email": "not an address", "phone": "x"})
    assert invalid.status_code == 200
    pages[f"{PARTNERSHIP[language]} with errors"] = invalid.content
    request = {
        "subject": "visit", "organisation": "Test", "country": "DE", "contact_name": "Test",
        "email": "test@example.org", "message": "A visit in May.",
    }  # fmt: skip
    sent = client.post(PARTNERSHIP[language], request, follow=True)
    assert sent.redirect_chain, "the partnership form did not redirect after a valid request"
    pages[f"{PARTNERSHIP[language]} thank-you"] = sent.content
    return pages


def check(files):
    """Run the Nu Html Checker once over *files*; return its messages."""
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--stdout",
         "--also-check-css", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.stdout, result.stderr
    return json.loads(result.stdout)["messages"]


def readable(messages, names):
    lines = []
    for message in messages:
        where = names.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        lines.append(
            f"{where}, line {message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '').strip()}"
        )
    return "\n".join(lines)


@pytest.fixture
def pages(seed):
    # A document on a project's and a programme's page, in another language than one page's.
    project = Participation.objects.published().first()
    DocumentFactory(participation=project, language="en", date=datetime.date(2015, 3, 12))
    DocumentFactory(programme=project.programme, participation=None, title_en="")
    fill_every_contact()
    visit_with_a_photo()  # The seed has no visits: one, with its gallery.
    add_test_calls()
    client = Client()
    return {
        f"{language}: {name}": html
        for language in LANGUAGES
        for name, html in rendered_pages(client, language).items()
    }


def test_every_public_page_and_the_style_sheet_are_valid(pages, tmp_path):
    require_java()
    require_node_tool(VNU)
    names = {}
    files = []
    for number, (name, html) in enumerate(sorted(pages.items())):
        file = tmp_path / f"page-{number:03d}.html"
        file.write_bytes(html)
        names[str(file)] = name
        files.append(file)
    style_sheet = tmp_path / "site.css"
    style_sheet.write_bytes(Path(finders.find("css/site.css")).read_bytes())
    names[str(style_sheet)] = "css/site.css"

    messages = check([*files, style_sheet])

    errors = [message for message in messages if is_error(message)]
    assert errors == [], f"{len(errors)} HTML/CSS error(s):\n" + readable(errors, names)
    # Both languages' section pages, record pages, statement and form were all checked.
    assert len(pages) >= 2 * 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checked_pages_include_every_record_page_the_statement_and_the_form(pages, language):
    expected = {f"{language}: {path}" for path in ("/", NOT_FOUND[language], FEEDBACK[language])}
    expected.discard(f"{language}: /")
    with translation.override(language):
        for model in (
            Organization,
            Event,
            Programme,
            Participation,
            TwinCity,
            Call,
            InfoPage,
            Visit,
        ):
            expected.update(
                f"{language}: {record.get_absolute_url()}" for record in model.objects.all()
            )
    expected.add(f"{language}: {FEEDBACK[language]} with errors")
    expected.add(f"{language}: {FEEDBACK[language]} thank-you")

    assert expected - set(pages) == set()


def heading_levels(root):
    return [int(element.tag[1]) for element in root.find("main").iter() if element.tag in HEADINGS]


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_headings_in_a_record_follow_the_pages_headings_without_a_skip(client, language):
    organization = OrganizationFactory(
        description_bg="<h3>История</h3><p>Текст.</p><h4>Подробности</h4><p>Още.</p>",
        description_en="<h3>History</h3><p>Text.</p><h4>Details</h4><p>More.</p>",
        highlights_bg="<h3>През 2009</h3><p>Модератор.</p>",
        highlights_en="<h3>In 2009</h3><p>Moderator.</p>",
    )
    SectionPageFactory()
    SiteContactFactory()
    with translation.override(language):
        path = organization.get_absolute_url()

    levels = heading_levels(parse(client.get(path)))

    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels)), levels
    assert 2 in levels and 3 in levels


def test_headings_from_moves_the_highest_heading_to_the_level_asked():
    html = mark_safe("<h3>A</h3><p>x</p><h4 class='y'>B</h4><h3>C</h3>")

    assert headings_from(html, 2) == "<h2>A</h2><p>x</p><h3 class='y'>B</h3><h2>C</h2>"
    assert headings_from(mark_safe("<p>No heading</p>"), 2) == "<p>No heading</p>"
    # Text not made safe by richtext() is not HTML: it is escaped, never promoted.
    assert headings_from("<h3>x</h3>", 2) == "&lt;h3&gt;x&lt;/h3&gt;"
