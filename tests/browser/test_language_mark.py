"""The rich-text editor keeps a name marked as English (<span lang="en">) through a save."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganizationFactory

# The editor's script and the sanitiser decide it; the database only stores the text.
pytestmark = pytest.mark.engine_independent

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


def test_the_en_button_marks_the_selected_name_as_english(logged_in_page, problems):
    page = logged_in_page
    record = OrganizationFactory(description_bg="<p>Събитията Open Days в Брюксел.</p>")

    page.goto(f"/admin/international/organization/{record.pk}/change/")
    field = page.locator(".field-description_bg")
    editable = field.locator("[contenteditable=true].ProseMirror")
    editable.click()
    # Select "Open Days" in the editor, as a mouse would.
    page.evaluate(
        """() => {
            const editor = document.querySelector(
                ".field-description_bg [contenteditable=true].ProseMirror");
            const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
            let text = walker.nextNode();
            while (text && !text.nodeValue.includes("Open Days")) text = walker.nextNode();
            const start = text.nodeValue.indexOf("Open Days");
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + "Open Days".length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    button = field.get_by_role("button", name="Маркиране като английски текст")
    button.click()
    expect(editable.locator('span[lang="en"]')).to_have_text("Open Days")
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()

    record.refresh_from_db()
    assert record.description_bg == ('<p>Събитията <span lang="en">Open Days</span> в Брюксел.</p>')
    problems.assert_none()
