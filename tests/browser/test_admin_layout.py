"""The admin's change lists fit the editor's screen: at 1280 and 800 px, in a real Chromium.

Every column heading is within the window (or within the table's own scrolling box),
the page's title is not covered, and the country filter does not make the page miles long.
"""

import pytest

from international.models import Feedback
from tests.factories import TwinCityFactory

# The layout is the admin's style sheet's: the database engine cannot change it.
pytestmark = pytest.mark.engine_independent

TWIN_CITIES = "/admin/international/twincity/"
FEEDBACK = "/admin/international/feedback/"
HANDLED = "ОБРАБОТЕНО"  # The heading, as the admin writes headings: in capitals.

# Which headings are out of sight: outside the window, or outside the visible part of a
# scrolling box they are in (a column an editor must scroll sideways to find is hidden).
HIDDEN_HEADINGS = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = (box, node) => {
    for (; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") {
        const own = node.getBoundingClientRect();
        if (box.left < own.left || box.right > own.left + node.clientWidth + 1) return true;
      }
    }
    return box.width === 0 || box.left < 0 || box.right > width + 1;
  };
  return [...document.querySelectorAll("#result_list thead th")]
    .filter((th) => hidden(th.getBoundingClientRect(), th.parentElement))
    .map((th) => th.innerText.trim() || th.className);
}"""

# Does anything of the page's buttons lie over the words of its title?
TITLE_COVERED = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector("#content h1"));
  const words = [...range.getClientRects()];
  const buttons = [...document.querySelectorAll(".object-tools a")]
    .map((a) => a.getBoundingClientRect());
  return words.some((w) => buttons.some((b) =>
    w.left < b.right && b.left < w.right && w.top < b.bottom && b.top < w.bottom));
}"""

# The page scrolls sideways as a whole: part of it is out of the window.
PAGE_WIDER_THAN_WINDOW = "document.documentElement.scrollWidth > window.innerWidth"


def twin_cities():
    # Long names and several countries, as the real list has (Ukraine, Greece, Russia...).
    for code in ["GE", "ME", "DK", "LV", "NA", "UA", "GR", "RU", "CN", "FR"]:
        TwinCityFactory(
            country=code,
            name_bg=f"Град с дълго име за проверка на колоните {code}",
            name_en=f"A city with a long name to check the columns {code}",
        )


@pytest.mark.parametrize("width", [1280, 800])
def test_twin_city_list_shows_every_column_within_the_window(logged_in_page, problems, width):
    page = logged_in_page
    twin_cities()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(TWIN_CITIES)

    assert page.evaluate(HIDDEN_HEADINGS) == []
    assert not page.evaluate(TITLE_COVERED)
    assert not page.evaluate(PAGE_WIDER_THAN_WINDOW)
    problems.assert_none()


@pytest.mark.parametrize("width", [1280, 800])
def test_feedback_list_shows_every_column_within_the_window(logged_in_page, problems, width):
    page = logged_in_page
    for _ in range(3):
        Feedback.objects.create(
            name="Читател Читателев",
            email="chitatel.chitatelev@example.com",
            message="Връзката към програмата на побратимения град не работи, моля, проверете я.",
            page="/bg/mezhdunarodna-deynost/pobratimeni-gradove/grad-s-dalgo-ime-za-proverka/",
            language="bg",
        )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(FEEDBACK)

    assert page.evaluate(HIDDEN_HEADINGS) == []
    assert page.locator("#result_list thead th").filter(has_text=HANDLED).count() == 1
    assert not page.evaluate(TITLE_COVERED)
    assert not page.evaluate(PAGE_WIDER_THAN_WINDOW)
    problems.assert_none()


def test_country_filter_lists_only_the_countries_in_use_in_bulgarian_order(
    logged_in_page, problems
):
    page = logged_in_page
    twin_cities()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(TWIN_CITIES)

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2000
    filter_box = page.locator("#changelist-filter")
    names = filter_box.locator("details", has_text="Държава").locator("li a").all_inner_texts()
    assert names == [
        "Всички", "Грузия", "Гърция", "Дания", "Китай", "Латвия", "Намибия", "Русия",
        "Украйна", "Франция", "Черна гора",
    ]  # fmt: skip
    problems.assert_none()
