"""The rich-text editor's link dialog, in a real Chromium: addresses that readers can open."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from international.models import Organization
from tests.factories import OrganizationFactory, SectionPageFactory, SiteContactFactory

# The dialog's script and the Python normalisation decide it, not the database engine.
pytestmark = pytest.mark.engine_independent


def open_link_dialog(page, record):
    """Open the record's change form, select its Bulgarian description, open the dialog."""
    page.goto(f"/admin/international/organization/{record.pk}/change/")
    description = page.locator(".field-description_bg")
    description.locator("[contenteditable=true].ProseMirror").click()
    page.keyboard.press("Control+a")
    description.locator("button[data-name=link]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()
    return dialog


def test_a_www_address_typed_in_the_link_dialog_opens_the_website_on_the_public_page(
    logged_in_page, problems
):
    page = logged_in_page
    SectionPageFactory()
    SiteContactFactory()
    record = OrganizationFactory(description_bg="<p>Сайтът на общината</p>", is_published=True)

    dialog = open_link_dialog(page, record)
    dialog.locator("input[name=href]").fill("www.starazagora.bg")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    record = Organization.objects.get(pk=record.pk)
    assert 'href="https://www.starazagora.bg"' in record.description_bg
    with translation.override("bg"):
        page.goto(record.get_absolute_url())
    link = page.locator("main .prose a", has_text="Сайтът на общината")
    expect(link).to_have_attribute("href", "https://www.starazagora.bg")
    problems.assert_none()


def test_a_javascript_address_keeps_the_dialog_open_with_the_reason_in_bulgarian(
    logged_in_page, problems
):
    page = logged_in_page
    record = OrganizationFactory(description_bg="<p>Натиснете тук</p>")

    dialog = open_link_dialog(page, record)
    address = dialog.locator("input[name=href]")
    address.fill("javascript:alert(1)")
    dialog.locator("button[type=submit]").click()

    expect(dialog).to_be_visible()
    message = address.evaluate("input => input.validationMessage")
    assert re.match(r"Връзката „javascript:alert\(1\)“ не е адрес", message), message
    # Corrected, the link is made.
    address.fill("kmet@starazagora.bg")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
    editable = page.locator(".field-description_bg [contenteditable=true].ProseMirror")
    expect(editable.locator("a")).to_have_attribute("href", "mailto:kmet@starazagora.bg")
    problems.assert_none()
