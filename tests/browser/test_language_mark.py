"""The rich-text editor keeps a name marked as English (<span lang="en">) through a save."""

import re

from playwright.sync_api import expect

from tests.factories import OrganizationFactory

MARKED = '<p>Събитията Открити дни (<span lang="en">Open Days</span>) в Брюксел.</p>'


def test_an_edit_in_the_editor_keeps_the_english_name_marked(logged_in_page, problems):
    page = logged_in_page
    record = OrganizationFactory(description_bg=MARKED)

    page.goto(f"/admin/international/organization/{record.pk}/change/")
    editable = page.locator(".field-description_bg [contenteditable=true].ProseMirror")
    expect(editable.locator('span[lang="en"]')).to_have_text("Open Days")
    editable.locator("text=Брюксел").click()
    page.keyboard.press("End")
    page.keyboard.type(" Всяка година.")
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()

    expect(page).to_have_url(re.compile(r"/admin/international/organization/$"))
    record.refresh_from_db()
    assert '(<span lang="en">Open Days</span>)' in record.description_bg
    assert "Всяка година." in record.description_bg
    problems.assert_none()
