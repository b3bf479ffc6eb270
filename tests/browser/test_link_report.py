"""The link report in a real Chromium: check now, see what is broken or moved, replace.

Every site the check asks is on 127.0.0.1 (tests/links/servers.py).
"""

from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from international.models import Event, Programme
from tests.admin.roles import EDITORS
from tests.factories import EventFactory, ProgrammeFactory, UserFactory

REPORT = "/admin/international/linkcheck/"


def test_an_administrator_checks_the_links_and_replaces_a_moved_one(
    logged_in_page, problems, local_site, only_local_requests
):
    page = logged_in_page
    moved = EventFactory(website=local_site.url("/old"), organization=None)
    broken = ProgrammeFactory(website=local_site.url("/missing"))

    page.goto(REPORT)
    with page.expect_navigation():
        page.get_by_role("button", name="Провери връзките сега").click()

    expect(page.locator(".messagelist")).to_contain_text("Проверени са 2 адреса.")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    broken_row = rows.filter(has_text=local_site.url("/missing"))
    expect(broken_row).to_contain_text("Неработеща (404)")
    expect(broken_row.get_by_role("link", name=str(broken))).to_be_visible()
    moved_row = rows.filter(has_text=local_site.url("/old"))
    expect(moved_row).to_contain_text("Преместена за постоянно")
    expect(moved_row).to_contain_text(local_site.url("/new"))

    with page.expect_navigation():
        moved_row.get_by_role("button", name="Замяна с новия адрес").click()

    expect(page.locator(".messagelist")).to_contain_text("Заменен е 1 адрес с новия му.")
    assert Event.objects.get(pk=moved.pk).website == local_site.url("/new")
    assert Programme.objects.get(pk=broken.pk).website == local_site.url("/missing")
    problems.assert_none()


def test_an_editor_sees_the_report_without_the_check_button(
    section_groups, context, page, problems, live_server
):
    # The editors' group as its migrations make it.
    editor = UserFactory(username="redaktor2", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    page.goto(REPORT)

    expect(page.locator("#content h1")).to_have_text("Доклад за връзките")
    expect(page.get_by_role("button", name="Провери връзките сега")).to_have_count(0)
    problems.assert_none()
