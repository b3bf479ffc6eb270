"""Two editors on the same record, in two browser profiles: the second save is refused."""

import re

from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from international.models import Organization
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import SuperuserFactory


def save(page):
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()


def test_the_second_editor_sees_what_the_first_saved_keeps_her_text_and_saves_after_merging(
    browser, live_server, logged_in_page, problems
):
    call_command("load_seed_content")
    record = Organization.objects.get(slug_bg="strasburgski-klub")
    url = f"/admin/international/organization/{record.pk}/change/"
    first = logged_in_page
    client = Client()  # Not the first editor's: logging in here would end her session.
    client.force_login(SuperuserFactory(username="redaktor2"))
    other = browser.new_context(base_url=live_server.url, locale="bg-BG")
    other.set_default_timeout(TIMEOUT_MS)
    other.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    other.clock.install()  # The open form's 30-second check, without waiting 30 seconds.
    second = other.new_page()
    problems.watch(second)
    try:
        first.goto(url)
        second.goto(url)
        second.fill("#id_size_bg", "над 40 града")

        first.fill("#id_name_bg", "Клуб Страсбург")
        save(first)
        expect(first).to_have_url(re.compile(r"/organization/$"))

        # While she types, the form learns that someone else saved.
        second.clock.run_for(31_000)
        notice = second.locator("[data-edit-conflict-notice]")
        expect(notice).to_have_attribute("role", "status")
        expect(notice).to_contain_text("Друг редактор е запазил записа")
        expect(notice).to_contain_text("redaktor")
        expect(notice).to_contain_text("Можете да продължите да пишете")

        save(second)
        expect(second).to_have_url(re.compile(rf"/organization/{record.pk}/change/$"))
        expect(second.locator(".errorlist")).to_contain_text("Друг редактор е запазил записа")
        changed = second.locator("#edit-conflict table tbody tr", has_text="Наименование [bg]")
        expect(changed).to_contain_text("Страсбургски клуб")
        expect(changed).to_contain_text("Клуб Страсбург")
        expect(second.locator("#id_size_bg")).to_have_value("над 40 града")
        record.refresh_from_db()
        assert record.name_bg == "Клуб Страсбург"
        assert record.size_bg != "над 40 града"  # Nothing of hers saved yet.

        second.fill("#id_name_bg", "Клуб Страсбург")
        save(second)
        expect(second).to_have_url(re.compile(r"/organization/$"))
        record.refresh_from_db()
        assert (record.name_bg, record.size_bg) == ("Клуб Страсбург", "над 40 града")
        problems.assert_none()
    finally:
        other.close()


def test_a_drag_on_a_list_older_than_the_order_reloads_it_with_a_message(
    browser, live_server, logged_in_page, problems
):
    call_command("load_seed_content")
    listing = "/admin/international/organization/"
    first = logged_in_page
    client = Client()
    client.force_login(SuperuserFactory(username="redaktor2"))
    other = browser.new_context(base_url=live_server.url, locale="bg-BG")
    other.set_default_timeout(TIMEOUT_MS)
    other.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    # Not watched for console errors: the browser and adminsortable2 log the refused move.
    second = other.new_page()
    try:
        for page in (first, second):
            page.goto(listing)
            page.wait_for_load_state("load")  # adminsortable2 starts on window "load".
        names = first.locator("#result_list tbody tr th").all_inner_texts()
        handles = first.locator("#result_list tbody tr .drag.handle")
        with first.expect_response(lambda response: "adminsortable2_update" in response.url):
            handles.nth(2).drag_to(handles.nth(0))
        # A second move on the same page: its token was kept current by the first answer.
        with first.expect_response(lambda r: "adminsortable2_update" in r.url) as again:
            handles.nth(2).drag_to(handles.nth(1))
        assert again.value.status == 200
        moved = first.locator("#result_list tbody tr th").all_inner_texts()
        assert moved != names
        problems.assert_none()

        stale = second.locator("#result_list tbody tr .drag.handle")
        with second.expect_navigation():  # Refused (409): the list reloads.
            stale.nth(2).drag_to(stale.nth(0))
        expect(second.locator(".messagelist")).to_contain_text("Друг редактор е променил реда")
        assert second.locator("#result_list tbody tr th").all_inner_texts() == moved
    finally:
        other.close()
