"""Records whose facts wait for the municipality's confirmation say so, neutrally."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import OrganizationFactory, TwinCityFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

NOTE = {
    "bg": "Някои факти на тази страница очакват потвърждение от общината.",
    "en": "Some facts on this page are awaiting confirmation by the municipality.",
}


def page(client, record, language):
    with translation.override(language):
        url = record.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content.decode())


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_record_to_be_confirmed_shows_a_note_with_what_is_to_be_confirmed(client, language):
    city = TwinCityFactory(
        to_confirm=True,
        to_confirm_note_bg="Годината на подписване.",
        to_confirm_note_en="The year of signing.",
    )

    note = page(client, city, language).find(role="note", class_="to-confirm")

    assert note is not None
    assert NOTE[language] in note.text
    expected = {"bg": "Годината на подписване.", "en": "The year of signing."}[language]
    assert expected in note.text


def test_an_english_page_marks_a_note_only_in_bulgarian_as_bulgarian(client):
    city = TwinCityFactory(to_confirm=True, to_confirm_note_bg="Годината на подписване.")

    note = page(client, city, "en").find(role="note", class_="to-confirm")

    span = note.find("span", lang="bg")
    assert span is not None and span.text == "Годината на подписване."


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_confirmed_record_shows_no_note(client, language):
    city = TwinCityFactory()

    document = page(client, city, language)

    assert document.find(class_="to-confirm") is None
    assert NOTE[language] not in document.text


def test_the_cards_of_the_section_mark_only_the_records_to_be_confirmed(client):
    OrganizationFactory(name_bg="Потвърдена мрежа")
    OrganizationFactory(name_bg="Непотвърдена мрежа", to_confirm=True)
    TwinCityFactory(name_bg="Непотвърден град", to_confirm=True)

    with translation.override("bg"):
        document = parse(client.get(reverse("international:section")).content.decode())

    marked = [
        card.find(class_="card__title").text
        for card in document.find_all("article", class_="card")
        if card.find(class_="card__to-confirm")
    ]
    assert sorted(marked) == ["Непотвърден град", "Непотвърдена мрежа"]


def test_the_admin_lists_and_filters_the_records_to_be_confirmed(staff_client):
    TwinCityFactory(name_bg="Потвърден град")
    TwinCityFactory(name_bg="Непотвърден град", to_confirm=True)
    url = reverse("admin:international_twincity_changelist")

    listed = parse(staff_client.get(url, {"to_confirm__exact": "1"}).content.decode())

    rows = listed.find("table", id="result_list").find_all("tr")[1:]
    assert [row.find("th").text for row in rows] == ["Непотвърден град"]
    # The column, under its Bulgarian name (the admin's language here).
    assert (
        listed.find("table", id="result_list")
        .find("thead")
        .text.strip()
        .endswith("За потвърждение")
    )
    unfiltered = parse(staff_client.get(url).content.decode()).find("table", id="result_list")
    assert len(unfiltered.find_all("tr")) == 3  # the header and both cities
