"""The form "Propose a partnership or request a visit": stored, protected, translated,
accessible, sent to the unit and handled in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client

from international.models import Feedback, InfoPage, PartnershipRequest, SectionPage
from international.models.content import content_version
from international.models.fields import validate_phone
from tests.admin.roles import APPROVERS, EDITORS, logged_in, member
from tests.pages import form_data, parse
from tests.public.test_queries import (  # noqa: F401 - singletons is a fixture
    MOST_QUERIES,
    add_records,
    count_queries,
    singletons,
)
from tests.sitemaps import SITEMAP, sitemap_urls

pytestmark = pytest.mark.django_db

LANGUAGES = ["bg", "en"]
FORM = {
    "bg": "/bg/mezhdunarodna-deynost/partnyorstvo/",
    "en": "/en/international-activity/partnership/",
}
THANKS = {
    "bg": "/bg/mezhdunarodna-deynost/partnyorstvo/blagodarim/",
    "en": "/en/international-activity/partnership/thank-you/",
}
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
TITLE = {
    "bg": "Предложете партньорство или заявете посещение",
    "en": "Propose a partnership or request a visit",
}
THANKS_HEADING = {"bg": "Благодарим ви за заявката", "en": "Thank you for your request"}
EMPTY_MESSAGE = {
    "bg": "Опишете предложението или заявката си.",
    "en": "Describe your proposal or request.",
}
EMPTY_EMAIL = {
    "bg": "Въведете адрес на електронна поща, на който да ви отговорим.",
    "en": "Enter an e-mail address where we can answer you.",
}
GERMANY = {"bg": "Германия", "en": "Germany"}
CHANGELIST = "/admin/international/partnershiprequest/"


def send(client, language="bg", **fields):
    data = {
        "subject": "visit",
        "organisation": "Stadt Musterstadt",
        "country": "DE",
        "contact_name": "Erika Beispiel",
        "email": "partner@example.de",
        "phone": "+49 30 000000",
        "message": "A delegation of our city council would like to visit in May.",
    }
    data.update(fields)
    return client.post(FORM[language], data)


def error_of(root, field_id):
    """Return the error text tied to a field, checking that it is tied the accessible way."""
    field = root.find(id=field_id)
    assert field.attrs.get("aria-invalid") == "true"
    assert f"{field_id}_error" in field.attrs["aria-describedby"].split()
    return root.find(id=f"{field_id}_error").text


@pytest.fixture
def unit_email(seed):
    section = SectionPage.objects.current()
    section.email = "evropa@example.bg"
    section.save()
    return section.email


# The page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_under_the_section_in_both_languages_and_never_cached(client, seed, language):
    response = client.get(FORM[language])

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    root = parse(response)
    assert root.find("html").attrs["lang"] == language
    [heading] = root.find_all("h1")
    assert heading.text == TITLE[language]
    assert root.find("input", name="csrfmiddlewaretoken") is not None
    # The unit that answers is named beside the form.
    assert "Европейски програми и протокол" in root.find(class_="contact-card").text or (
        "European Programmes and Protocol" in root.find(class_="contact-card").text
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_page_links_to_the_form_from_its_contacts(client, seed, language):
    contacts = parse(client.get(SECTION[language])).find(id="contacts")

    link = contacts.find("a", href=FORM[language])

    assert link is not None
    assert link.text == TITLE[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_countries_are_named_in_the_language_of_the_page(client, seed, language):
    select = parse(client.get(FORM[language])).find("select", name="country")

    options = {option.attrs["value"]: option.text for option in select.find_all("option")}

    assert options["DE"] == GERMANY[language]
    assert options[""] != "---------"


def test_the_page_says_what_is_kept_and_for_how_long(client, seed):
    text = parse(client.get(FORM["en"])).find(class_="page-meta").text

    assert "until it has been dealt with" in text


# Sending a request ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_request_is_stored_and_the_sender_sees_a_translated_confirmation(client, seed, language):
    response = send(client, language)

    assert response.status_code == 302
    assert response["Location"] == THANKS[language]
    stored = PartnershipRequest.objects.get()
    assert (stored.subject, stored.organisation, stored.country.code) == (
        "visit",
        "Stadt Musterstadt",
        "DE",
    )
    assert (stored.contact_name, stored.email, stored.phone) == (
        "Erika Beispiel",
        "partner@example.de",
        "+49 30 000000",
    )
    assert stored.language == language
    assert not stored.is_spam and not stored.is_handled and stored.handled_by is None

    confirmation = client.get(response["Location"])
    assert "no-store" in confirmation["Cache-Control"]
    root = parse(confirmation)
    assert root.find("h1").text == THANKS_HEADING[language]
    assert root.find(class_="confirmation").attrs.get("role") == "status"


def test_the_telephone_is_optional(client, seed):
    assert send(client, phone="").status_code == 302
    assert PartnershipRequest.objects.get().phone == ""


def test_a_request_changes_no_public_page(client, seed):
    before = content_version()

    send(client)

    assert content_version() == before


# The notice to the unit ----------------------------------------------------------------------


def test_the_unit_is_emailed_in_bulgarian_with_a_link_to_the_request(
    client, unit_email, settings, mailoutbox
):
    settings.FEEDBACK_EMAIL = ["web@example.bg"]

    send(client, "en")

    stored = PartnershipRequest.objects.get()
    assert stored.email_sent
    [email] = mailoutbox
    assert email.to == [unit_email]
    assert email.reply_to == ["partner@example.de"]
    assert "Заявете посещение: Stadt Musterstadt" in email.subject
    assert "Държава: Германия" in email.body
    assert "Лице за контакт: Erika Beispiel" in email.body
    assert "A delegation of our city council" in email.body
    assert f"/admin/international/partnershiprequest/{stored.pk}/change/" in email.body


def test_without_the_units_email_the_feedback_recipients_are_told(
    client, seed, settings, mailoutbox
):
    settings.FEEDBACK_EMAIL = ["web@example.bg", "evropa@example.bg"]
    assert SectionPage.objects.current().email == ""

    send(client)

    [email] = mailoutbox
    assert email.to == ["web@example.bg", "evropa@example.bg"]


def test_without_any_address_the_request_is_kept_for_the_admin(client, seed, settings, mailoutbox):
    settings.FEEDBACK_EMAIL = []

    assert send(client).status_code == 302

    assert mailoutbox == []
    assert not PartnershipRequest.objects.get().email_sent


# Errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_fields_get_translated_errors_tied_to_them_and_listed_first(client, seed, language):
    response = send(client, language, message="", email="", subject="")

    assert response.status_code == 200
    assert PartnershipRequest.objects.count() == 0
    root = parse(response)
    assert error_of(root, "id_message").endswith(EMPTY_MESSAGE[language])
    assert error_of(root, "id_email").endswith(EMPTY_EMAIL[language])
    summary = root.find(class_="error-summary")
    assert summary.attrs["role"] == "alert"
    links = {link.attrs["href"]: link.text for link in summary.find_all("a")}
    assert links["#id_message"] == EMPTY_MESSAGE[language]
    assert links["#id_email"] == EMPTY_EMAIL[language]
    # The radio buttons' error leads to the first of them; the fieldset names the error.
    assert "#id_subject_0" in links
    fieldset = root.find(id="id_subject_error").parent
    assert "id_subject_error" in fieldset.attrs["aria-describedby"]
    # What was typed stays.
    assert root.find("input", name="organisation").attrs["value"] == "Stadt Musterstadt"


def test_a_telephone_with_letters_is_refused_in_bulgarian(client, seed):
    root = parse(send(client, phone="call me"))

    assert "Въведете телефонен номер" in error_of(root, "id_phone")
    assert PartnershipRequest.objects.count() == 0


@pytest.mark.parametrize(
    "number", ["+359 42 614 613", "(042) 614-613", "0800 157 37", "+44 20 7946 0000"]
)
def test_telephone_numbers_as_people_write_them_are_accepted(number):
    validate_phone(number)


@pytest.mark.parametrize("number", ["12345", "+359 42 614 613 ext. 2", "1234567890123456", "+"])
def test_a_telephone_number_too_short_too_long_or_with_words_is_refused(number):
    with pytest.raises(ValidationError):
        validate_phone(number)


def test_the_units_telephone_on_the_section_page_is_checked(seed):
    section = SectionPage.objects.current()
    section.phone = "not a number"

    with pytest.raises(ValidationError) as refused:
        section.full_clean()

    assert "phone" in refused.value.message_dict


def test_the_enforcement_bodys_telephone_on_the_statement_is_checked(seed):
    """The statement makes a tel: link of it too: a text that is no number is refused."""
    statement = InfoPage.objects.get(key=InfoPage.Key.ACCESSIBILITY)
    statement.enforcement_phone = "на място"

    with pytest.raises(ValidationError) as refused:
        statement.full_clean()

    assert "enforcement_phone" in refused.value.message_dict


# Spam, stale tokens and the rate limit ------------------------------------------------------


def test_spam_is_answered_like_a_request_but_stored_flagged_and_not_emailed(
    client, unit_email, mailoutbox
):
    response = send(client, website="http://spam.example/")

    assert response["Location"] == THANKS["bg"]
    assert PartnershipRequest.objects.get().is_spam
    assert mailoutbox == []
    assert list(PartnershipRequest.objects.unhandled()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_stale_token_gives_the_form_back_with_everything_typed(seed, language):
    client = Client(enforce_csrf_checks=True)

    response = send(client, language, message="Ред едно.\nРед две.")

    assert response.status_code == 403
    assert PartnershipRequest.objects.count() == 0
    root = parse(response)
    assert root.find("html").attrs["lang"] == language
    assert root.find(class_="error-summary") is not None
    textarea = root.find("textarea", name="message")
    typed = "".join(part for part in textarea.children if isinstance(part, str)).strip()
    assert typed == "Ред едно.\nРед две."
    assert root.find("input", name="contact_name").attrs["value"] == "Erika Beispiel"
    assert root.find("input", id="id_subject_1").attrs.get("checked") is not None
    assert root.find("option", value="DE").attrs.get("selected") is not None
    again = client.post(FORM[language], form_data(root))
    assert again.status_code == 302
    assert PartnershipRequest.objects.get().country.code == "DE"


def test_the_rate_limit_is_shared_with_the_feedback_form(client, seed, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    client.post("/bg/obratna-vrazka/", {"kind": "other", "message": "Съобщение."})
    assert send(client).status_code == 302

    refused = send(client, "en", organisation="Ville Exemple")

    assert refused.status_code == 429
    assert (Feedback.objects.count(), PartnershipRequest.objects.count()) == (1, 1)
    root = parse(refused)
    assert "You have sent several messages" in root.find(class_="error-summary").text
    assert root.find("input", name="organisation").attrs["value"] == "Ville Exemple"
    assert send(Client(REMOTE_ADDR="192.0.2.44")).status_code == 302


# Staff -----------------------------------------------------------------------------------------


def make_request(**fields):
    values = {
        "subject": "partnership",
        "organisation": "Comune di Esempio",
        "country": "IT",
        "contact_name": "Contatto",
        "email": "info@example.it",
        "message": "Proponiamo un gemellaggio.",
    }
    values.update(fields)
    return PartnershipRequest.objects.create(**values)


def test_the_list_shows_filters_and_searches_the_requests(staff_client, seed):
    make_request()
    make_request(organisation="Ville Exemple", country="FR", subject="visit", is_handled=True)

    page = staff_client.get(CHANGELIST).content.decode()
    unhandled = staff_client.get(f"{CHANGELIST}?is_handled__exact=0").content.decode()
    searched = staff_client.get(f"{CHANGELIST}?q=Ville").content.decode()
    by_country = staff_client.get(f"{CHANGELIST}?country__exact=IT").content.decode()

    assert "Comune di Esempio" in page and "Ville Exemple" in page
    assert "Comune di Esempio" in unhandled and "Ville Exemple" not in unhandled
    assert "Ville Exemple" in searched and "Comune di Esempio" not in searched
    assert "Comune di Esempio" in by_country and "Ville Exemple" not in by_country


def test_the_action_marks_requests_handled_by_whom_and_when(seed):
    editor = member(EDITORS, "editor")
    client = logged_in(editor)
    first, second = make_request(), make_request(organisation="Ville Exemple")

    response = client.post(
        CHANGELIST, {"action": "mark_handled", "_selected_action": [first.pk, second.pk]}
    )

    assert response.status_code == 302
    for request_record in (first, second):
        request_record.refresh_from_db()
        assert request_record.is_handled
        assert request_record.handled_by == editor
        assert request_record.handled_at is not None


def test_ticking_handled_on_the_form_records_who_and_when_and_the_request_stays_as_sent(
    staff_client, superuser, seed
):
    request_record = make_request()
    change = f"{CHANGELIST}{request_record.pk}/change/"
    root = parse(staff_client.get(change))
    data = form_data(root, form_id="partnershiprequest_form")
    # What the sender wrote is shown, not editable; only the handling is.
    assert {"message", "organisation", "email", "country", "handled_by"} & set(data) == set()

    data.update(is_handled="on", staff_note="Answered by e-mail.", message="Changed!")
    assert staff_client.post(change, data).status_code == 302

    request_record.refresh_from_db()
    assert request_record.is_handled and request_record.handled_by == superuser
    assert request_record.handled_at is not None
    assert request_record.message == "Proponiamo un gemellaggio."
    assert request_record.staff_note == "Answered by e-mail."

    data.pop("is_handled")
    staff_client.post(change, data)
    request_record.refresh_from_db()
    assert not request_record.is_handled and request_record.handled_by is None
    assert request_record.handled_at is None
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 403


def test_editors_read_and_handle_requests_and_only_approvers_delete_them(seed):
    def codenames(group):
        permissions = Group.objects.get(name=group).permissions
        return set(
            permissions.filter(content_type__model="partnershiprequest").values_list(
                "codename", flat=True
            )
        )

    assert codenames(EDITORS) == {"view_partnershiprequest", "change_partnershiprequest"}
    assert codenames(APPROVERS) == {
        "view_partnershiprequest",
        "change_partnershiprequest",
        "delete_partnershiprequest",
    }
    request_record = make_request()
    delete = f"{CHANGELIST}{request_record.pk}/delete/"
    editor = logged_in(member(EDITORS, "editor"))
    assert editor.get(CHANGELIST).status_code == 200
    assert editor.get(delete).status_code == 403
    assert logged_in(member(APPROVERS, "approver")).get(delete).status_code == 200


# Crawlers and query counts ------------------------------------------------------------------


def test_the_sitemap_lists_the_form_in_both_languages_but_not_its_confirmation(client, seed):
    # Every address of every sitemap the index names, with its alternates.
    entries = sitemap_urls(client)
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in entries]
    alternates = [
        (link.get("hreflang"), link.get("href"))
        for entry in entries
        for link in entry.findall("{http://www.w3.org/1999/xhtml}link")
    ]

    assert f"http://testserver{FORM['bg']}" in locations
    assert ("en", f"http://testserver{FORM['en']}") in alternates
    assert not [address for address in locations if "blagodarim" in address]
    assert 'name="robots"' in client.get(THANKS["en"]).content.decode()


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_makes_the_same_few_queries_for_few_or_many_records_and_requests(client, language):
    add_records(0, 5)
    few, _response = count_queries(client, FORM[language])

    add_records(5, 100)
    for number in range(30):
        make_request(organisation=f"Organisation {number}")
    many, response = count_queries(client, FORM[language])

    assert parse(response).find("select", name="country") is not None
    assert many == few
    assert few <= MOST_QUERIES
