"""A record staff have not yet translated: the English pages show its Bulgarian text, marked."""

import pytest
from django.utils import translation

from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    SectionPageFactory,
    SiteContactFactory,
    TwinCityFactory,
)
from tests.pages import is_empty, parse

pytestmark = pytest.mark.django_db

SECTION_EN = "/en/international-activity/"


def bulgarian_only_records():
    """A way to make each kind of record with its text in Bulgarian only, and that text."""
    return [
        pytest.param(
            lambda: OrganizationFactory(
                name_bg="Клуб само на български",
                name_en="",
                description_en="",
                size_bg="12 града",
                size_en="",
            ),
            "Клуб само на български",
            id="organization",
        ),
        pytest.param(
            lambda: EventFactory(name_bg="Събитие само на български", name_en="", place_en=""),
            "Събитие само на български",
            id="event",
        ),
        pytest.param(
            lambda: ProgrammeFactory(
                name_bg="Програма само на български", name_en="", funder_en=""
            ),
            "Програма само на български",
            id="programme",
        ),
        pytest.param(
            lambda: ParticipationFactory(title_bg="Проект само на български", title_en=""),
            "Проект само на български",
            id="participation",
        ),
        pytest.param(
            lambda: TwinCityFactory(
                name_bg="Град само на български", name_en="", region_bg="Тесалия"
            ),
            "Град само на български",
            id="twin-city",
        ),
    ]


@pytest.fixture(autouse=True)
def _singletons(db):
    SectionPageFactory()
    SiteContactFactory()


def elements_showing(document, text):
    """Return the innermost elements whose own text is *text*."""
    return [
        element
        for element in document.iter()
        if element.text == text
        and not any(child.text == text for child in element.find_all() if child is not element)
    ]


def assert_no_empty_headings_or_links(document):
    empty = [
        element
        for element in document.iter()
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "a") and is_empty(element)
    ]
    assert empty == []


@pytest.mark.parametrize(("make", "name"), bulgarian_only_records())
def test_the_english_section_shows_the_bulgarian_name_marked_as_bulgarian(client, make, name):
    make()

    document = parse(client.get(SECTION_EN))

    shown = elements_showing(document, name)
    assert shown, "the Bulgarian name stands in for the missing English one"
    assert [element.language() for element in shown] == ["bg"] * len(shown)


@pytest.mark.parametrize(("make", "name"), bulgarian_only_records())
def test_the_english_section_has_no_empty_heading_or_link_for_an_untranslated_record(
    client, make, name
):
    make()

    document = parse(client.get(SECTION_EN))

    assert_no_empty_headings_or_links(document)


@pytest.mark.parametrize(("make", "name"), bulgarian_only_records())
def test_the_english_page_of_an_untranslated_record_uses_its_bulgarian_slug_and_marks_its_name(
    client, make, name
):
    record = make()
    with translation.override("en"):
        path = record.get_absolute_url()

    response = client.get(path)

    assert record.slug_en == record.slug_bg
    assert path.endswith(f"/{record.slug_bg}/")
    assert path.startswith(SECTION_EN)
    assert response.status_code == 200
    document = parse(response)
    headings = document.find_all("h1")
    assert len(headings) == 1 and name in headings[0].text
    assert [element.language() for element in elements_showing(headings[0], name)] == ["bg"]
    assert document.find("html").attrs["lang"] == "en"
    assert_no_empty_headings_or_links(document)


def test_english_text_saved_as_null_by_the_admin_falls_back_like_empty_text(client):
    # The admin stores an emptied optional translation as NULL, a factory as "".
    OrganizationFactory(name_bg="Клуб без превод", name_en=None, description_en=None)

    document = parse(client.get(SECTION_EN))

    shown = elements_showing(document, "Клуб без превод")
    assert shown and [element.language() for element in shown] == ["bg"] * len(shown)
    assert_no_empty_headings_or_links(document)


def test_an_untranslated_fact_is_marked_as_bulgarian_and_a_translated_one_is_not(client):
    OrganizationFactory(
        name_bg="Клуб", name_en="Club", size_bg="12 града", size_en="", role_en="member"
    )

    document = parse(client.get(SECTION_EN))

    sizes = elements_showing(document, "12 града")
    roles = elements_showing(document, "Member")
    assert sizes and {size.language() for size in sizes} == {"bg"}
    assert roles and {role.language() for role in roles} == {"en"}


def test_a_translated_record_is_not_marked_as_bulgarian_on_the_english_page(client):
    OrganizationFactory(name_bg="Страсбургски клуб", name_en="Strasbourg Club")

    document = parse(client.get(SECTION_EN))

    shown = elements_showing(document, "Strasbourg Club")
    assert shown and {element.language() for element in shown} == {"en"}
    assert "Страсбургски клуб" not in document.find("body").text


def test_the_bulgarian_page_marks_nothing_as_a_fallback(client):
    OrganizationFactory(name_bg="Клуб само на български", name_en="")

    document = parse(client.get("/bg/mezhdunarodna-deynost/"))

    shown = elements_showing(document, "Клуб само на български")
    assert shown
    assert [element.language() for element in shown] == ["bg"] * len(shown)
    assert [element for element in shown if "lang" in element.attrs] == []
