"""No lost update: two editors on the same record, the same list, the same history."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from international.models import Organization, Programme, SiteContact
from tests.factories import ParticipationFactory, ProgrammeFactory, SuperuserFactory
from tests.pages import form_data, parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

REFUSED = "Друг редактор е запазил записа"


def admin_url(model, action, *args):
    return reverse(f"admin:international_{model._meta.model_name}_{action}", args=args)


def editor_client(username):
    client = Client()
    client.force_login(SuperuserFactory(username=username))
    return client


@pytest.fixture
def first():
    return editor_client("redaktor1")


@pytest.fixture
def second():
    return editor_client("redaktor2")


def open_form(client, url, form_id):
    response = client.get(url)
    assert response.status_code == 200
    return form_data(parse(response), form_id)


def post(client, url, data):
    return client.post(url, {**data, "_save": "Save"})


def conflict_table(response):
    """Return the rows of the "what changed" table: (field, when opened, now)."""
    table = parse(response).find("div", id="edit-conflict").find("table")
    return [
        tuple(cell.text.strip() for cell in [*row.find_all("th"), *row.find_all("td")])
        for row in table.find("tbody").find_all("tr")
    ]


def error_note(response):
    return parse(response).find(class_="errorlist").text


def test_the_second_of_two_editors_who_opened_the_same_version_is_refused_and_keeps_his_text(
    first, second
):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = admin_url(Organization, "change", record.pk)
    old_name = record.name_bg
    first_form = open_form(first, url, "organization_form")
    second_form = open_form(second, url, "organization_form")

    saved = post(first, url, {**first_form, "name_bg": "Клуб Страсбург", "name_en": "Club"})
    refused = post(second, url, {**second_form, "size_bg": "над 40 града"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    record.refresh_from_db()
    assert (record.name_bg, record.name_en) == ("Клуб Страсбург", "Club")
    assert record.size_bg != "над 40 града"
    assert f"{REFUSED} на" in error_note(refused) and "redaktor1" in error_note(refused)
    rows = conflict_table(refused)
    assert ("Наименование [bg]", old_name, "Клуб Страсбург") in rows
    assert any(row[0] == "Наименование [en]" and row[2] == "Club" for row in rows)
    assert not any(row[0].startswith("Членове") for row in rows)  # Not what the other saved.
    # What the second editor typed is still in the form, with the current version's token.
    again = form_data(parse(refused), "organization_form")
    assert again["size_bg"] == "над 40 града"
    assert again["_version"] != second_form["_version"]

    merged = post(second, url, {**again, "name_bg": "Клуб Страсбург", "name_en": "Club"})

    assert merged.status_code == 302
    record.refresh_from_db()
    assert (record.name_bg, record.size_bg) == ("Клуб Страсбург", "над 40 града")


def test_a_save_without_another_editor_in_between_works_as_before(first):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = admin_url(Organization, "change", record.pk)

    response = post(first, url, {**open_form(first, url, "organization_form"), "size_bg": "38"})
    again = post(first, url, {**open_form(first, url, "organization_form"), "size_bg": "39"})

    assert (response.status_code, again.status_code) == (302, 302)
    record.refresh_from_db()
    assert record.size_bg == "39"


def test_a_reorder_of_the_list_does_not_count_as_a_change_of_the_open_form(first, second):
    record, other = Organization.objects.order_by("order")[:2]
    url = admin_url(Organization, "change", record.pk)
    opened = open_form(second, url, "organization_form")
    changelist = parse(first.get(admin_url(Organization, "changelist")))
    config = json.loads(changelist.find("script", id="admin_sortable2_config").text)
    body = {"updatedItems": [[other.pk, record.order], [record.pk, other.order]]}
    moved = first.post(config["update_url"], json.dumps(body), content_type="application/json")

    response = post(second, url, {**opened, "size_bg": "38"})

    assert moved.status_code == 200
    assert response.status_code == 302


def test_a_one_row_page_refuses_a_save_over_a_newer_version(first, second):
    record = SiteContact.objects.get()
    url = admin_url(SiteContact, "change", record.pk)
    first_form = open_form(first, url, "sitecontact_form")
    second_form = open_form(second, url, "sitecontact_form")

    assert post(first, url, {**first_form, "hotline_number": "0800 11 111"}).status_code == 302
    refused = post(second, url, {**second_form, "email": "international@starazagora.bg"})

    assert refused.status_code == 200
    assert any(row[2] == "0800 11 111" for row in conflict_table(refused))


def test_a_change_in_an_inline_project_counts_as_a_change_of_the_programme(first, second):
    programme = ProgrammeFactory()
    project = ParticipationFactory(programme=programme, title_bg="Проект за градовете")
    url = admin_url(Programme, "change", programme.pk)
    opened = open_form(second, url, "programme_form")
    project_url = admin_url(type(project), "change", project.pk)
    project_form = open_form(first, project_url, "participation_form")
    assert post(first, project_url, {**project_form, "title_bg": "Нов проект"}).status_code == 302

    refused = post(second, url, {**opened, "name_bg": "Програма за гражданите"})

    assert refused.status_code == 200
    rows = conflict_table(refused)
    assert any(
        row[0] == "Участие в проект: Нов проект: Наименование на проекта [bg]"
        and row[1:] == ("Проект за градовете", "Нов проект")
        for row in rows
    ), rows
    programme.refresh_from_db()
    assert programme.name_bg != "Програма за гражданите"
    again = form_data(parse(refused), "programme_form")
    assert again["name_bg"] == "Програма за гражданите"
    assert again["participations-0-title_bg"] == "Проект за градовете"  # As typed, for merging.
    assert (
        post(second, url, {**again, "participations-0-title_bg": "Нов проект"}).status_code == 302
    )
    programme.refresh_from_db()
    assert programme.name_bg == "Програма за гражданите"


def test_a_reorder_from_a_list_older_than_the_order_is_refused_and_says_why(first, second):
    records = list(Organization.objects.order_by("order")[:3])
    changelist = parse(second.get(admin_url(Organization, "changelist")))
    stale_url = json.loads(changelist.find("script", id="admin_sortable2_config").text)[
        "update_url"
    ]
    fresh = parse(first.get(admin_url(Organization, "changelist")))
    fresh_url = json.loads(fresh.find("script", id="admin_sortable2_config").text)["update_url"]
    swap = [[records[1].pk, records[0].order], [records[0].pk, records[1].order]]
    moved = first.post(fresh_url, json.dumps({"updatedItems": swap}), "application/json")
    orders = dict(Organization.objects.values_list("pk", "order"))

    late = [[records[2].pk, records[0].order], [records[0].pk, records[2].order]]
    refused = second.post(stale_url, json.dumps({"updatedItems": late}), "application/json")

    assert moved.status_code == 200
    assert refused.status_code == 409
    assert dict(Organization.objects.values_list("pk", "order")) == orders
    reloaded = parse(second.get(admin_url(Organization, "changelist")))
    assert "Друг редактор е променил реда" in reloaded.find(class_="messagelist").text
    # The reloaded list's token is current: the same move now goes through.
    current_url = json.loads(reloaded.find("script", id="admin_sortable2_config").text)[
        "update_url"
    ]
    again = second.post(current_url, json.dumps({"updatedItems": late}), "application/json")
    assert again.status_code == 200
    assert again["X-Order-Version"] != current_url.rsplit("=", 1)[1]


def test_a_restore_from_history_opened_before_another_save_is_refused(first, second):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = admin_url(Organization, "change", record.pk)
    assert post(first, url, {**open_form(first, url, "organization_form"), "size_bg": "38"})
    version = record.history.order_by("history_date").first()
    restore_url = admin_url(Organization, "simple_history", record.pk, version.history_id)
    restore_form = open_form(second, restore_url, "historicalorganization_form")
    assert post(first, url, {**open_form(first, url, "organization_form"), "size_bg": "39"})

    refused = post(second, restore_url, restore_form)

    assert refused.status_code == 200
    record.refresh_from_db()
    assert record.size_bg == "39"
    assert REFUSED in error_note(refused)
    assert ("Членове [bg]", "38", "39") in conflict_table(refused)
    again = form_data(parse(refused), "historicalorganization_form")
    assert post(second, restore_url, again).status_code == 302
    record.refresh_from_db()
    assert record.size_bg == version.size_bg


def test_the_open_form_asks_whether_another_editor_saved_since(first, second):
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = admin_url(Organization, "change", record.pk)
    opened = open_form(second, url, "organization_form")
    version_url = parse(second.get(url)).find("input", name="_version")
    version_url = version_url.attrs["data-version-url"]

    before = second.get(version_url, {"since": opened["_version"]}).json()
    post(first, url, {**open_form(first, url, "organization_form"), "size_bg": "38"})
    after = second.get(version_url, {"since": opened["_version"]}).json()

    assert before == {"changed": False, "notice": ""}
    assert after["changed"] is True
    assert "redaktor1" in after["notice"]
    assert "можете да продължите да пишете" in after["notice"].lower()
    assert Client().get(version_url).status_code == 302  # Staff only: to the login page.


def test_a_refused_form_keeps_published_out_of_an_editors_hands(first):
    from tests.admin.roles import EDITORS, logged_in, member

    editor = logged_in(member(EDITORS, "redaktor3"))
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = admin_url(Organization, "change", record.pk)
    opened = open_form(editor, url, "organization_form")
    post(first, url, {**open_form(first, url, "organization_form"), "name_en": "Club"})

    refused = post(editor, url, {**opened, "size_bg": "над 40 града"})

    assert REFUSED in error_note(refused)
    # Publishing stays an approver's, on the form that comes back too.
    assert "disabled" in parse(refused).find("input", id="id_is_published").attrs
