"""An editor schedules a record in the admin, in a real Chromium: the public waits for it.

Every test fails on any JavaScript error, console error or Content-Security-Policy
violation in any page it opened (see conftest.py).
"""

from playwright.sync_api import expect

from tests.browser.test_admin_editing import (
    ORGANIZATION_LIST,
    SECTION_BG,
    log_in,
    organization_change_url,
    public_names,
    save,
)
from tests.factories import OrganizationFactory


def test_editor_sets_publish_from_and_the_public_page_does_not_show_the_record_yet(
    page, problems, editor
):
    record = OrganizationFactory(name_bg="Мрежа за догодина")
    log_in(page)
    assert "Мрежа за догодина" in public_names(page)  # Cached now: it must not be served.

    page.goto(organization_change_url(record))
    publishing = page.locator("fieldset.module", has=page.locator("#id_is_published"))
    expect(publishing.locator("#id_publish_from_0")).to_be_visible()
    expect(publishing.first).to_contain_text("Публикуване от")
    publishing.locator("#id_publish_from_0").fill("24.12.2099")
    publishing.locator("#id_publish_from_1").fill("09:30")
    save(page)

    expect(page).to_have_url(ORGANIZATION_LIST)
    row = page.locator("#result_list tr", has_text="Мрежа за догодина")
    expect(row.locator(".schedule-scheduled")).to_have_text(
        "Насрочен: от 24 декември 2099 г., 09:30 ч."
    )
    assert "Мрежа за догодина" not in public_names(page, SECTION_BG)
    problems.assert_none()
