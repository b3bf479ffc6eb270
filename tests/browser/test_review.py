"""Review and approval in a real Chromium: an editor proposes, an approver publishes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from international.models import Organization
from tests.browser.test_admin_editing import organization_change_url, save

PASSWORD = "Stara-Zagora-2024!"
EDITORS = "International activity editors"
APPROVERS = "International activity approvers"


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
