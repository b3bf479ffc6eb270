"""The feedback form of the accessibility statement: stored, protected, translated, accessible."""

import smtplib

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from international.feedback.forms import FeedbackForm
from international.models import Feedback
from international.models.content import content_version
from tests.factories import UserFactory
from tests.pages import form_data, parse

pytestmark = pytest.mark.django_db

FORM = {"bg": "/bg/obratna-vrazka/", "en": "/en/feedback/"}
THANKS = {"bg": "/bg/obratna-vrazka/blagodarim/", "en": "/en/feedback/thank-you/"}
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
ERROR_TITLE = {"bg": "Грешка", "en": "Error"}
EMPTY_MESSAGE = {"bg": "Въведете съобщението си.", "en": "Enter your message."}
THANKS_HEADING = {"bg": "Благодарим ви за съобщението", "en": "Thank you for your message"}
LANGUAGES = ["bg", "en"]


def send(client, language="bg", **fields):
    data = {"kind": "accessibility", "message": "The table of twin cities cannot be read aloud."}
    data.update(fields)
    return client.post(FORM[language], data)


def error_of(root, field_id):
    """Return the error text tied to a field, checking that it is tied the accessible way."""
    field = root.find(id=field_id)
    assert field.attrs.get("aria-invalid") == "true"
    described_by = field.attrs["aria-describedby"].split()
    assert f"{field_id}_error" in described_by
    return root.find(id=f"{field_id}_error").text


# Sending a message ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_served_in_both_languages_and_never_cached(client, seed, language):
    response = client.get(FORM[language])

    assert response.status_code == 200
    root = parse(response)
    assert root.find("html").attrs["lang"] == language
    assert len(root.find_all("h1")) == 1
    assert root.find("input", name="csrfmiddlewaretoken") is not None
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control or "no-cache" in cache_control


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_message_is_stored_and_the_sender_sees_a_translated_confirmation(client, seed, language):
    response = send(
        client, language, name="Мария", email="maria@example.bg", page=SECTION[language]
    )

    assert response.status_code == 302
    assert response["Location"] == THANKS[language]
    feedback = Feedback.objects.get()
    assert feedback.message == "The table of twin cities cannot be read aloud."
    assert (feedback.name, feedback.email, feedback.page) == (
        "Мария",
        "maria@example.bg",
        SECTION[language],
    )
    assert feedback.language == language
    assert not feedback.is_spam and not feedback.is_handled

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "no-store" in confirmation["Cache-Control"]
    root = parse(confirmation)
    assert root.find("h1").text == THANKS_HEADING[language]
    assert root.find(class_="confirmation").attrs.get("role") == "status"


def test_name_email_and_page_are_optional(client, seed):
    response = send(client, message="Контрастът е слаб.")

    assert response.status_code == 302
    assert Feedback.objects.get().message == "Контрастът е слаб."


def test_staff_are_emailed_the_message_with_a_link_to_it_and_a_reply_address(
    client, seed, settings, mailoutbox
):
    settings.FEEDBACK_EMAIL = ["evropa@starazagora.bg", "web@starazagora.bg"]

    send(client, "en", email="reader@example.org", page="/en/accessibility/")

    feedback = Feedback.objects.get()
    assert feedback.email_sent
    [email] = mailoutbox
    assert email.to == ["evropa@starazagora.bg", "web@starazagora.bg"]
    assert email.reply_to == ["reader@example.org"]
    # Staff read Bulgarian whatever the language of the form.
    assert "Обратна връзка" in email.subject
    assert "The table of twin cities cannot be read aloud." in email.body
    assert "Страница: /en/accessibility/" in email.body
    assert "Име: —" in email.body
    assert f"/admin/international/feedback/{feedback.pk}/change/" in email.body


BROKEN_NAME = "Мария\r\nE-mail: forged@example.org\n\n  Иванова\u2028"


def test_single_line_fields_lose_their_line_breaks_and_the_message_keeps_its_lines():
    message = "First line.\r\nSecond line.\n\nAfter a blank line."
    form = FeedbackForm(
        data={
            "kind": "other",
            "message": message,
            "name": BROKEN_NAME,
            "page": "/bg/\ndostapnost/\r",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Мария E-mail: forged@example.org Иванова"
    assert form.cleaned_data["page"] == "/bg/ dostapnost/"
    assert form.cleaned_data["message"] == message


def test_a_name_with_line_breaks_is_one_line_in_the_staff_email(client, seed, settings, mailoutbox):
    settings.FEEDBACK_EMAIL = ["evropa@starazagora.bg"]

    send(client, name=BROKEN_NAME, message="Ред едно.\nРед две.")

    [email] = mailoutbox
    lines = email.body.splitlines()
    assert "Име: Мария E-mail: forged@example.org Иванова" in lines
    assert not any(line.startswith("E-mail: forged") for line in lines)
    assert lines[lines.index("Ред едно.") :][:2] == ["Ред едно.", "Ред две."]
    assert Feedback.objects.get().name == "Мария E-mail: forged@example.org Иванова"


def test_a_message_is_kept_when_the_mail_server_fails(client, seed, settings, monkeypatch, caplog):
    settings.FEEDBACK_EMAIL = ["evropa@starazagora.bg"]

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    response = send(client)

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert not feedback.email_sent
    assert "e-mail to staff failed" in caplog.text


def test_no_email_is_sent_when_no_address_is_configured(client, seed, settings, mailoutbox):
    settings.FEEDBACK_EMAIL = []

    send(client)

    assert mailoutbox == []
    assert Feedback.objects.count() == 1


def test_a_message_changes_no_public_page(client, seed):
    before = content_version().version

    send(client)

    assert content_version().version == before


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_message_gets_a_translated_error_tied_to_its_field(client, seed, language):
    response = send(client, language, message="   ")

    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    root = parse(response)
    assert root.find("title").text.startswith(ERROR_TITLE[language])
    assert error_of(root, "id_message").endswith(EMPTY_MESSAGE[language])
    summary = root.find(class_="error-summary")
    assert summary.attrs["role"] == "alert"
    link = summary.find("a", href="#id_message")
    assert link.text == EMPTY_MESSAGE[language]
    assert len(root.find_all("h1")) == 1


def test_a_too_long_message_is_refused_with_its_length_and_kept_for_the_reader(client, seed):
    text = "а" * (Feedback.MESSAGE_MAX_LENGTH + 1)

    response = send(client, "en", message=text)

    assert Feedback.objects.count() == 0
    root = parse(response)
    error = error_of(root, "id_message")
    assert "at most 5000 characters" in error
    assert "(it has 5001)" in error
    # Nothing the reader typed is lost.
    assert root.find("textarea", name="message").text == text


def test_an_invalid_email_address_is_refused_in_bulgarian(client, seed):
    response = send(client, "bg", email="maria@")

    assert Feedback.objects.count() == 0
    error = error_of(parse(response), "id_email")
    assert "Въведете адрес на електронна поща" in error


def test_a_too_long_name_is_refused(client, seed):
    response = send(client, "en", name="N" * 201)

    assert Feedback.objects.count() == 0
    assert "Shorten your name to at most 200 characters" in error_of(parse(response), "id_name")


def test_every_field_has_a_label_and_the_hints_are_tied_to_their_fields(client, seed):
    root = parse(client.get(FORM["en"]))
    form = root.find("form", class_="form")

    labelled = {label.attrs.get("for") for label in root.find_all("label")}
    for field in form.find_all("input") + form.find_all("textarea"):
        if field.attrs.get("type") != "hidden":
            assert field.attrs["id"] in labelled, field
    message = root.find(id="id_message")
    assert message.attrs["aria-describedby"] == "id_message_helptext"
    assert "required" in message.attrs
    # The server's messages, not the browser's, tell the reader what is wrong.
    assert "novalidate" in form.attrs


# Spam and abuse --------------------------------------------------------------------------------


def test_the_hidden_field_is_hidden_by_a_class_and_kept_from_keyboards_and_screen_readers(
    client, seed
):
    root = parse(client.get(FORM["bg"]))
    trap = root.find(class_="form__trap")
    field = root.find("input", name="website")

    assert trap.attrs["aria-hidden"] == "true"
    assert "style" not in trap.attrs and "style" not in field.attrs
    assert field.attrs["tabindex"] == "-1"
    assert field.attrs["autocomplete"] == "off"
    assert field.parent is trap or field.parent.parent is trap


def test_spam_is_answered_like_a_message_but_stored_flagged_and_not_emailed(
    client, seed, settings, mailoutbox
):
    settings.FEEDBACK_EMAIL = ["evropa@starazagora.bg"]

    response = send(client, website="http://spam.example/")

    assert response.status_code == 302
    assert response["Location"] == THANKS["bg"]
    feedback = Feedback.objects.get()
    assert feedback.is_spam
    assert mailoutbox == []
    assert list(Feedback.objects.unhandled()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_post_without_the_csrf_token_is_refused_and_what_was_written_comes_back(seed, language):
    client = Client(enforce_csrf_checks=True)
    written = "Таблицата с градовете не се чете на глас."

    response = send(client, language, message=written, name="Мария", email="m@example.bg")

    assert response.status_code == 403
    assert Feedback.objects.count() == 0
    assert "no-cache" in response["Cache-Control"]
    document = parse(response)
    assert document.find("html").attrs["lang"] == language
    assert document.find(class_="error-summary") is not None
    assert document.find("title").text.startswith(ERROR_TITLE[language])
    # What the reader wrote is in the form again, with a fresh token: send it once more.
    assert document.find("textarea", id="id_message").text.strip() == written
    assert document.find("input", id="id_name").attrs["value"] == "Мария"
    again = client.post(FORM[language], form_data(document))
    assert again.status_code == 302
    assert Feedback.objects.get().message == written


@pytest.mark.parametrize("language", LANGUAGES)
def test_any_other_form_refused_for_its_token_is_explained_in_the_sites_layout(seed, language):
    client = Client(enforce_csrf_checks=True, headers={"accept-language": language})

    response = client.post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    document = parse(response)
    assert document.find("html").attrs["lang"] == language
    heading = {"bg": "Формулярът не е изпратен", "en": "The form was not sent"}[language]
    assert document.find("h1").text == heading
    assert document.find("main").find("a").attrs["href"] == "/admin/login/"


def test_an_address_may_send_five_messages_an_hour(client, seed, settings):
    settings.FEEDBACK_RATE_LIMIT = 5
    for number in range(5):
        assert send(client, message=f"Message {number}").status_code == 302

    refused = send(client, "en", message="The sixth message.")

    assert refused.status_code == 429
    assert Feedback.objects.count() == 5
    root = parse(refused)
    assert "You have sent several messages" in root.find(class_="error-summary").text
    assert root.find("textarea", name="message").text == "The sixth message."
    # Another address may still write.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert send(other).status_code == 302


def test_the_limit_is_lifted_when_its_window_ends(client, seed, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    send(client)
    assert send(client).status_code == 429

    cache.clear()  # What the cache does when the window's hour is over.

    assert send(client).status_code == 302


def test_a_form_with_errors_does_not_count_towards_the_limit(client, seed, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    for _ in range(3):
        send(client, message="")

    assert send(client).status_code == 302


# How readers reach it ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_footer_links_to_the_form_naming_the_page(client, seed, language):
    root = parse(client.get(SECTION[language]))

    link = root.find("footer").find("a", href=f"{FORM[language]}?page={SECTION[language]}")
    assert link is not None
    form = parse(client.get(link.attrs["href"]))
    assert form.find("input", name="page").attrs["value"] == SECTION[language]


def test_the_language_switcher_keeps_the_page_the_message_concerns_in_the_other_language(
    client, seed
):
    form = parse(client.get(f"{FORM['en']}?page={SECTION['en']}"))

    switch = form.find("a", hreflang="bg", rel="alternate")
    assert switch.attrs["href"] == f"{FORM['bg']}?page=%2Fbg%2Fmezhdunarodna-deynost%2F"
    bulgarian = parse(client.get(switch.attrs["href"]))
    assert bulgarian.find("input", name="page").attrs["value"] == SECTION["bg"]


def test_only_an_address_on_this_site_is_filled_in_as_the_page(client, seed):
    for given in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        root = parse(client.get(FORM["en"], {"page": given}))
        assert root.find("input", name="page").attrs.get("value", "") == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accessibility_statement_invites_feedback_through_the_form(client, seed, language):
    path = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}[language]

    root = parse(client.get(path))

    # The invitation ticks "an accessibility problem" for the reader.
    assert root.find("main").find("a", href=f"{FORM[language]}?kind=accessibility") is not None
    body = root.find("article").text
    assert {"bg": "Държавна агенция „Електронно управление“", "en": "State e-Government"}[
        language
    ] in body
    assert {"bg": "Последно е прегледана", "en": "last reviewed"}[language] in body


STATEMENT_PARTS = {
    # The model of Commission Implementing Decision (EU) 2018/1523, in order.
    "bg": [
        "Състояние на съответствие",
        "Недостъпно съдържание",
        "Изготвяне на декларацията",
        "Обратна връзка и данни за контакт",
        "Процедура по прилагане",
    ],
    "en": [
        "Compliance status",
        "Non-accessible content",
        "Preparation of this statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ],
}


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_accessibility_statement_follows_the_eu_model_and_links_the_enforcement_body(
    client, seed, language
):
    path = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}[language]

    article = parse(client.get(path)).find("article")
    prose = article.find(class_="prose")

    # The text's parts, then the enforcement procedure from its own fields.
    parts = [h.text for part in article.find_all(class_="prose") for h in part.find_all("h2")]
    assert parts == STATEMENT_PARTS[language]
    assert {"bg": "частично съответствие", "en": "partially compliant"}[language] in prose.text
    assert {"bg": "изготвена на 25 ноември 2026", "en": "prepared on 25 November 2026"}[
        language
    ] in prose.text
    enforcement = article.find("a", href="https://e-gov.bg/")
    assert enforcement is not None
    assert {"bg": "Електронно управление", "en": "State e-Government Agency"}[
        language
    ] in enforcement.text


# Staff -----------------------------------------------------------------------------------------


def test_staff_see_the_messages_and_tick_them_handled_in_the_list(staff_client, seed):
    first = Feedback.objects.create(message="Първо съобщение", page="/bg/dostapnost/")
    Feedback.objects.create(message="Второ съобщение")
    changelist = "/admin/international/feedback/"

    response = staff_client.get(changelist)
    assert response.status_code == 200
    assert "Първо съобщение" in response.content.decode()

    data = form_data(parse(response), form_id="changelist-form")
    handled = [
        name for name, value in data.items() if name.endswith("-id") and value == str(first.pk)
    ]
    data[handled[0].replace("-id", "-is_handled")] = "on"
    data["_save"] = "Save"
    assert staff_client.post(changelist, data).status_code == 302

    first.refresh_from_db()
    assert first.is_handled
    assert list(Feedback.objects.unhandled().values_list("message", flat=True)) == [
        "Второ съобщение"
    ]
    # What the reader sent cannot be edited, and staff add no messages themselves.
    change = staff_client.get(f"{changelist}{first.pk}/change/").content.decode()
    assert 'name="message"' not in change
    assert staff_client.get(f"{changelist}add/").status_code == 403


def test_the_list_can_be_filtered_by_handled_and_searched(staff_client, seed):
    Feedback.objects.create(message="Липсва описание на логото", is_handled=True)
    Feedback.objects.create(message="Малък шрифт")

    unhandled = staff_client.get("/admin/international/feedback/?is_handled__exact=0")
    searched = staff_client.get("/admin/international/feedback/?q=логото")

    assert "Малък шрифт" in unhandled.content.decode()
    assert "Липсва описание" not in unhandled.content.decode()
    assert "Липсва описание" in searched.content.decode()
    assert "Малък шрифт" not in searched.content.decode()


def test_the_editors_group_may_read_and_mark_messages_but_not_add_or_delete_them(client, seed):
    editors = Group.objects.get(name="International activity editors")
    codenames = set(
        editors.permissions.filter(content_type__model="feedback").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_feedback", "change_feedback"}

    editor = UserFactory(is_staff=True)
    editor.groups.add(editors)
    client.force_login(editor)
    message = Feedback.objects.create(message="Съобщение")
    assert client.get("/admin/international/feedback/").status_code == 200
    assert client.get(f"/admin/international/feedback/{message.pk}/delete/").status_code == 403


def test_a_message_reads_as_its_beginning_in_lists():
    assert str(Feedback(message="Ред  едно\nред две " + "x" * 80)).startswith("Ред едно ред две")
    assert len(str(Feedback(message="x" * 200))) == 60
