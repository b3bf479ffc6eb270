"""What citizens, partners and journalists get from the public pages, in both languages."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext

from international.models import (
    ContentVersion,
    Event,
    Organization,
    Participation,
    Programme,
    SectionPage,
    TwinCity,
)
from international.public import views
from tests.factories import OrganizationFactory, uploaded_image
from tests.pages import CYRILLIC, parse, text_nodes

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
ACCESSIBILITY = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}
STRASBOURG_CLUB = {
    "bg": "/bg/mezhdunarodna-deynost/organizatsii/strasburgski-klub/",
    "en": "/en/international-activity/organisations/strasbourg-club/",
}
OTHER = {"bg": "en", "en": "bg"}

BULGARIAN_FACTS = [
    "Страсбургски клуб",
    "www.club-strasbourg.eu",
    "2003",
    "38 града",
    "над 50 града от 26 страни",
    "Улично движение и безопасност",
    "Сдружение на градовете от Югоизточен регион в България",
    "Брюксел",
    "Европа за гражданите",
    "Европейските региони развиват европейско гражданство",
    "по сходни проблеми",
    "самото ѝ учредяване",
    "предвид",
    "Лариса",
    "Крушевац",
    "0800 157 37",
]
ENGLISH_FACTS = [
    "Strasbourg Club",
    "www.club-strasbourg.eu",
    "2003",
    "38 cities",
    "Cities for Children",
    "over 50 cities from 26 countries",
    "Traffic and Safety",
    "Brussels",
    "Europe for Citizens",
    "European Regions Develop European Citizenship",
    "similar problems",
    "0800 157 37",
]
TWIN_CITIES_IN_ENGLISH = [
    "Larissa",
    "Kruševac",
    "Radom",
    "Samara",
    "Barreiro",
    "Yueyang",
    "Durham",
    "Downpatrick",
    "Drôme",
]
# Interface text of the page around the content: never Bulgarian on the English page.
CHROME = [
    "Skip to main content",
    "Hotline for reports",
    "Membership in international organisations",
    "Twin and partner cities",
    "On this page",
    "Last updated",
    "Contacts",
]


def page_text(response):
    """Return everything a reader sees on the page, whitespace collapsed."""
    return parse(response).find("body").text


def get_page(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response


def published_records():
    return [
        record
        for model in (Organization, Event, Programme, Participation, TwinCity)
        for record in model.objects.published()
    ]


# The section page --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_is_served_in_its_language(client, language):
    document = parse(get_page(client, SECTION[language]))

    assert document.find("html").attrs["lang"] == language


@pytest.mark.parametrize(
    ("language", "date", "date_and_time"),
    [
        ("bg", "6 ноември 2026 г.", "6 ноември 2026 г., 14:05 ч."),
        ("en", "6 November 2026", "6 November 2026, 14:05"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, date, date_and_time):
    from django import forms
    from django.utils.formats import date_format

    moment = datetime.datetime(2026, 11, 6, 14, 5)
    with translation.override(language):
        assert date_format(moment.date()) == date
        assert date_format(moment, "DATETIME_FORMAT") == date_and_time
        # Staff type dates the way they write them, as well as the ISO way.
        assert forms.DateField().clean("6.11.2026" if language == "bg" else "2026-11-06") == (
            moment.date()
        )


def test_country_names_follow_bulgarian_spelling(client):
    city = TwinCity.objects.published().filter(country="US").first()
    with translation.override("bg"):
        path = city.get_absolute_url()

    facts = parse(get_page(client, path)).find("dl", class_="facts").text

    assert "Съединени американски щати" in facts


def test_the_bulgarian_page_dates_its_last_update_the_bulgarian_way(client):
    shown = parse(get_page(client, SECTION["bg"])).find(class_="page-meta").find("time").text

    assert re.fullmatch(r"\d{1,2} (януари|февруари|март|април|май|юни|юли|август|септември|"
                        r"октомври|ноември|декември) \d{4} г\.", shown), shown  # fmt: skip


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_has_exactly_one_main_heading(client, language):
    document = parse(get_page(client, SECTION[language]))

    headings = document.find_all("h1")

    assert len(headings) == 1
    assert headings[0].text


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_names_its_canonical_address_and_both_languages(client, language):
    document = parse(get_page(client, SECTION[language]))
    head = document.find("head")

    canonical = head.find_all("link", rel="canonical")
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in head.find_all("link", rel="alternate", hreflang=True)
    }

    assert [link.attrs["href"] for link in canonical] == [alternates[language]]
    assert set(alternates) == {"bg", "en", "x-default"}
    for hreflang, expected_path in [
        ("bg", SECTION["bg"]),
        ("en", SECTION["en"]),
        ("x-default", SECTION["bg"]),
    ]:
        url = urlsplit(alternates[hreflang])
        assert url.scheme in ("http", "https") and url.netloc, "hreflang needs absolute URLs"
        assert url.path == expected_path


def test_the_bulgarian_page_shows_every_fact_of_the_seed(client):
    text = page_text(get_page(client, SECTION["bg"])).casefold()

    missing = [fact for fact in BULGARIAN_FACTS if fact.casefold() not in text]

    assert missing == []


def test_the_bulgarian_page_has_the_typo_of_the_old_site_fixed(client):
    text = page_text(get_page(client, SECTION["bg"]))

    assert "посходни" not in text
    assert "по сходни проблеми" in text


def test_the_english_page_shows_every_fact_in_english(client):
    text = page_text(get_page(client, SECTION["en"])).casefold()

    missing = [fact for fact in ENGLISH_FACTS if fact.casefold() not in text]

    assert missing == []


def test_the_english_page_lists_every_twin_city_in_english(client):
    document = parse(get_page(client, SECTION["en"]))
    cities = document.find("section", id="twin-cities").text

    missing = [city for city in TWIN_CITIES_IN_ENGLISH if city not in cities]

    assert missing == []


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_page_footer_gives_the_hotline_and_the_accessibility_statement(client, language):
    for path in (SECTION[language], STRASBOURG_CLUB[language], ACCESSIBILITY[language]):
        footer = parse(get_page(client, path)).find("footer")

        assert "0800 157 37" in footer.text
        assert footer.find("a", href="tel:080015737") is not None
        assert footer.find("a", href=ACCESSIBILITY[language]) is not None, path


def test_the_bulgarian_page_shows_the_interface_in_bulgarian(client):
    text = page_text(get_page(client, SECTION["bg"]))

    with translation.override("bg"):
        bulgarian = [gettext(message) for message in CHROME]

    assert all(CYRILLIC.search(message) for message in bulgarian), "chrome is translated"
    assert [message for message in bulgarian if message not in text] == []


def test_the_english_page_shows_no_bulgarian_interface_text(client):
    text = page_text(get_page(client, SECTION["en"]))

    with translation.override("bg"):
        bulgarian = [gettext(message) for message in CHROME]
    listed = [
        "Към основното съдържание",
        "Горещ телефон за сигнали",
        "Членство в международни организации",
    ]

    assert [message for message in bulgarian + listed if message in text] == []
    assert [message for message in CHROME if message not in text] == []


@pytest.mark.parametrize("path", [SECTION["en"], STRASBOURG_CLUB["en"], ACCESSIBILITY["en"]])
def test_bulgarian_text_on_an_english_page_is_always_marked_lang_bg(client, path):
    document = parse(get_page(client, path))

    unmarked = [
        text
        for element, text in text_nodes(document.find("html"))
        if CYRILLIC.search(text) and element.language() != "bg"
    ]
    unmarked_attributes = [
        (element.tag, name, value)
        for element in document.iter()
        for name, value in element.attrs.items()
        if name in ("alt", "title", "aria-label", "content")
        and CYRILLIC.search(value)
        and element.language() != "bg"
    ]

    assert unmarked == []
    assert unmarked_attributes == []


def test_images_have_their_described_alt_text_and_never_a_placeholder(client):
    OrganizationFactory(
        name_bg="Мрежа с лого",
        name_en="Network with a logo",
        image=uploaded_image(),
        image_alt_bg="Лого на мрежата",
        image_alt_en="Logo of the network",
    )

    for language, alt in (("bg", "Лого на мрежата"), ("en", "Logo of the network")):
        response = get_page(client, SECTION[language])
        images = parse(response).find_all("img")

        assert alt in [image.attrs.get("alt") for image in images]
        assert 'alt="alt"' not in response.content.decode()
        assert all("alt" in image.attrs for image in images)


# Addresses that lead to the section --------------------------------------------------------------


def test_the_root_address_leads_to_the_bulgarian_section_by_default(client):
    response = client.get("/")

    assert response.status_code in (301, 302)
    assert response["Location"] == SECTION["bg"]


def test_the_root_address_leads_to_the_english_section_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code in (301, 302)
    assert response["Location"] == SECTION["en"]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_language_home_leads_to_the_section(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code in (301, 302)
    assert response["Location"] == SECTION[language]


# Record pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_seeded_record_has_its_own_page_with_its_name_as_the_heading(client, language):
    records = published_records()
    assert len(records) >= 15  # The seed's organisations, event, programme, project, cities.

    for record in records:
        with translation.override(language):
            path, name = record.get_absolute_url(), str(record)
        assert path.startswith(SECTION[language]), path

        document = parse(get_page(client, path))

        headings = document.find_all("h1")
        assert len(headings) == 1, path
        assert name in headings[0].text, path
        assert document.find("html").attrs["lang"] == language


def test_the_strasbourg_club_has_its_translated_address_in_each_language(client):
    record = Organization.objects.get(slug_bg="strasburgski-klub")

    for language, path in STRASBOURG_CLUB.items():
        with translation.override(language):
            assert record.get_absolute_url() == path


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_language_switcher_links_to_the_same_record_in_the_other_language(client, language):
    for record in published_records():
        with translation.override(language):
            path = record.get_absolute_url()
        with translation.override(OTHER[language]):
            other_path = record.get_absolute_url()

        switcher = parse(get_page(client, path)).find("nav", class_="language-switcher")
        link = switcher.find("a", hreflang=OTHER[language])

        # A plain link: it works without JavaScript.
        assert link is not None and link.attrs["href"] == other_path, path
        assert link.attrs.get("lang") == OTHER[language]
        get_page(client, other_path)


def test_the_switcher_on_the_strasbourg_club_page_leads_to_its_english_page(client):
    switcher = parse(get_page(client, STRASBOURG_CLUB["bg"])).find(
        "nav", class_="language-switcher"
    )

    assert switcher.find("a", hreflang="en").attrs["href"] == STRASBOURG_CLUB["en"]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_record_page_names_its_canonical_address_and_both_languages(client, language):
    head = parse(get_page(client, STRASBOURG_CLUB[language])).find("head")

    alternates = {
        link.attrs["hreflang"]: urlsplit(link.attrs["href"])
        for link in head.find_all("link", rel="alternate", hreflang=True)
    }
    canonical = urlsplit(head.find("link", rel="canonical").attrs["href"])

    assert {code: url.path for code, url in alternates.items()} == {
        "bg": STRASBOURG_CLUB["bg"],
        "en": STRASBOURG_CLUB["en"],
        "x-default": STRASBOURG_CLUB["bg"],
    }
    assert all(url.netloc for url in alternates.values())
    assert canonical.netloc and canonical.path == STRASBOURG_CLUB[language]


# Unpublished records -----------------------------------------------------------------------------


def test_an_unpublished_record_is_hidden_from_the_section_and_its_page_is_not_found(client):
    Organization.objects.filter(slug_bg="strasburgski-klub").update(is_published=False)
    TwinCity.objects.filter(slug_bg="larisa").update(is_published=False)

    bulgarian = get_page(client, SECTION["bg"])
    english = get_page(client, SECTION["en"])

    assert "Страсбургски клуб" not in page_text(bulgarian)
    assert "Лариса" not in page_text(bulgarian)
    assert "Strasbourg Club" not in page_text(english)
    assert "Larissa" not in page_text(english)
    assert STRASBOURG_CLUB["en"] not in english.content.decode()
    for path in STRASBOURG_CLUB.values():
        assert client.get(path).status_code == 404


def test_an_unpublished_programme_hides_its_projects_pages(client):
    participation = Participation.objects.get()
    Programme.objects.update(is_published=False)

    with translation.override("en"):
        path = participation.get_absolute_url()

    assert client.get(path).status_code == 404
    assert "European Regions Develop European Citizenship" not in page_text(
        get_page(client, SECTION["en"])
    )


# Pages that do not exist -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/bg/mezhdunarodna-deynost/organizatsii/nyama-takava/", "bg", "Страницата не е намерена"),
        ("/bg/nyama-takava-stranitsa/", "bg", "Страницата не е намерена"),
        ("/en/international-activity/organisations/no-such-club/", "en", "Page not found"),
        ("/en/international-activity/twin-cities/atlantis/", "en", "Page not found"),
        # A Bulgarian slug under the English address is not the English page.
        ("/en/international-activity/organisations/strasburgski-klub/", "en", "Page not found"),
    ],
)
def test_an_unknown_address_gives_a_translated_not_found_page(client, path, language, heading):
    response = client.get(path)

    assert response.status_code == 404
    document = parse(response)
    assert document.find("html").attrs["lang"] == language
    assert [h1.text for h1 in document.find_all("h1")] == [heading]


@pytest.mark.parametrize("path", ["/de/international-activity/", "/xx/", "/bg-xx/"])
def test_an_unknown_language_prefix_ends_in_the_bulgarian_not_found_page(client, path):
    response = client.get(path, follow=True)

    assert response.status_code == 404
    document = parse(response)
    assert document.find("html").attrs["lang"] == "bg"
    assert [h1.text for h1 in document.find_all("h1")] == ["Страницата не е намерена"]


# Information pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title"), [("bg", "Декларация за достъпност"), ("en", "Accessibility statement")]
)
def test_the_accessibility_statement_is_published_in_both_languages(client, language, title):
    document = parse(get_page(client, ACCESSIBILITY[language]))

    assert [h1.text for h1 in document.find_all("h1")] == [title]
    switcher = document.find("nav", class_="language-switcher")
    assert (
        switcher.find("a", hreflang=OTHER[language]).attrs["href"] == ACCESSIBILITY[OTHER[language]]
    )


# "Last updated" ----------------------------------------------------------------------------------

LONG_AGO = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC)


def shown_last_updated(client):
    """Return the section page's "Last updated" time."""
    header = parse(get_page(client, SECTION["bg"])).find("header", class_="page-header")
    return datetime.datetime.fromisoformat(header.find("time").attrs["datetime"])


def age_every_record():
    """Date every record and the content version long ago, as if nothing changed since."""
    for model in (SectionPage, Organization, Event, Programme, Participation, TwinCity):
        model.objects.update(updated_at=LONG_AGO)  # No signals.
    # A new version number makes the page render afresh instead of from the cache.
    ContentVersion.objects.update(version=F("version") + 1, changed_at=LONG_AGO)


def test_the_last_updated_date_moves_when_staff_edit_a_record(client):
    age_every_record()
    assert shown_last_updated(client) == LONG_AGO

    club = Organization.objects.get(slug_bg="strasburgski-klub")
    club.name_en = "Club of Strasbourg"
    club.save()

    assert shown_last_updated(client) >= club.updated_at.replace(microsecond=0)


def test_the_last_updated_date_moves_when_staff_unpublish_a_record(client):
    age_every_record()
    assert shown_last_updated(client) == LONG_AGO

    club = Organization.objects.get(slug_bg="strasburgski-klub")
    club.is_published = False
    club.save()

    assert shown_last_updated(client) >= club.updated_at.replace(microsecond=0)


# Errors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"), [("bg", "Грешка в сървъра"), ("en", "Server error")]
)
def test_an_unexpected_error_shows_the_translated_error_page_without_details(
    client, monkeypatch, language, heading
):
    def fail(*args, **kwargs):
        raise ZeroDivisionError("secret detail of the failure")

    monkeypatch.setattr(views.SectionView, "get_context_data", fail)
    client.raise_request_exception = False

    response = client.get(SECTION[language])

    assert response.status_code == 500
    document = parse(response)
    assert document.find("html").attrs["lang"] == language
    assert [h1.text for h1 in document.find_all("h1")] == [heading]
    assert "secret detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


# Header and breadcrumb ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "municipality", "home", "section"),
    [
        ("bg", "Община Стара Загора", "Начало", "Международна дейност"),
        ("en", "Stara Zagora Municipality", "Home", "International activity"),
    ],
)
def test_every_page_names_the_municipality_and_shows_where_the_reader_is(
    client, language, municipality, home, section
):
    organization = Organization.objects.get(slug_bg="strasburgski-klub")
    with translation.override(language):
        detail = organization.get_absolute_url()

    memberships = (
        "Членство в международни организации"
        if language == "bg"
        else "Membership in international organisations"
    )
    name = organization.name_bg if language == "bg" else "Strasbourg Club"
    for path, trail in [
        (SECTION[language], [home, section]),
        (detail, [home, section, memberships, name]),
    ]:
        document = parse(client.get(path))
        assert municipality in document.find("header").text
        breadcrumb = document.find("nav", class_="breadcrumb")
        links = breadcrumb.find_all("a")
        assert [link.text for link in links][: len(trail)] == trail
        assert links[0].attrs["href"].startswith("https://")  # the municipality's site
        assert links[-1].attrs["aria-current"] == "page"
