"""Review and approval in a real Chromium: an editor proposes, an approver publishes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from international.models import Organization
from tests.admin.roles import APPROVERS, EDITORS
from tests.browser.test_admin_editing import organization_change_url, save
from tests.browser.test_document_upload import FIELDS, change_url
from tests.documents import pdf_bytes
from tests.factories import ParticipationFactory

PASSWORD = "Stara-Zagora-2024!"


def member(username, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@starazagora.bg", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, username):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def public_heading(page, record):
    with translation.override("bg"):
        page.goto(record.get_absolute_url())
    return page.locator("main h1").inner_text()


@pytest.mark.django_db(transaction=True)
def test_an_editors_change_reaches_the_public_page_only_when_an_approver_approves_it(
    page, context, problems, section_groups
):
    call_command("load_seed_content")
    member("redaktorka", EDITORS)
    member("odobryavasht", APPROVERS)
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    before = public_heading(page, record)
    assert before.startswith("Страсбургски клуб")

    log_in(page, "redaktorka")
    page.goto(organization_change_url(record))
    expect(page.locator("#id_is_published")).to_be_disabled()
    page.fill("#id_role_bg", "основател")
    page.fill("#id_name_bg", "Клуб „Страсбург“")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("изпратени за одобрение")
    assert public_heading(page, record) == before

    context.clear_cookies()
    log_in(page, "odobryavasht")
    waiting = page.locator(".changes-awaiting-approval a")
    expect(waiting).to_have_text("1 промяна чака вашето одобрение")
    waiting.click()
    page.locator("#result_list tbody a").first.click()
    comparison = page.locator("table.review-comparison")
    expect(comparison).to_contain_text("Страсбургски клуб")
    expect(comparison).to_contain_text("Клуб „Страсбург“")
    expect(comparison).to_contain_text("основател")
    with page.expect_navigation():
        page.get_by_role("button", name="Одобряване и публикуване").click()
    expect(page.locator(".messagelist")).to_contain_text("Одобрено и публикувано")

    assert public_heading(page, record).startswith("Клуб „Страсбург“")
    problems.assert_none()


def public_documents(page, record):
    with translation.override("bg"):
        page.goto(record.get_absolute_url())
    return page.locator(".document-list a").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_an_editors_document_on_a_published_project_is_public_only_once_approved(
    page, context, problems, section_groups, tmp_path
):
    member("redaktorka", EDITORS)
    member("odobryavasht", APPROVERS)
    project = ParticipationFactory(title_bg="Градове за граждани")
    path = tmp_path / "Доклад 2015.pdf"
    path.write_bytes(pdf_bytes())

    log_in(page, "redaktorka")
    page.goto(change_url(project))
    page.locator("li.ui-tabs-tab a[href='#tab_id_title_en']").click()
    page.fill("#id_title_en", "Cities for citizens")
    page.locator("li.ui-tabs-tab a[href='#tab_id_title_bg']").click()  # All tabs follow.
    page.locator(f"{FIELDS} .add-row a").click()
    row = page.locator(f"{FIELDS} tr.form-row.dynamic-documents").last
    row.locator("input[type=file]").set_input_files(str(path))
    row.locator("input[name$='-title_bg']").fill("Окончателен доклад")
    with page.expect_navigation() as response:
        page.locator("input[name=_continue]").last.click()
    assert response.value.ok  # The form again, not a server error.
    expect(page.locator(".messagelist")).to_contain_text("изпратени за одобрение")
    page.goto(change_url(project))
    expect(page.locator(FIELDS)).to_contain_text("Очаква одобрение")
    assert public_documents(page, project) == []

    context.clear_cookies()
    log_in(page, "odobryavasht")
    page.locator(".changes-awaiting-approval a").click()
    page.locator("#result_list tbody a").first.click()
    expect(page.locator(".field-comparison")).to_contain_text("Окончателен доклад")
    expect(page.locator("table.review-comparison")).to_contain_text("Cities for citizens")
    with page.expect_navigation():
        page.get_by_role("button", name="Одобряване и публикуване").click()
    expect(page.locator(".messagelist")).to_contain_text("Одобрено и публикувано")

    assert public_documents(page, project) == ["Окончателен доклад"]
    problems.assert_none()
