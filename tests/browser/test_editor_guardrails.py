"""Guardrails for editors, in a real Chromium: moving without dragging, the chosen image kept
after an error elsewhere, the current image shown small, a notice while an image uploads.

Every test fails on any JavaScript error, console error or Content-Security-Policy
violation in any page it opened (see conftest.py).
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from international.models import Organization
from tests.browser.test_admin_editing import (
    ORGANIZATION_ADD,
    ORGANIZATION_LIST,
    make_png,
    organization_change_url,
    public_names,
)


def test_the_keyboard_moves_an_organisation_down_and_the_page_says_where_it_is(
    logged_in_page, problems
):
    page = logged_in_page
    call_command("load_seed_content")
    before = public_names(page)

    page.goto(ORGANIZATION_LIST)
    first = page.get_by_role("button", name=f"Премести {before[0]} надолу")
    expect(page.get_by_role("button", name=f"Премести {before[0]} нагоре")).to_have_count(0)
    first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/admin/international/organization/$"))
    message = page.locator(".messagelist .success")
    expect(message).to_have_text(f"„{before[0]}“ е преместен на позиция 2 от {len(before)}.")
    assert public_names(page) == [before[1], before[0], *before[2:]]
    moved = Organization.objects.get(name_bg=before[0])
    assert moved.history.first().history_change_reason == "Reordered"
    problems.assert_none()


def test_a_button_move_after_a_drag_on_the_same_list_is_not_refused(logged_in_page, problems):
    page = logged_in_page
    call_command("load_seed_content")
    before = public_names(page)

    page.goto(ORGANIZATION_LIST)
    page.wait_for_load_state("load")  # adminsortable2 starts on window "load".
    handles = page.locator("#result_list tbody tr .drag.handle")
    with page.expect_response(lambda response: "adminsortable2_update" in response.url) as drag:
        handles.nth(2).drag_to(handles.nth(0))
    assert drag.value.status == 200
    # The page was not reloaded: the buttons' form must carry the token the drag got back.
    with page.expect_navigation():
        page.get_by_role("button", name=f"Премести {before[0]} надолу").click()

    expect(page.locator(".messagelist .error")).to_have_count(0)
    expect(page.locator(".messagelist .success")).to_contain_text(before[0])
    assert public_names(page) == [before[2], before[1], before[0], *before[3:]]
    problems.assert_none()


def test_a_chosen_image_is_kept_through_an_error_and_shown_small_once_saved(
    logged_in_page, problems, tmp_path
):
    page = logged_in_page
    page.goto(ORGANIZATION_ADD)
    page.set_input_files("#id_image", make_png(tmp_path / "rose-logo.png"))
    page.fill("#id_image_alt_bg", "Лого на розата")
    # The Bulgarian name, which is required, is left empty.
    # What the page shows while the upload is on its way (held here) is reported through
    # the console: locators and evaluation wait for the navigation to finish.
    page.evaluate(
        """() => {
          const notice = document.querySelector("[data-upload-busy]");
          new MutationObserver(() => {
            const buttons = [...document.querySelectorAll("input[name=_save]")];
            console.log(["busy", notice.getAttribute("role"), notice.textContent,
                         buttons.every((button) => button.disabled)].join("|"));
          }).observe(notice, { childList: true, characterData: true, subtree: true });
        }"""
    )
    held = []
    page.route(re.compile(r"/organization/add/$"), lambda route: held.append(route))
    with page.expect_console_message(lambda message: message.text.startswith("busy|")) as busy:
        page.locator("input[name=_save]").last.click(no_wait_after=True)

    assert busy.value.text == "busy|status|Изображението се качва и обработва…|true"
    for _ in range(100):  # Until Playwright has handed the held request over.
        if held:
            break
        page.wait_for_timeout(50)
    assert held and held[0].request.method == "POST"
    with page.expect_navigation():
        held[0].continue_()
    page.unroute(re.compile(r"/organization/add/$"))

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-image .kept-image")).to_contain_text(
        "Избраното изображение е запазено: rose-logo.png"
    )
    page.fill("#id_name_bg", "Клуб на розата")
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    record = Organization.objects.get(name_bg="Клуб на розата")
    assert record.image and record.image_width == 400
    page.goto(organization_change_url(record))
    thumbnail = page.locator(".field-image img.admin-thumbnail")
    expect(thumbnail).to_have_attribute("alt", "Лого на розата")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    problems.assert_none()
