"""The section's contacts and the accessibility statement's contact and enforcement parts."""

import importlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from international.models import InfoPage, SectionPage
from tests.feedback.test_feedback import STATEMENT_PARTS
from tests.pages import parse
from tests.public.statement_before import OLD_STATEMENT_BODY

pytestmark = pytest.mark.django_db

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
STATEMENT = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}
LANGUAGES = ["bg", "en"]
MIGRATION_NAME = "0010_contact_and_statement"
MIGRATION = importlib.import_module(f"international.migrations.{MIGRATION_NAME}")
#: The next one to touch the statement: it renames the footer's link the text names.
LINK_MIGRATION_NAME = "0011_feedback_kind"
LINK_MIGRATION = importlib.import_module(f"international.migrations.{LINK_MIGRATION_NAME}")

# Test values only: a number and an address of no one.
CONTACT = {
    "phone": "(042) 000-001",
    "email": "international@example.org",
    "contact_name_bg": "Име Фамилия",
    "contact_name_en": "Forename Surname",
    "contact_position_bg": "главен експерт",
    "contact_position_en": "chief expert",
    "office_hours_bg": "понеделник – петък",
    "office_hours_en": "Monday to Friday",
}
SHOWN = {
    "bg": ["Име Фамилия", "главен експерт", "понеделник – петък"],
    "en": ["Forename Surname", "chief expert", "Monday to Friday"],
}
LABELS = {
    "bg": ["Лице за контакт", "Работно време", "Телефон", "Имейл"],
    "en": ["Contact person", "Office hours", "Telephone", "E-mail"],
}


def run_the_migration():
    """Run 0010's move of the enforcement body, then 0011's new name of the footer link.

    With today's models: the history rows they write need every column the table has now.
    """
    apps = MigrationLoader(connection).project_state().apps
    MIGRATION.move_enforcement_body(apps, None)
    LINK_MIGRATION.rename_link(apps, None)


def page_root(client, path):
    cache.clear()
    response = client.get(path)
    assert response.status_code == 200
    return parse(response)


def set_contacts(**values):
    page = SectionPage.objects.current()
    for name, value in values.items():
        setattr(page, name, value)
    page.save()


def contacts_card(client, language):
    return page_root(client, SECTION[language]).find("section", id="contacts").find("address")


# The section page's contacts -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contacts_give_telephone_e_mail_contact_person_and_hours_when_set(
    client, seed, language
):
    set_contacts(**CONTACT)

    card = contacts_card(client, language)

    assert card.find("a", href="tel:042000001").text == "(042) 000-001"
    assert card.find("a", href="mailto:international@example.org") is not None
    for text in [*SHOWN[language], *LABELS[language]]:
        assert text in card.text
    assert (
        "Европейски програми и протокол"
        in page_root(client, SECTION["bg"]).find("section", id="contacts").text
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contacts_show_nothing_for_what_the_seed_does_not_give(client, seed, language):
    card = contacts_card(client, language)

    assert card.find("a") is None
    for text in LABELS[language]:
        assert text not in card.text


def test_an_untranslated_contact_person_is_read_as_bulgarian_on_the_english_page(client, seed):
    set_contacts(contact_name_bg="Име Фамилия", office_hours_bg="понеделник – петък")

    card = contacts_card(client, "en")

    marked = [span.text for span in card.find_all("span", lang="bg")]
    assert "Име Фамилия" in marked
    assert "понеделник – петък" in marked


# The statement's contact information --------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_gives_the_units_contacts_for_feedback(client, seed, language):
    set_contacts(**CONTACT)

    card = page_root(client, STATEMENT[language]).find("address", class_="statement-contacts")

    assert card.find("a", href="mailto:international@example.org") is not None
    assert card.find("a", href="tel:042000001") is not None
    for text in SHOWN[language]:
        assert text in card.text


def test_the_statement_has_no_empty_contact_card_while_the_unit_has_none(client, seed):
    for language in LANGUAGES:
        root = page_root(client, STATEMENT[language])
        assert root.find("address", class_="statement-contacts") is None


# The enforcement body -----------------------------------------------------------------------


def statement_parts(root):
    """Return the statement as (heading, its text) pairs, in reading order."""
    parts = [["", []]]
    for element in root.find("article").iter():
        if element.tag in ("h2", "h3"):
            parts.append([element.text, []])
        elif element.tag in ("p", "address") and "page-meta" not in element.attrs.get("class", ""):
            parts[-1][1].append(element.text)
    return [(heading, " ".join(texts)) for heading, texts in parts]


def make_it_the_old_statement():
    """Put back the statement as seeded before the enforcement body had fields."""
    page = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    page.body_bg, page.body_en = OLD_STATEMENT_BODY["bg"], OLD_STATEMENT_BODY["en"]
    page.enforcement_body_bg = page.enforcement_body_en = page.enforcement_website = ""
    page.save()


# The model of Commission Implementing Decision (EU) 2018/1523, in order.
MODEL_ORDER = STATEMENT_PARTS


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_says_what_it_said_before_the_enforcement_body_had_fields(
    client, seed, language
):
    seeded = statement_parts(page_root(client, STATEMENT[language]))
    make_it_the_old_statement()
    before = statement_parts(page_root(client, STATEMENT[language]))

    run_the_migration()
    migrated = statement_parts(page_root(client, STATEMENT[language]))

    # Every part word for word, the enforcement body's link included, but for the footer
    # link's new name (0011); only the preparation part moved, to its place in the model
    # statement.
    old_name, new_name = next(
        (old, new) for code, old, new in LINK_MIGRATION.LINK_NAMES if code == language
    )
    assert any(old_name in text for _heading, text in before)
    assert dict(migrated) == {heading: text.replace(old_name, new_name) for heading, text in before}
    assert len(migrated) == len(before)
    assert migrated == seeded
    headings = [heading for heading, _text in migrated]
    assert headings[1:6] == MODEL_ORDER[language]
    link = page_root(client, STATEMENT[language]).find("a", href="https://e-gov.bg/")
    assert link.attrs["rel"] == "external"


def test_a_reworded_enforcement_part_is_left_to_staff(client, seed):
    make_it_the_old_statement()
    page = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    page.body_bg = page.body_bg.replace("можете да подадете", "може да се подаде")
    page.save()

    run_the_migration()

    page.refresh_from_db()
    # Neither language moves: the Bulgarian page would not name the body twice.
    assert "може да се подаде" in page.body_bg
    assert "Enforcement procedure" in page.body_en
    assert page.enforcement_body_bg == page.enforcement_body_en == ""


def test_staff_change_the_enforcement_body_and_the_statement_shows_it_in_both_languages(
    staff_client, seed
):
    from tests.admin.test_admin import assert_saved, submit

    page = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    url = reverse("admin:international_infopage_change", args=[page.pk])

    response = submit(
        staff_client, url, InfoPage,
        enforcement_body_bg="Комисия за защита от дискриминация",
        enforcement_body_en="Commission for Protection against Discrimination",
        enforcement_website="https://www.kzd-nondiscrimination.com/",
        enforcement_address_bg="бул. „Тест“ 1", enforcement_email="enforcement@example.org",
        enforcement_phone="02 000 002",
    )  # fmt: skip

    assert_saved(response)
    expected = {
        "bg": "сигнал до председателя на Комисия за защита от дискриминация",
        "en": "a report to the Chair of the Commission for Protection against Discrimination",
    }
    for language in LANGUAGES:
        root = page_root(staff_client, STATEMENT[language])
        section = root.find("section", aria_labelledby="enforcement-title")
        assert expected[language] in section.text
        assert "Електронно управление" not in section.text
        assert "e-Government" not in section.text
        assert section.find("a", href="https://www.kzd-nondiscrimination.com/") is not None
        assert section.find("a", href="mailto:enforcement@example.org") is not None
        assert section.find("a", href="tel:02000002") is not None
        assert "бул. „Тест“ 1" in section.text


def test_the_privacy_notice_has_no_enforcement_fields_in_the_admin(staff_client, seed):
    page = InfoPage.objects.get(key=InfoPage.Key.PRIVACY)

    form = parse(staff_client.get(reverse("admin:international_infopage_change", args=[page.pk])))

    assert form.find("input", name="enforcement_body_bg") is None


def test_staff_fill_the_contacts_in_the_admin_language_tabs_and_both_pages_show_them(
    staff_client, seed
):
    from tests.admin.test_admin import assert_saved, submit

    page = SectionPage.objects.current()
    url = reverse("admin:international_sectionpage_change", args=[page.pk])

    assert_saved(submit(staff_client, url, SectionPage, **CONTACT))

    for language in LANGUAGES:
        card = contacts_card(staff_client, language)
        assert card.find("a", href="tel:042000001") is not None
        for text in SHOWN[language]:
            assert text in card.text


def test_going_back_past_0010_puts_the_enforcement_part_back_into_the_text(seed):
    apps = MigrationLoader(connection).project_state().apps
    page = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    moved = (page.body_bg, page.body_en)

    MIGRATION.restore_enforcement_text(apps, None)
    page.refresh_from_db()
    assert "<h3>Процедура по прилагане</h3>" in page.body_bg
    assert '<a href="https://e-gov.bg/">State e-Government Agency</a>' in page.body_en

    # ...and forward again, the part moves out once more: the text is as it was.
    MIGRATION.move_enforcement_body(apps, None)
    page.refresh_from_db()
    assert (page.body_bg, page.body_en) == moved
