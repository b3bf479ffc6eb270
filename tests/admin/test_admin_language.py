"""The Bulgarian admin speaks Bulgarian: history pages, refusals, groups and permissions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.admin.roles import APPROVERS, EDITORS
from tests.factories import OrganizationFactory, UserFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return parse(response).text


def options_of(page, name):
    return [option.text for option in page.find("select", name=name).find_all("option")]


def test_restore_form_breadcrumbs_name_the_kind_of_record_not_the_history_model(staff_client):
    record = OrganizationFactory()
    version = record.history.latest()
    url = reverse("admin:international_organization_simple_history", args=[record.pk, version.pk])

    breadcrumbs = parse(staff_client.get(url)).find("div", class_="breadcrumbs").text

    assert "Организации" in breadcrumbs
    assert "Международна дейност" in breadcrumbs
    assert "istorical" not in breadcrumbs


def test_history_of_a_long_text_says_in_bulgarian_how_much_it_leaves_out(staff_client):
    record = OrganizationFactory(description_bg="<p>" + "Начало на описанието. " * 40 + "</p>")
    record.description_bg = "<p>" + "Начало на описанието. " * 40 + "Ново изречение.</p>"
    record.save()
    url = reverse("admin:international_organization_history", args=[record.pk])

    page = text(staff_client.get(url))

    assert "знака]" in page
    assert "chars]" not in page


def test_a_refused_admin_page_is_in_bulgarian_in_the_admin_layout(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    response = client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403
    page = parse(response)
    assert page.find("h1").text == "Достъпът е отказан"
    assert page.find(id="header")  # The admin's own layout, with its styles.
    assert "Forbidden" not in page.text


def test_group_list_shows_the_sections_groups_in_bulgarian(staff_client):
    page = text(staff_client.get(reverse("admin:auth_group_changelist")))

    assert "Редактори на „Международна дейност“" in page
    assert "Одобряващи в „Международна дейност“" in page
    assert EDITORS not in page


def test_group_form_names_the_permissions_in_bulgarian(staff_client):
    group = Group.objects.get(name=APPROVERS)
    url = reverse("admin:auth_group_change", args=[group.pk])

    options = options_of(parse(staff_client.get(url)), "permissions")

    assert "Международна дейност | Организация | Може да добавя организация" in options
    history = (
        "Международна дейност | Организация (история) | Може да преглежда организация (история)"
    )
    assert history in options
    # A permission of the project's own, by its translated name.
    assert any(option.endswith(" | Може да одобрява и публикува промени") for option in options)
    assert not [option for option in options if "Can " in option]


def test_user_form_names_groups_and_permissions_in_bulgarian(staff_client):
    editor = UserFactory(is_staff=True)
    url = reverse("admin:auth_user_change", args=[editor.pk])

    page = parse(staff_client.get(url))
    groups = options_of(page, "groups")
    permissions = options_of(page, "user_permissions")

    assert "Редактори на „Международна дейност“" in groups
    assert "Международна дейност | Побратимен град | Може да променя побратимен град" in permissions
    assert not [option for option in permissions if "Can " in option]


def test_user_list_filters_by_groups_named_in_bulgarian(staff_client):
    page = text(staff_client.get(reverse("admin:auth_user_changelist")))

    assert "Редактори на „Международна дейност“" in page
