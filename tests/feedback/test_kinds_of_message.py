"""One form for every problem with a page: accessibility, wrong information, or other."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import AddField
from django.test import Client

from international.models import Feedback
from tests.pages import form_data, parse

pytestmark = pytest.mark.django_db

FORM = {"bg": "/bg/obratna-vrazka/", "en": "/en/feedback/"}
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
LANGUAGES = ["bg", "en"]
CHOICES = {
    "bg": ["Проблем с достъпността", "Грешна или остаряла информация", "Нещо друго"],
    "en": ["An accessibility problem", "Wrong or outdated information", "Something else"],
}
LEGEND = {"bg": "За какво е съобщението ви?", "en": "What is your message about?"}
NO_KIND = {"bg": "Изберете за какво е съобщението ви.", "en": "Choose what your message is about."}
FOOTER_LINK = {"bg": "Съобщете за проблем с тази страница", "en": "Report a problem with this page"}


def radios(root):
    return root.find("form", method="post").find_all("input", type="radio")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kind_is_a_translated_choice_of_radio_buttons_in_a_fieldset_none_ticked(
    client, seed, language
):
    root = parse(client.get(FORM[language]))

    fieldset = root.find("fieldset")
    assert fieldset.find("legend").text.strip() == LEGEND[language]
    buttons = radios(root)
    assert [button.attrs["value"] for button in buttons] == ["accessibility", "content", "other"]
    assert all("required" in button.attrs and button.attrs["name"] == "kind" for button in buttons)
    assert not any("checked" in button.attrs for button in buttons)
    labels = [root.find("label", **{"for": button.attrs["id"]}).text.strip() for button in buttons]
    assert labels == CHOICES[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_message_without_a_kind_is_refused_with_the_error_tied_to_the_fieldset(
    client, seed, language
):
    response = client.post(FORM[language], {"message": "The address of the event is old."})

    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    root = parse(response)
    summary_link = root.find(class_="error-summary").find("a")
    assert summary_link.text == NO_KIND[language]
    assert summary_link.attrs["href"] == "#id_kind_0"
    assert root.find(id="id_kind_0") is not None
    fieldset = root.find("fieldset")
    assert "id_kind_error" in fieldset.attrs["aria-describedby"].split()
    assert NO_KIND[language] in root.find(id="id_kind_error").text
    # What the reader wrote stays.
    assert root.find("textarea", name="message").text == "The address of the event is old."


def test_an_unknown_kind_is_refused(client, seed):
    client.post(FORM["en"], {"kind": "praise", "message": "Fine."})

    assert Feedback.objects.count() == 0


def test_a_message_on_wrong_information_is_stored_with_its_kind_and_the_subject_names_it(
    client, seed, settings, mailoutbox
):
    settings.FEEDBACK_EMAIL = ["evropa@starazagora.bg"]

    response = client.post(
        FORM["en"],
        {"kind": "content", "message": "The year of membership is wrong.", "page": SECTION["en"]},
    )

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.kind, feedback.page) == (Feedback.Kind.CONTENT, SECTION["en"])
    [email] = mailoutbox
    # Staff read Bulgarian whatever the language of the form.
    assert "Грешна или остаряла информация" in email.subject
    assert "Вид: Грешна или остаряла информация" in email.body


def test_the_accessibility_statements_invitation_ticks_the_accessibility_kind(client, seed):
    root = parse(client.get(FORM["en"], {"kind": "accessibility"}))

    checked = [button.attrs["value"] for button in radios(root) if "checked" in button.attrs]
    assert checked == ["accessibility"]
    # Anything else in the query ticks nothing.
    assert not any(
        "checked" in b.attrs for b in radios(parse(client.get(FORM["en"], {"kind": "x"})))
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_link_names_a_problem_with_this_page_and_fills_in_the_page(
    client, seed, language
):
    root = parse(client.get(SECTION[language]))

    link = root.find("footer").find("a", href=f"{FORM[language]}?page={SECTION[language]}")
    assert link.text == FOOTER_LINK[language]
    form = parse(client.get(link.attrs["href"]))
    assert form.find("input", name="page").attrs["value"] == SECTION[language]


def test_only_a_page_of_this_site_is_filled_in_from_the_link(client, seed):
    for given in (
        "/bg/no-such-page/",
        "/bg/mezhdunarodna-deynost/organizatsii/no-such-organisation/",
        "/\\evil.example/",
    ):
        root = parse(client.get(FORM["en"], {"page": given}))
        assert root.find("input", name="page").attrs.get("value", "") == "", given
    record = "/en/international-activity/organisations/strasbourg-club/"
    root = parse(client.get(FORM["en"], {"page": record}))
    assert root.find("input", name="page").attrs["value"] == record


def test_a_refused_token_gives_the_form_back_with_the_kind_still_ticked(seed):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        FORM["bg"], {"kind": "content", "message": "Сайтът на събитието е сменен."}
    )

    assert response.status_code == 403
    document = parse(response)
    checked = [b.attrs["value"] for b in radios(document) if "checked" in b.attrs]
    assert checked == ["content"]
    again = client.post(FORM["bg"], form_data(document))
    assert again.status_code == 302
    assert Feedback.objects.get().kind == Feedback.Kind.CONTENT


def test_after_a_failed_send_the_error_summary_takes_the_focus_without_javascript(client, seed):
    root = parse(client.post(FORM["en"], {"message": ""}))

    summary = root.find(class_="error-summary")
    assert summary.attrs["tabindex"] == "-1"
    assert "autofocus" in summary.attrs
    assert len(root.find_all(autofocus=True)) == 1


def test_staff_see_the_kind_in_the_list_and_filter_by_it(staff_client, seed):
    Feedback.objects.create(message="Грешна година", kind=Feedback.Kind.CONTENT)
    Feedback.objects.create(message="Малък шрифт")

    listing = staff_client.get("/admin/international/feedback/").content.decode()
    content = staff_client.get("/admin/international/feedback/?kind__exact=content")

    assert "Грешна или остаряла информация" in listing  # The admin is in Bulgarian.
    assert "kind__exact=content" in listing  # The filter is offered.
    assert "Грешна година" in content.content.decode()
    assert "Малък шрифт" not in content.content.decode()


@pytest.mark.django_db(transaction=True)
def test_messages_sent_before_the_choice_existed_become_accessibility_messages():
    loader = MigrationExecutor(connection).loader
    # The migration that adds the kind, found by what it does: the lead renumbers at merge.
    [adding] = [
        key
        for key, migration in loader.disk_migrations.items()
        if any(
            isinstance(operation, AddField)
            and (operation.model_name, operation.name) == ("feedback", "kind")
            for operation in migration.operations
        )
    ]
    [parent] = loader.graph.node_map[adding].parents
    call_command("migrate", "international", parent.key[1], verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO international_feedback (name, email, message, page, language, "
            "created_at, is_spam, email_sent, is_handled, staff_note) VALUES "
            "('', '', 'An old message', '', 'bg', '2026-01-01 10:00', false, false, false, '')"
        )

    call_command("migrate", verbosity=0)

    assert Feedback.objects.get(message="An old message").kind == "accessibility"


def test_a_reader_asked_to_wait_finds_the_kind_still_ticked(client, seed, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    client.post(FORM["en"], {"kind": "other", "message": "First."})

    refused = client.post(FORM["en"], {"kind": "content", "message": "Second."})

    assert refused.status_code == 429
    checked = [b.attrs["value"] for b in radios(parse(refused)) if "checked" in b.attrs]
    assert checked == ["content"]


def test_the_page_named_in_the_link_is_looked_up_once_and_once_for_each_language(client, seed):
    from django.test.utils import CaptureQueriesContext

    record = "/en/international-activity/organisations/strasbourg-club/"
    with CaptureQueriesContext(connection) as queries:
        root = parse(client.get(FORM["en"], {"page": record}))

    assert root.find("input", name="page").attrs["value"] == record
    lookups = [
        q for q in queries.captured_queries if 'FROM "international_organization"' in q["sql"]
    ]
    # Checked once for the form, and named in each language for the switcher.
    assert len(lookups) <= 3, len(lookups)
