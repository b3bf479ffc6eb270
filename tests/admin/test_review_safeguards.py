"""What review must not let slip: saving inlines, editors' documents, stale approvals, deletes.

Each test goes through the real admin views as an editor (proposes) and an approver
(publishes), as tests/admin/test_review.py does.
"""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from international.models import (
    Document,
    Organization,
    Participation,
    PendingChange,
    Programme,
    SectionPage,
)
from tests.admin.roles import APPROVERS, EDITORS, logged_in, member
from tests.admin.test_editor_admin import admin_url, assert_saved, submit
from tests.documents import uploaded_pdf
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    SectionPageFactory,
)
from tests.pages import form_data, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return logged_in(member(EDITORS, "redaktor"))


@pytest.fixture
def approver(db):
    return logged_in(member(APPROVERS, "odobryavashta"))


def change_url(change, action="change"):
    return reverse(f"admin:international_pendingchange_{action}", args=[change.pk])


def save_with_a_new_document(client, record, title_bg="Нов доклад"):
    """Post *record*'s change form as shown, with one document added."""
    url = admin_url("change", record.pk, model=type(record))
    data = form_data(parse(client.get(url)), f"{type(record)._meta.model_name}_form")
    row = int(data["documents-TOTAL_FORMS"])
    data.update(
        {
            "documents-TOTAL_FORMS": str(row + 1),
            f"documents-{row}-file": uploaded_pdf("Нов доклад.pdf"),
            f"documents-{row}-title_bg": title_bg,
            f"documents-{row}-title_en": "",
            f"documents-{row}-language": "bg",
            f"documents-{row}-order": str(row + 1),
            # Ticked on a new row, as the approvers' form shows it; editors have no box.
            f"documents-{row}-is_approved": "on",
            "_save": "Save",
        }
    )
    return client.post(url, data)


def public_titles(record):
    with translation.override("bg"):
        page = parse(Client().get(record.get_absolute_url()))
    listed = page.find("ul", class_="document-list")
    return [link.text for link in listed.find_all("a")] if listed is not None else []


# 1. An editor's save of a published programme or project -------------------------------


@pytest.mark.parametrize("model", [Participation, Programme])
def test_an_editors_save_of_a_published_programme_or_project_is_stored_as_a_proposal(editor, model):
    record = ParticipationFactory() if model is Participation else ProgrammeFactory()
    DocumentFactory(**({"participation": record} if model is Participation else {
        "programme": record, "participation": None,
    }))  # fmt: skip
    field = "title_en" if model is Participation else "name_en"

    response = submit(
        editor, admin_url("change", record.pk, model=model), f"{model._meta.model_name}_form",
        **{field: "A proposed English name"},
    )  # fmt: skip

    assert_saved(response)  # Not a server error.
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Промените ви са изпратени за одобрение." in messages
    assert PendingChange.objects.get().values[field] == "A proposed English name"
    record.refresh_from_db()
    assert getattr(record, field) != "A proposed English name"


# 2. Documents by editors ------------------------------------------------------------------


def test_an_editors_document_on_a_published_project_waits_for_approval(editor, approver):
    project = ParticipationFactory()
    DocumentFactory(participation=project, title_bg="Одобрен доклад")
    mail.outbox.clear()

    assert_saved(save_with_a_new_document(editor, project))

    added = Document.objects.get(title_bg="Нов доклад")
    assert not added.is_approved
    assert public_titles(project) == ["Одобрен доклад"]
    assert Client().get(added.get_absolute_url()).status_code == 404
    assert added not in Document.objects.published()
    # The approvers' e-mail names it; the editor's form says it waits.
    assert "Нов доклад" in mail.outbox[0].body
    form = parse(editor.get(admin_url("change", project.pk, model=Participation)))
    rows = form.find("div", id="documents-group").find("tbody").find_all("tr")
    assert any("Очаква одобрение" in row.text for row in rows)
    # The approver sees it with the change and approves both.
    change = PendingChange.objects.get()
    assert "Нов доклад" in approver.get(change_url(change)).content.decode()
    assert approver.post(change_url(change, "approve")).status_code == 302
    added.refresh_from_db()
    assert added.is_approved
    assert public_titles(project) == ["Одобрен доклад", "Нов доклад"]
    assert Client().get(added.get_absolute_url()).status_code == 200


def test_an_editor_cannot_change_or_remove_a_published_records_documents(editor):
    project = ParticipationFactory()
    document = DocumentFactory(participation=project, title_bg="Одобрен доклад")
    url = admin_url("change", project.pk, model=Participation)
    page = parse(editor.get(url))

    assert page.find("input", name="documents-0-title_bg") is None  # Read-only.
    assert page.find("input", name="documents-0-DELETE") is None
    data = form_data(page, "participation_form")
    data.update({"documents-0-id": str(document.pk), "documents-0-title_bg": "Подменен",
                 "documents-0-DELETE": "on", "_save": "Save"})  # fmt: skip
    assert_saved(editor.post(url, data))
    document.refresh_from_db()
    assert document.title_bg == "Одобрен доклад"


def test_documents_of_a_draft_and_an_approvers_documents_are_approved_at_once(editor, approver):
    draft = ParticipationFactory(is_published=False)
    published = ParticipationFactory()

    assert_saved(save_with_a_new_document(editor, draft, "За черновата"))
    assert_saved(save_with_a_new_document(approver, published, "От одобряващия"))

    assert Document.objects.get(title_bg="За черновата").is_approved
    assert Document.objects.get(title_bg="От одобряващия").is_approved
    assert public_titles(published) == ["От одобряващия"]


def test_an_approver_approves_a_document_on_the_records_form(approver):
    project = ParticipationFactory()
    waiting = DocumentFactory(participation=project, is_approved=False, title_bg="Чака")
    url = admin_url("change", project.pk, model=Participation)
    data = form_data(parse(approver.get(url)), "participation_form")
    assert "documents-0-is_approved" not in data  # The box is shown unticked.

    data.update({"documents-0-is_approved": "on", "_save": "Save"})
    assert_saved(approver.post(url, data))

    waiting.refresh_from_db()
    assert waiting.is_approved
    assert public_titles(project) == ["Чака"]


def test_the_open_data_export_leaves_out_documents_awaiting_approval(client):
    project = ParticipationFactory()
    DocumentFactory(participation=project, title_bg="Одобрен доклад")
    DocumentFactory(participation=project, is_approved=False, title_bg="Чакащ доклад")

    with translation.override("en"):
        response = client.get(reverse("international:open_data_json"))
    body = b"".join(response.streaming_content).decode()

    assert "Одобрен доклад" in body and "Чакащ доклад" not in body


def test_the_admin_index_opens_with_a_document_lacking_english(approver):
    DocumentFactory(title_en="")

    assert approver.get("/admin/").status_code == 200


# 3. A proposal approved after the record changed ----------------------------------------


def propose(editor, record, **changes):
    response = submit(editor, admin_url("change", record.pk), "organization_form", **changes)
    assert_saved(response)
    return PendingChange.objects.get(object_id=record.pk)


def test_approving_applies_only_what_the_editor_changed(editor, approver):
    record = OrganizationFactory(size_en="38 cities")
    change = propose(editor, record, name_en="Club of Strasbourg")
    assert_saved(submit(approver, admin_url("change", record.pk), "organization_form",
                        size_en="over 50 cities"))  # fmt: skip

    assert approver.post(change_url(change, "approve")).status_code == 302

    record.refresh_from_db()
    assert (record.name_en, record.size_en) == ("Club of Strasbourg", "over 50 cities")


def test_a_proposal_of_a_field_changed_since_is_refused_with_the_three_versions(editor, approver):
    record = OrganizationFactory(name_en="Strasbourg Club")
    change = propose(editor, record, name_en="Club of Strasbourg")
    assert_saved(submit(approver, admin_url("change", record.pk), "organization_form",
                        name_en="The Strasbourg Club"))  # fmt: skip

    response = approver.post(change_url(change, "approve"), follow=True)

    record.refresh_from_db()
    assert record.name_en == "The Strasbourg Club"
    change.refresh_from_db()
    assert change.status == "pending"
    text = parse(response).find("ul", class_="messagelist").text
    assert "Записът е променен" in text
    table = parse(response).find("table", class_="review-comparison")
    headings = [th.text for th in table.find("thead").find_all("th")]
    assert headings == ["Поле", "При предлагането", "Публикувана версия", "Предложено"]
    cells = [td.text for td in table.find("tbody").find_all("td")]
    assert cells == ["Strasbourg Club", "The Strasbourg Club", "Club of Strasbourg"]


def test_the_editors_form_lays_only_their_changes_over_the_current_record(editor, approver):
    record = OrganizationFactory(size_en="38 cities")
    propose(editor, record, name_en="Club of Strasbourg")
    assert_saved(submit(approver, admin_url("change", record.pk), "organization_form",
                        size_en="over 50 cities"))  # fmt: skip

    data = form_data(parse(editor.get(admin_url("change", record.pk))), "organization_form")

    assert (data["name_en"], data["size_en"]) == ("Club of Strasbourg", "over 50 cities")


# 4. Deleting --------------------------------------------------------------------------------


def test_an_editor_cannot_delete_a_published_record_but_deletes_a_draft(editor):
    published = OrganizationFactory()
    draft = OrganizationFactory(is_published=False)

    assert editor.get(admin_url("delete", published.pk)).status_code == 403
    assert editor.post(admin_url("delete", published.pk), {"post": "yes"}).status_code == 403
    assert editor.post(admin_url("delete", draft.pk), {"post": "yes"}).status_code == 302

    assert list(Organization.objects.all()) == [published]


def test_the_editors_bulk_delete_leaves_published_records(editor, approver):
    published = OrganizationFactory()
    draft = OrganizationFactory(is_published=False)
    action = {"action": "delete_selected", "_selected_action": [published.pk, draft.pk],
              "post": "yes"}  # fmt: skip

    editor.post(admin_url("changelist"), action)
    assert Organization.objects.count() == 2
    approver.post(admin_url("changelist"), action)
    assert Organization.objects.count() == 0


def test_nobody_deletes_the_section_page(editor, approver):
    page = SectionPageFactory()
    for client in (editor, approver):
        url = admin_url("delete", page.pk, model=SectionPage)
        assert client.get(url).status_code == 403


# 5. Scheduled and expired records in the preview and the comparison -----------------------


@pytest.mark.parametrize(
    ("schedule", "banner"),
    [
        ({"publish_from": datetime.datetime(2099, 3, 1, 8, tzinfo=datetime.UTC)},
         "Scheduled: this record will be public from 1 March 2099, 10:00 (Sofia time)."),
        ({"publish_until": datetime.datetime(2020, 3, 1, 8, tzinfo=datetime.UTC)},
         "Expired: this record was public until 1 March 2020, 10:00 (Sofia time)."),
        ({}, "Preview: this is how the page looks to the public."),
    ],
)  # fmt: skip
def test_the_preview_banner_names_a_scheduled_or_expired_record(approver, schedule, banner):
    record = OrganizationFactory(**schedule)
    with translation.override("en"):
        response = approver.get(admin_url("preview", record.pk, "en"))
    assert parse(response).find("p", class_="preview-banner").text == banner


def test_the_comparison_of_a_scheduled_record_heads_its_current_version(editor, approver):
    record = OrganizationFactory(publish_from=timezone.now() + datetime.timedelta(days=3))
    change = propose(editor, record, name_en="Club of Strasbourg")

    table = parse(approver.get(change_url(change))).find("table", class_="review-comparison")

    assert [th.text for th in table.find("thead").find_all("th")][2] == "Текуща версия"


def test_an_editors_draft_programme_keeps_its_projects_editable_while_its_publishing_waits():
    from django.contrib.contenttypes.models import ContentType

    user = member(EDITORS, "redaktor2")
    programme = ProgrammeFactory(is_published=False)
    ParticipationFactory(programme=programme)
    # The editor's own proposal to publish it, as their new record made.
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        values={"is_published": True},
        author=user,
    )

    response = logged_in(user).get(admin_url("change", programme.pk, model=Programme))

    projects = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is Participation
    )
    # Stored as a draft: the editor still adds and changes its projects.
    assert projects.has_add_permission and projects.has_change_permission


def test_an_editor_opening_a_published_programme_asks_once_whether_it_is_published(editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = ProgrammeFactory()
    ParticipationFactory(programme=programme)
    DocumentFactory(programme=programme, participation=None)
    DocumentFactory(programme=programme, participation=None)

    with CaptureQueriesContext(connection) as queries:
        response = editor.get(admin_url("change", programme.pk, model=Programme))

    assert response.status_code == 200
    published = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT 1 AS "a" FROM "international_programme"')
        and '"international_programme"."is_published"' in query["sql"]
        and "publish_from" not in query["sql"]  # Whether it is live now: another question.
    ]
    assert len(published) == 1, "\n".join(published)


def test_a_change_another_approver_approved_meanwhile_cannot_be_sent_back():
    """Two approvers on one change: the second one's send-back changes nothing."""
    from international.models import PendingChange
    from international.review import proposals
    from tests.factories import PendingChangeFactory, UserFactory

    change = PendingChangeFactory()
    opened = PendingChange.objects.get(pk=change.pk)  # the second approver's page
    approver = UserFactory(is_staff=True)
    proposals.approve(change, approver)

    with pytest.raises(proposals.AlreadyReviewedError):
        proposals.send_back(opened, approver, "Не е вярно.")
    assert PendingChange.objects.get(pk=change.pk).status == PendingChange.Status.APPROVED
