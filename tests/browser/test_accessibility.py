"""The public pages as citizens meet them, in Debian's Chromium: accessible, usable by
keyboard, readable at 320 px, in dark mode, forced colours, print, and without JavaScript.

axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules and its best practices) runs on every
public page a link leads to, in both languages, at 1280 and 375 px wide; any violation
fails the test and is printed rule by rule. Outside CI the axe tests are skipped when
node_modules is missing; in CI (CI=true) they fail instead.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client, modify_settings, override_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from international.models import Feedback, Organization, PartnershipRequest
from tests.factories import uploaded_image, visit_with_a_photo
from tests.site_pages import (
    AXE,
    FEEDBACK,
    NOT_FOUND,
    PARTNERSHIP,
    SECTION,
    add_test_calls,
    fill_every_contact,
    public_pages,
    require_node_tool,
)

LANGUAGES = ["bg", "en"]
DESKTOP, MOBILE = 1280, 375
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
STRASBOURG_CLUB = {
    "bg": "/bg/mezhdunarodna-deynost/organizatsii/strasburgski-klub/",
    "en": "/en/international-activity/organisations/strasbourg-club/",
}
OTHER = {"bg": "en", "en": "bg"}

# What axe-core and Chromium find depends on the templates and styles, not on the engine.
pytestmark = pytest.mark.engine_independent


@pytest.fixture(scope="module")
def site_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _isolated_media(settings, site_media):
    """One media folder for the module (instead of one per test): the seeded logo's."""
    settings.MEDIA_ROOT = site_media


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def seeded_site(django_db_setup, django_db_blocker, site_media):
    """A live server showing the seed content, with a logo on one card so that pictures
    are checked too: loaded and committed once for the module, which only reads it.

    Returns the server and the number of rows of every table, which `site` compares
    after each test. At the end the tables are emptied, as after any test that commits.
    """
    with django_db_blocker.unblock():
        try:
            with override_settings(MEDIA_ROOT=site_media):
                call_command("load_seed_content", verbosity=0)
                club = Organization.objects.get(slug_en="strasbourg-club")
                club.image = uploaded_image("club.png", size=(320, 200))
                club.image_alt_bg = "Лого на Страсбургския клуб"
                club.image_alt_en = "Logo of the Strasbourg Club"
                club.save()
                fill_every_contact()
                visit_with_a_photo()  # The seed has no visits: one, with its gallery.
                add_test_calls()
            server = LiveServer("localhost")
            try:
                with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
                    yield server, row_counts()
            finally:
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def site(seeded_site, django_db_blocker):
    """The seeded site's live server, with the database open to the test.

    What the feedback and partnership forms stored during a test is deleted after it;
    anything else a test left behind fails it, since the next tests would not see the seed
    as it was.
    """
    server, counts = seeded_site
    with django_db_blocker.unblock():
        yield server
        Feedback.objects.all().delete()
        PartnershipRequest.objects.all().delete()
        assert row_counts() == counts, "a test changed the seeded site the module shares"


@pytest.fixture(scope="module")
def crawled():
    return {}


@pytest.fixture
def pages_of(site, crawled):
    """Return the public pages of a language, with the not-found page (found once)."""
    client = Client()

    def pages(language):
        if language not in crawled:
            crawled[language] = [*public_pages(client, language), NOT_FOUND[language]]
        return crawled[language]

    return pages


@pytest.fixture
def new_context(browser, site):
    """Open browser profiles (closed after the test) asking for the given settings."""
    contexts = []

    def new(width=DESKTOP, height=900, **options):
        context = browser.new_context(
            base_url=site.url, viewport={"width": width, "height": height}, **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()


class Watcher:
    """Console errors, uncaught errors, failed files and requests to other hosts of one tab."""

    def __init__(self, page, origin):
        self.problems = []
        self.origin = origin
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("request", self._request)
        page.on("response", self._response)

    def _console(self, message):
        # A page's own status (the not-found page's 404) is reported as a console error;
        # the files a page needs are checked by _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text}")

    def _response(self, response):
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"request to another host: {request.url}")


def axe_violations(page, run_only):
    """Run axe-core in *page*; return its violations as readable lines."""
    # evaluate() is not subject to the page's Content-Security-Policy; a <script> tag is.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only
    )
    lines = []
    for violation in result["violations"]:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return lines


def submit_feedback_states(page, language):
    """Yield the feedback form's other states as a reader meets them: errors, then thanks."""
    page.goto(FEEDBACK[language])
    page.fill("#id_email", "not an address")
    page.click("form.form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    yield f"{FEEDBACK[language]} (with errors)"
    page.check("#id_kind_1")
    page.fill("#id_message", "The page is hard to read.")
    page.fill("#id_email", "")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(".confirmation")).to_be_visible()
    yield f"{FEEDBACK[language]} (thank-you page)"


def submit_partnership_states(page, language):
    """Yield the partnership form's other states: errors, then thanks."""
    page.goto(PARTNERSHIP[language])
    page.fill("#id_phone", "not a number")
    page.click("form.form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    yield f"{PARTNERSHIP[language]} (with errors)"
    page.check("#id_subject_0")
    page.fill("#id_organisation", "Test")
    page.select_option("#id_country", "DE")
    page.fill("#id_contact_name", "Test")
    page.fill("#id_email", "test@example.org")
    page.fill("#id_phone", "")
    page.fill("#id_message", "A partnership on schools.")
    page.click("form.form button[type=submit]")
    expect(page.locator(".confirmation")).to_be_visible()
    yield f"{PARTNERSHIP[language]} (thank-you page)"


# axe-core ----------------------------------------------------------------------------------


#: Every WCAG A and AA rule and best practice, in the light scheme.
ALL_RULES = {"type": "tag", "values": AXE_TAGS}
#: In the dark scheme only colours change: the rules about colour.
COLOUR_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}


@pytest.mark.parametrize(
    ("language", "width", "scheme"),
    [
        ("bg", DESKTOP, "light"),
        ("bg", MOBILE, "light"),
        ("en", DESKTOP, "light"),
        ("en", MOBILE, "light"),
        ("bg", MOBILE, "dark"),
        ("en", DESKTOP, "dark"),
    ],
)
def test_axe_finds_no_violation_on_any_public_page(
    new_context, site, pages_of, language, width, scheme
):
    require_node_tool(AXE)
    page = new_context(width=width, color_scheme=scheme).new_page()
    watcher = Watcher(page, site.url)
    run_only = ALL_RULES if scheme == "light" else COLOUR_RULES
    report = []
    checked = 0

    def check(name):
        nonlocal checked
        checked += 1
        problems = axe_violations(page, run_only)
        if has_script(page):
            problems.append("  the page runs a script: public pages need none")
        if (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"  the page is {overflow} px wider than the window")
        if problems:
            report.append(f"{name}:\n" + "\n".join(problems))

    for path in pages_of(language):
        page.goto(path)
        check(path)
    for name in submit_feedback_states(page, language):
        check(name)
    for name in submit_partnership_states(page, language):
        check(name)

    assert report == [], (
        f"axe-core, {language}, {width} px, {scheme}: problems on {len(report)} of "
        f"{checked} pages\n" + "\n".join(report)
    )
    # Nothing from other hosts (no web fonts, scripts or trackers), no missing file.
    assert watcher.problems == []
    assert checked >= 10


def has_script(page):
    # Data for search engines (JSON-LD) is not a program, and axe is the test's own.
    return page.locator("script:not([type='application/ld+json'])").count() > 0


# Keyboard ------------------------------------------------------------------------------------


def focused(page):
    """Return what has the keyboard focus: tag, text, outline and shadow, box."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
                tag: element.tagName.toLowerCase(),
                id: element.id,
                className: typeof element.className === "string" ? element.className : "",
                text: (element.innerText || element.value || "").trim().slice(0, 60),
                href: element.getAttribute("href"),
                outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
                shadow: style.boxShadow !== "none",
                visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                    && box.left < innerWidth,
            };
        }"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_tab_reaches_the_skip_link_which_shows_and_leads_to_the_content(
    new_context, site, language
):
    page = new_context().new_page()
    page.goto(SECTION[language])

    page.keyboard.press("Tab")
    skip = focused(page)
    assert "skip-link" in skip["className"]
    assert skip["visible"], "the focused skip link is off the screen"
    assert skip["outline"] >= 2 or skip["shadow"]

    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", [SECTION["bg"], FEEDBACK["en"], STRASBOURG_CLUB["en"]])
def test_every_link_and_control_shows_where_the_focus_is(new_context, site, path):
    page = new_context().new_page()
    page.goto(path)
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break
        stops.append(stop)

    assert len(stops) > 5
    invisible = [stop for stop in stops if not (stop["outline"] >= 2 or stop["shadow"])]
    assert invisible == [], "no visible focus indicator on: " + repr(invisible)
    off_screen = [stop for stop in stops if not stop["visible"]]
    assert off_screen == [], "focus went to something not on the screen: " + repr(off_screen)


def tab_to(page, selector, most=200):
    """Press Tab until the element matching *selector* has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switcher_works_by_keyboard(new_context, site, language):
    page = new_context().new_page()
    page.goto(STRASBOURG_CLUB[language])

    tab_to(page, ".language-switcher a[hreflang]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", OTHER[language])
    assert urlsplit(page.url).path == STRASBOURG_CLUB[OTHER[language]]


def test_the_table_of_contents_works_by_keyboard(new_context, site):
    page = new_context().new_page()
    page.goto(SECTION["en"])

    tab_to(page, ".toc a[href='#timeline']")
    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#timeline"
    expect(page.locator("#timeline-title")).to_be_in_viewport()
    # The next Tab continues from the section the reader jumped to.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#timeline')")


# Layout: narrow screens, zoom, colour schemes, print -------------------------------------------


def horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(
    ("width", "options"),
    [
        (320, {}),  # A small phone, or 400% zoom of a 1280 px window (WCAG 1.4.10).
        (640, {}),  # 200% zoom of a 1280 px window.
        (320, {"color_scheme": "dark", "forced_colors": "active", "reduced_motion": "reduce"}),
    ],
    ids=["320px", "640px-200-percent-zoom", "320px-dark-forced-colours-reduced-motion"],
)
def test_no_page_scrolls_sideways_on_a_narrow_or_zoomed_screen(
    new_context, pages_of, width, options
):
    page = new_context(width=width, **options).new_page()
    wide = []
    for language in LANGUAGES:
        for path in pages_of(language):
            page.goto(path)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                wide.append(f"{path}: {overflow} px too wide")

    assert wide == []


#: The text spacing a reader may set (WCAG 1.4.12), as the bookmarklets of the criterion set it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
EVENTS = {"bg": SECTION["bg"] + "sabitiya/", "en": SECTION["en"] + "events/"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_wider_text_spacing_no_event_page_is_wider_than_a_320px_screen(
    new_context, site, language
):
    # The reader's style sheet is not the site's: the site's CSP does not stop it.
    page = new_context(width=320, bypass_csp=True).new_page()
    page.goto(EVENTS[language])
    event = page.locator("main .card a").first.get_attribute("href")
    wide = []
    for path in (EVENTS[language], event):
        page.goto(path)
        page.add_style_tag(content=TEXT_SPACING)
        # The long web addresses and postal addresses break instead of widening the page.
        if horizontal_overflow(page) > 0:
            wide.append(f"{path}: {horizontal_overflow(page)} px too wide")
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(element => element.getBoundingClientRect().right
                        > document.documentElement.clientWidth + 0.5)
                .map(element => element.tagName + '.' + element.className)"""
        )
        wide += [f"{path}: {name}" for name in too_wide]

    assert wide == []


def test_text_can_be_enlarged_to_200_percent_without_loss(new_context, site):
    page = new_context(width=DESKTOP).new_page()
    page.goto(SECTION["bg"])
    before = page.evaluate("document.querySelector('main').innerText")

    # Text-only zoom (WCAG 1.4.4): the root font size doubles, the layout reflows.
    page.evaluate("document.documentElement.style.fontSize = '200%'")

    assert horizontal_overflow(page) == 0
    assert page.evaluate("document.querySelector('main').innerText") == before


def test_dark_mode_and_reduced_motion_are_honoured(new_context, site):
    page = new_context(color_scheme="dark", reduced_motion="reduce").new_page()
    page.goto(SECTION["en"])

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(value) for value in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 60, background
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_forced_colours_keep_the_timeline_and_focus_visible(new_context, site):
    page = new_context(forced_colors="active").new_page()
    page.goto(SECTION["en"])

    dot = page.evaluate(
        "getComputedStyle(document.querySelector('.timeline__year'), '::before').borderTopStyle"
    )
    assert dot == "solid"
    tab_to(page, "main a")
    assert focused(page)["outline"] >= 2


def test_the_print_style_shows_link_addresses_and_hides_navigation(new_context, site):
    page = new_context().new_page()
    page.goto(STRASBOURG_CLUB["en"])
    page.emulate_media(media="print")

    link = page.locator("main a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    expect(page.locator(".language-switcher")).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()


# Without JavaScript ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_read_the_same_without_javascript(new_context, site, language):
    with_script = new_context().new_page()
    without_script = new_context(java_script_enabled=False).new_page()

    # No public page has a script (checked on every page with axe); these show every part.
    for path in (SECTION[language], STRASBOURG_CLUB[language], FEEDBACK[language]):
        with_script.goto(path)
        without_script.goto(path)
        assert without_script.inner_text("body") == with_script.inner_text("body"), path


@pytest.mark.parametrize("script", [False, True], ids=["without-javascript", "with-javascript"])
def test_after_a_failed_send_the_focus_is_on_the_error_summary(new_context, site, script):
    page = new_context(java_script_enabled=script).new_page()
    page.goto(FEEDBACK["en"])

    with page.expect_navigation():
        page.click("form.form button[type=submit]")

    expect(page.locator(".error-summary")).to_be_visible()
    focused_class = page.evaluate("document.activeElement.className")
    assert focused_class == "error-summary"
    # The next Tab leads to the first error's link in the summary.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_kind_0"


def test_the_feedback_form_works_without_javascript(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(SECTION["bg"])
    with page.expect_navigation():
        page.click(".site-footer a[href*='obratna-vrazka']")
    expect(page.locator("#id_page")).to_have_value(SECTION["bg"])
    page.get_by_label("Проблем с достъпността").check()

    # Empty message: the error is announced at the top and tied to its field.
    page.click("form.form button[type=submit]")
    expect(page).to_have_title(re.compile("^Грешка"))
    summary_link = page.locator(".error-summary a")
    expect(summary_link).to_have_text("Въведете съобщението си.")
    message = page.locator("#id_message")
    expect(message).to_have_attribute("aria-invalid", "true")
    assert "id_message_error" in message.get_attribute("aria-describedby").split()
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == "id_message"

    message.fill("Картата не се чете с екранен четец.")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_have_text("Благодарим ви за съобщението")
    stored = Feedback.objects.get()
    assert stored.message == "Картата не се чете с екранен четец."
    assert stored.page == SECTION["bg"]
    assert stored.kind == Feedback.Kind.ACCESSIBILITY
    assert stored.language == "bg"
    assert not stored.is_spam
