"""Links in rich text: written so a reader's browser opens them, or refused with the reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from international.models import Organization
from international.text import sanitize_rich_text
from tests.admin.test_admin import submit
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # The messages are asserted in English; one test asks for Bulgarian itself.
    with translation.override("en"):
        yield


def saved(href, text="връзка"):
    """Return the description as full_clean() leaves it, with a link to *href*."""
    record = Organization(name_bg="Страсбургски клуб")
    record.description_bg = f'<p>Вижте <a href="{href}">{text}</a>.</p>'
    record.full_clean()
    return record.description_bg


def refusal(href, text="връзка"):
    record = Organization(name_bg="Страсбургски клуб")
    record.description_bg = f'<p>Вижте <a href="{href}">{text}</a>.</p>'
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert record.description_bg.startswith("<p>Вижте <a href="), "the typed text is kept"
    return refused.value.message_dict["description_bg"]


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("www.starazagora.bg", "https://www.starazagora.bg"),
        (
            "www.starazagora.bg/bg/novini?page=2&amp;sort=1",
            "https://www.starazagora.bg/bg/novini?page=2&amp;sort=1",
        ),
        ("WWW.Europa.eu", "https://WWW.Europa.eu"),
        ("//europa.eu/", "https://europa.eu/"),
        # A browser reads a backslash as a slash: this leaves the site, and is said to.
        ("/\\evil.example/", "https://evil.example/"),
        ("\\bg/mezhdunarodna-deynost/", "/bg/mezhdunarodna-deynost/"),
        ("mayor@starazagora.bg", "mailto:mayor@starazagora.bg"),
        (" mayor@starazagora.bg ", "mailto:mayor@starazagora.bg"),
        ("+359 42 614 800", "tel:+35942614800"),
        ("042 614 800", "tel:042614800"),
        ("0800 157 37", "tel:080015737"),
        ("tel:+359 42 614 800", "tel:+35942614800"),
    ],
)
def test_an_address_typed_without_its_scheme_is_saved_as_a_link_a_reader_can_open(typed, link):
    assert f'<a href="{link}" rel="noopener noreferrer">връзка</a>' in saved(typed)


@pytest.mark.parametrize(
    "href",
    [
        "https://www.starazagora.bg/",
        "http://europa.eu/",
        "mailto:mayor@starazagora.bg",
        "tel:+35942614800",
        "/bg/mezhdunarodna-deynost/",
        "#kontakti",
    ],
)
def test_full_addresses_and_links_within_the_site_stay_as_they_are(href):
    assert f'<a href="{href}" rel="noopener noreferrer">' in saved(href)


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("javascript:alert(1)", "addresses starting with “javascript:” are not allowed."),
        ("JavaScript:alert(1)", "addresses starting with “javascript:” are not allowed."),
        ("java&#9;script:alert(1)", "addresses starting with “javascript:” are not allowed."),
        ("data:text/html,<b>x</b>", "addresses starting with “data:” are not allowed."),
        ("vbscript:msgbox(1)", "addresses starting with “vbscript:” are not allowed."),
        ("ftp://ftp.starazagora.bg/", "addresses starting with “ftp:” are not allowed."),
        ("https://", "no website is named after “https://”."),
        ("mailto:", "nothing follows “mailto:”."),
        ("tel:abc", "“abc” is not a telephone number."),
        (
            "starazagora.bg",
            "an address of another website starts with https://, one within this site with /.",
        ),
        (
            "",
            "it is empty (the editor empties an address it does not accept).",
        ),
    ],
)
def test_an_address_no_reader_can_open_is_refused_with_the_reason(href, reason):
    shown = href.replace("&#9;", "\t")  # As the browser sends it, the tab decoded.
    assert refusal(href.replace("<", "&lt;").replace(">", "&gt;"), "Кметът") == [
        f"The link “{shown}” (on the words “Кметът”) is not an address a reader can open: "
        f"{reason} Enter a web address starting with https://, an e-mail address, a phone "
        "number or an address within this site starting with /."
    ]


def test_the_refusal_is_in_bulgarian_for_a_bulgarian_editor():
    with translation.override("bg"):
        [message] = refusal("javascript:alert(1)")

    assert message.startswith("Връзката „javascript:alert(1)“")
    assert "javascript:" in message


def test_every_unusable_link_of_a_field_is_named():
    record = Organization(name_bg="Страсбургски клуб")
    record.description_bg = '<p><a href="javascript:x()">едно</a> <a href="data:,x">две</a></p>'

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    messages = refused.value.message_dict["description_bg"]
    assert [m.split(" is not")[0] for m in messages] == [
        "The link “javascript:x()” (on the words “едно”)",
        "The link “data:,x” (on the words “две”)",
    ]


def test_stored_text_is_shown_with_its_addresses_corrected():
    # Text saved before the check (or by a script) is written right on the public page.
    assert sanitize_rich_text('<a href="www.starazagora.bg">сайт</a>') == (
        '<a href="https://www.starazagora.bg" rel="noopener noreferrer">сайт</a>'
    )
    assert "href" not in sanitize_rich_text('<a href="javascript:alert(1)">зло</a>')


def test_the_admin_refuses_the_save_and_keeps_what_was_typed(staff_client):
    record = OrganizationFactory()
    url = reverse("admin:international_organization_change", args=[record.pk])
    typed = '<p>Пишете на <a href="javascript:alert(1)">кмета</a>.</p>'
    response = submit(staff_client, url, Organization, description_bg=typed)

    assert response.status_code == 200
    form = response.context["adminform"].form
    # In the admin's language, Bulgarian.
    assert form.errors["description_bg"][0].startswith("Връзката „javascript:alert(1)“")
    assert form["description_bg"].value() == typed
    record.refresh_from_db()
    assert "javascript" not in record.description_bg
