"""Review and approval: an editor's change waits for an approver before the public sees it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from international.models import Organization, Participation, PendingChange
from tests.admin.roles import APPROVERS, EDITORS, logged_in, member
from tests.admin.test_editor_admin import (
    admin_url,
    assert_saved,
    changes_shown,
    history_rows,
    public_page,
    strasbourg,
    submit,
)
from tests.factories import UserFactory
from tests.pages import parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]


@pytest.fixture
def editor(db):
    return member(EDITORS, "redaktor")


@pytest.fixture
def approver(db):
    return member(APPROVERS, "odobryavashta")


def change_url(change, action="change"):
    return reverse(f"admin:international_pendingchange_{action}", args=[change.pk])


def propose_new_english_name(editor):
    record = strasbourg()
    client = logged_in(editor)
    response = submit(
        client, admin_url("change", record.pk), "organization_form", name_en="Club of Strasbourg"
    )
    assert_saved(response)
    return record, client, response


def h1(record, language="en"):
    return public_page(record, language).find("h1").text


def test_the_approvers_group_has_the_editors_rights_and_the_publish_permission():
    editors = Group.objects.get(name=EDITORS)
    approvers = Group.objects.get(name=APPROVERS)
    codenames = set(approvers.permissions.values_list("codename", flat=True))

    assert set(editors.permissions.values_list("codename", flat=True)) < codenames
    assert {"publish_records", "view_pendingchange"} <= codenames
    assert not editors.permissions.filter(codename="publish_records").exists()
    assert not approvers.permissions.filter(content_type__app_label="auth").exists()


def test_an_editors_edit_of_a_published_record_waits_and_the_public_page_is_unchanged(
    editor, approver
):
    record = strasbourg()
    before = h1(record)

    record, client, response = propose_new_english_name(editor)

    record.refresh_from_db()
    assert record.name_en == "Strasbourg Club"
    assert h1(record) == before
    change = PendingChange.objects.get()
    assert (change.record, change.author, change.status) == (record, editor, "pending")
    assert change.values["name_en"] == "Club of Strasbourg"
    assert change.values["name_bg"] == record.name_bg
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == ["Промените ви са изпратени за одобрение."]
    # Reopened, the form shows the proposal, with a notice.
    page = client.get(admin_url("change", record.pk))
    form = parse(page)
    assert form.find("input", name="name_en").attrs["value"] == "Club of Strasbourg"
    assert "изпратени за одобрение" in form.find(class_="messagelist").text
    # Approvers hear of it.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [approver.email]
    assert f"{settings.SITE_URL}{change_url(change)}" in mail.outbox[0].body
    assert editor.email not in mail.outbox[0].to


def test_an_approver_approves_and_the_public_page_and_history_show_it(editor, approver):
    record, _client, _response = propose_new_english_name(editor)
    change = PendingChange.objects.get()
    reviewer = logged_in(approver)

    page = parse(reviewer.get(change_url(change)))
    comparison = page.find("table", class_="review-comparison")
    cells = [cell for cell in comparison.find("tbody").iter() if cell.tag in ("th", "td")]
    # When proposed, published now, proposed.
    assert [cell.text for cell in cells] == [
        "Наименование [en]", "Strasbourg Club", "Strasbourg Club", "Club of Strasbourg",
    ]  # fmt: skip
    response = reviewer.post(change_url(change, "approve"))

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name_en == "Club of Strasbourg"
    assert h1(record).startswith("Club of Strasbourg")
    change.refresh_from_db()
    assert (change.status, change.reviewer) == ("approved", approver)
    approved, submitted, *_older = history_rows(reviewer, record)
    assert approved.find_all("td")[3].text == approver.username
    assert approved.find_all("td")[4].text.strip() == "Одобрено: промяната на redaktor"
    assert submitted.find_all("td")[3].text == editor.username
    assert submitted.find_all("td")[4].text.strip() == "Изпратено за одобрение от redaktor"
    assert changes_shown(approved) == ["Наименование [en]: Strasbourg Club → Club of Strasbourg"]
    assert changes_shown(submitted) == []  # The record itself did not change then.


def test_sent_back_with_a_comment_the_record_stays_and_the_author_reads_why(editor, approver):
    record, client, _response = propose_new_english_name(editor)
    change = PendingChange.objects.get()
    reviewer = logged_in(approver)
    mail.outbox.clear()

    without_comment = reviewer.post(change_url(change, "send_back"), {"comment": " "})
    response = reviewer.post(change_url(change, "send_back"), {"comment": "Името е „Club“."})

    assert without_comment.status_code == response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.comment) == ("sent_back", "Името е „Club“.")
    record.refresh_from_db()
    assert record.name_en == "Strasbourg Club"
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Името е „Club“." in mail.outbox[0].body
    form = parse(client.get(admin_url("change", record.pk)))
    assert "Името е „Club“." in form.find(class_="messagelist").text
    own = parse(client.get(change_url(change)))
    assert "Името е „Club“." in own.find(id="content-main").text
    sent_back = history_rows(reviewer, record)[0]
    assert sent_back.find_all("td")[3].text == approver.username
    assert sent_back.find_all("td")[4].text.strip() == ("Върнато на redaktor: Името е „Club“.")


def test_a_new_record_by_an_editor_is_unpublished_until_approved(editor, approver):
    client = logged_in(editor)

    response = submit(
        client, admin_url("add"), "organization_form",
        name_bg="Нова мрежа", name_en="New network", is_published="on",
    )  # fmt: skip

    assert_saved(response)
    record = Organization.objects.get(name_bg="Нова мрежа")
    assert not record.is_published
    assert not Organization.objects.published().filter(pk=record.pk).exists()
    change = PendingChange.objects.get(object_id=record.pk)
    assert change.is_new
    assert logged_in(approver).post(change_url(change, "approve")).status_code == 302
    record.refresh_from_db()
    assert record.is_published
    assert h1(record).startswith("New network")


def test_the_editors_form_cannot_publish(editor):
    form = parse(logged_in(editor).get(admin_url("add")))
    checkbox = form.find("input", name="is_published")
    assert "disabled" in checkbox.attrs
    changelist = parse(logged_in(editor).get(admin_url("changelist")))
    assert changelist.find("input", name="form-0-is_published") is None


def test_an_approvers_own_save_publishes_directly(approver):
    record = strasbourg()

    response = submit(
        logged_in(approver), admin_url("change", record.pk), "organization_form",
        name_en="Club of Strasbourg",
    )  # fmt: skip

    assert_saved(response)
    record.refresh_from_db()
    assert record.name_en == "Club of Strasbourg"
    assert h1(record).startswith("Club of Strasbourg")
    assert not PendingChange.objects.exists()
    assert mail.outbox == []


def waiting_shown(client):
    box = parse(client.get(reverse("admin:index"))).find(class_="changes-awaiting-approval")
    return None if box is None else box.find("a").text.strip()


def test_the_admin_index_counts_the_waiting_changes_for_approvers_only(editor, approver):
    assert waiting_shown(logged_in(approver)) is None
    propose_new_english_name(editor)

    assert waiting_shown(logged_in(approver)) == "1 промяна чака вашето одобрение"
    assert waiting_shown(logged_in(editor)) is None


def test_the_waiting_count_is_one_query(editor, approver, rf, django_assert_num_queries):
    from international.templatetags.international_admin import changes_awaiting_approval

    propose_new_english_name(editor)
    request = rf.get("/admin/")
    request.user = approver
    approver.has_perm("international.publish_records")  # Its permissions are now cached.

    with django_assert_num_queries(1):
        assert changes_awaiting_approval({"request": request}) == 1


def test_an_editor_restoring_a_version_proposes_it(editor):
    record = strasbourg()
    earliest = record.history.earliest("history_date")
    record.name_en = "Club of Strasbourg"
    record.save()
    client = logged_in(editor)
    url = admin_url("simple_history", record.pk, earliest.history_id)

    assert_saved(submit(client, url, "historicalorganization_form"))

    record.refresh_from_db()
    assert record.name_en == "Club of Strasbourg"
    assert PendingChange.objects.get().values["name_en"] == "Strasbourg Club"


def test_an_editor_restoring_a_deleted_record_gets_a_draft_awaiting_approval(editor):
    from international.models import TwinCity

    record = TwinCity.objects.get(slug_bg="krushevats")
    pk = record.pk
    record.delete()
    client = logged_in(editor)
    deletion = TwinCity.history.filter(id=pk).first()
    url = admin_url("simple_history", pk, deletion.history_id, model=TwinCity)

    assert_saved(submit(client, url, "historicaltwincity_form"))

    restored = TwinCity.objects.get(pk=pk)
    assert not restored.is_published
    change = PendingChange.objects.get(object_id=pk)
    assert change.is_new and change.values["is_published"] is True


def test_an_editor_proposes_a_published_programmes_projects_in_their_own_forms(editor):
    from international.models import Programme

    programme = Programme.objects.filter(participations__isnull=False).first()
    project = programme.participations.first()
    client = logged_in(editor)
    page = parse(client.get(admin_url("change", programme.pk, model=Programme)))

    # A published programme's projects are read there and proposed each in its own form.
    assert page.find("input", name="participations-0-is_published") is None
    assert page.find("input", name="participations-0-title_bg") is None
    assert page.find("a", href=admin_url("change", project.pk, model=Participation)) is not None
    # A draft's projects are edited there, but not published.
    Programme.objects.filter(pk=programme.pk).update(is_published=False)
    draft = parse(client.get(admin_url("change", programme.pk, model=Programme)))
    assert draft.find("input", name="participations-0-title_bg") is not None
    assert draft.find("input", name="participations-0-is_published") is None


def test_an_approver_found_through_their_own_permission_is_emailed_too(editor):
    direct = UserFactory(username="direktor", is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="publish_records"))
    UserFactory(username="neaktiven", is_staff=True, is_active=False).groups.add(
        Group.objects.get(name=APPROVERS)
    )

    propose_new_english_name(editor)

    assert mail.outbox[0].to == [direct.email]


def test_editors_and_approvers_cannot_reach_users_or_groups(editor, approver):
    for user in (editor, approver):
        client = logged_in(user)
        for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/group/add/"):
            assert client.get(url).status_code == 403, (user, url)


def test_an_editor_sees_only_their_own_changes_and_cannot_approve(editor, approver):
    propose_new_english_name(editor)
    change = PendingChange.objects.get()
    other = UserFactory(username="druga", is_staff=True)
    other.groups.add(Group.objects.get(name=EDITORS))

    assert logged_in(other).get(change_url(change)).status_code == 302  # Not theirs: gone.
    assert logged_in(editor).post(change_url(change, "approve")).status_code == 403
    change.refresh_from_db()
    assert change.status == "pending"


def test_an_editors_edit_of_the_section_page_waits_for_approval(editor, approver):
    from international.models import SectionPage

    page = SectionPage.objects.get()
    before = Client().get("/bg/mezhdunarodna-deynost/").content.decode()

    response = submit(
        logged_in(editor), admin_url("change", page.pk, model=SectionPage), "sectionpage_form",
        title_bg="Международно сътрудничество",
    )  # fmt: skip

    assert_saved(response)
    assert SectionPage.objects.get().title_bg == page.title_bg
    assert Client().get("/bg/mezhdunarodna-deynost/").content.decode() == before
    change = PendingChange.objects.get()
    assert logged_in(approver).post(change_url(change, "approve")).status_code == 302
    assert parse(Client().get("/bg/mezhdunarodna-deynost/")).find("h1").text == (
        "Международно сътрудничество"
    )


def test_the_author_reads_when_a_change_was_sent_and_sent_back_in_sofia_time(editor, approver):
    import datetime

    record, client, _response = propose_new_english_name(editor)
    change = PendingChange.objects.get()
    ten_utc = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
    PendingChange.objects.filter(pk=change.pk).update(created_at=ten_utc)

    waiting = parse(client.get(admin_url("change", record.pk))).find(class_="messagelist")
    PendingChange.objects.filter(pk=change.pk).update(
        status="sent_back", reviewer=approver, reviewed_at=ten_utc, comment="Не."
    )
    sent_back = parse(client.get(admin_url("change", record.pk))).find(class_="messagelist")

    # Noon in Sofia (UTC+2 in December), as every other time in the admin.
    assert "7 декември 2026 г., 12:00" in waiting.text
    assert "7 декември 2026 г., 12:00" in sent_back.text
