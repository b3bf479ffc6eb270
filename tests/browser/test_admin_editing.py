"""What an editor does in the admin, in a real Chromium, and what the public then sees.

Every test fails on any JavaScript error, console error or Content-Security-Policy
violation in any page it opened (see conftest.py).
"""

import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.forms import ImageField
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import expect

from international.models import Organization
from tests.browser.conftest import ADMIN_PASSWORD, ADMIN_USERNAME

SECTION_BG = "/bg/mezhdunarodna-deynost/"
SECTION_EN = "/en/international-activity/"
ORGANIZATION_ADD = "/admin/international/organization/add/"
ORGANIZATION_LIST = "/admin/international/organization/"
ORGANIZATION_NAMES = "#organisations h3.card__title a"


def organization_change_url(record):
    return f"/admin/international/organization/{record.pk}/change/"


def log_in(page):
    """Log in through the admin's own login form, as an editor does."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("#login-form [type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def save(page):
    """Press the form's main "Save" button and wait for the next page."""
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()


def public_names(page, path=SECTION_BG):
    page.goto(path)
    return page.locator(ORGANIZATION_NAMES).all_inner_texts()


def make_png(path, size=(400, 240)):
    Image.new("RGB", size, (20, 90, 160)).save(path, "PNG")
    return path


def test_editor_adds_an_organisation_with_translations_rich_text_and_logo(
    page, problems, editor, tmp_path
):
    call_command("load_seed_content")
    log_in(page)
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    expect(page.locator("#site-name")).to_contain_text("Международна дейност")

    response = page.goto(ORGANIZATION_ADD)
    # The admin runs under a CSP too (its exceptions: the editor's import map, inline
    # style), so "no CSP violation" below means something.
    policy = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'sha256-" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    # modeltranslation's tabs, drawn by the locally served jQuery UI.
    name_tabs = page.locator(".ui-tabs", has=page.locator("#id_name_bg"))
    expect(name_tabs).to_have_count(1)
    expect(name_tabs.locator("li.ui-tabs-tab")).to_have_count(2)
    expect(name_tabs.locator("li.ui-tabs-tab a")).to_have_text(["bg", "en"], ignore_case=True)
    expect(page.locator("#id_name_en")).to_be_hidden()

    name_tabs.locator("li.ui-tabs-tab a[href='#tab_id_name_en']").click()
    expect(page.locator("#id_name_en")).to_be_visible()
    page.fill("#id_name_en", "Network of Rose Cities")
    name_tabs.locator("li.ui-tabs-tab a[href='#tab_id_name_bg']").click()
    expect(page.locator("#id_name_bg")).to_be_visible()
    page.fill("#id_name_bg", "Мрежа на градовете на розите")

    # The rich-text editor (ProseMirror), bold through its toolbar and through Ctrl+B.
    description = page.locator(".field-description_bg")
    editable = description.locator("[contenteditable=true].ProseMirror")
    editable.click()
    page.keyboard.type("Мрежа на градове, които отглеждат ")
    description.locator("button[data-name=bold]").click()
    page.keyboard.type("маслодайна роза")
    page.keyboard.press("Control+b")
    page.keyboard.type(" от векове. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Стара Загора")
    page.keyboard.press("Control+b")
    page.keyboard.type(" е член.")
    expect(editable.locator("strong")).to_have_text(["маслодайна роза", "Стара Загора"])

    page.set_input_files("#id_image", make_png(tmp_path / "logo.png"))
    page.fill("#id_image_alt_bg", "Лого на мрежата на градовете на розите")
    save(page)

    expect(page).to_have_url(re.compile(r"/admin/international/organization/$"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    record = Organization.objects.get(name_bg="Мрежа на градовете на розите")
    assert record.name_en == "Network of Rose Cities"
    assert "<strong>маслодайна роза</strong>" in record.description_bg
    assert "<strong>Стара Загора</strong>" in record.description_bg

    page.goto(SECTION_BG)
    card = page.locator("#organisations article.card").filter(
        has=page.get_by_role("link", name="Мрежа на градовете на розите")
    )
    expect(card).to_have_count(1)
    expect(card.locator(".prose strong")).to_have_text(["маслодайна роза", "Стара Загора"])
    picture = card.locator("picture")
    expect(picture.locator("source[type='image/avif']")).to_have_count(1)
    expect(picture.locator("source[type='image/webp']")).to_have_count(1)
    image = picture.locator("img")
    expect(image).to_have_attribute("alt", "Лого на мрежата на градовете на розите")
    expect(image).to_have_attribute("width", "400")
    expect(image).to_have_attribute("height", "240")
    # The renditions are really served: the browser loads the AVIF one.
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.currentSrc").endswith(".avif")

    page.goto(SECTION_EN)
    expect(page.locator(ORGANIZATION_NAMES, has_text="Network of Rose Cities")).to_have_count(1)
    expect(page.locator(ORGANIZATION_NAMES, has_text="Мрежа на градовете")).to_have_count(0)
    problems.assert_none()


def test_uploading_a_text_file_named_as_a_jpeg_is_refused_in_bulgarian(
    logged_in_page, problems, tmp_path, settings
):
    page = logged_in_page
    call_command("load_seed_content")
    before = Organization.objects.count()
    fake = tmp_path / "logo.jpg"
    fake.write_text("Това не е изображение.\n", encoding="utf-8")

    page.goto(ORGANIZATION_ADD)
    page.fill("#id_name_bg", "Организация с грешно лого")
    page.set_input_files("#id_image", fake)
    page.fill("#id_image_alt_bg", "Лого")
    save(page)

    expect(page).to_have_url(re.compile(r"/organization/add/$"))
    expect(page.locator(".errornote")).to_be_visible()
    error = page.locator(".field-image .errorlist")
    expect(error).to_have_count(1)
    # Django's form field refuses it first; the app's own validator would say the second.
    with translation.override("bg"):
        expected = {
            str(ImageField.default_error_messages["invalid_image"]).strip(),
            gettext("The file is not a readable image. Upload a JPEG, PNG, WebP or AVIF file."),
        }
    assert "Качете валидно изображение" in " ".join(expected)  # Really in Bulgarian.
    assert error.inner_text().strip() in expected, error.inner_text()
    assert Organization.objects.count() == before
    assert not Organization.objects.filter(name_bg="Организация с грешно лого").exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
    problems.assert_none()


def test_dragging_an_organisation_in_the_list_reorders_the_public_page(logged_in_page, problems):
    page = logged_in_page
    call_command("load_seed_content")
    before = public_names(page)
    assert len(before) >= 3, before

    page.goto(ORGANIZATION_LIST)
    page.wait_for_load_state("load")  # adminsortable2 starts on window "load".
    handles = page.locator("#result_list tbody tr .drag.handle")
    expect(handles).to_have_count(len(before))
    with page.expect_response(
        # The list's order token rides in the query: see admin/concurrency.py.
        lambda response: urlsplit(response.url).path == f"{ORGANIZATION_LIST}adminsortable2_update/"
    ) as update:
        handles.nth(2).drag_to(handles.nth(0))
    assert update.value.status == 200, update.value.text()

    expected = [before[2], before[0], before[1], *before[3:]]
    assert public_names(page) == expected

    moved = Organization.objects.get(name_bg=before[2])
    reasons = set(moved.history.values_list("history_change_reason", flat=True))
    assert reasons & {"Reordered", "Пренаредено"}, reasons
    problems.assert_none()


def test_unpublished_organisation_leaves_the_public_page_but_shows_in_preview(
    logged_in_page, problems, context
):
    page = logged_in_page
    call_command("load_seed_content")
    record = Organization.objects.published().first()
    name = record.name_bg
    assert name in public_names(page)

    page.goto(organization_change_url(record))
    published = page.locator("#id_is_published")
    expect(published).to_be_checked()
    published.uncheck()
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    record.refresh_from_db()
    assert not record.is_published

    assert name not in public_names(page)

    page.goto(organization_change_url(record))
    preview_link = page.locator(".field-preview_links a[hreflang=bg]")
    expect(preview_link).to_have_attribute(
        "href", f"/admin/international/organization/{record.pk}/preview/bg/"
    )
    with context.expect_page() as opened:
        preview_link.click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".preview-banner")).to_be_visible()
    expect(preview.locator(".preview-banner")).to_contain_text("чернова")
    expect(preview.locator("h1")).to_contain_text(name)
    problems.assert_none()


def test_admin_pages_name_an_icon_the_browser_can_load(logged_in_page, problems):
    """Without <link rel="icon">, Chromium asks for /favicon.ico: a 404 console error."""
    page = logged_in_page
    page.goto("/admin/")
    icons = page.locator("link[rel~=icon]")
    href = icons.first.get_attribute("href") if icons.count() else "/favicon.ico"
    response = page.request.get(href)
    assert response.ok, f"{href}: {response.status}"
    problems.assert_none()


def test_the_rich_text_toolbar_and_its_dialogs_speak_the_admins_language(page, problems, editor):
    """The editor labels its buttons in English; the admin's catalogue gives them Bulgarian."""
    log_in(page)
    page.goto(ORGANIZATION_ADD)
    description = page.locator(".field-description_bg")

    # What a screen reader announces (aria-label) and a mouse user sees (title).
    for name, label in [
        ("bold", "Получер"),
        ("italic", "Курсив"),
        ("orderedList", "Номериран списък"),
        ("link", "Вмъкване на връзка"),
        ("history:undo", "Отмяна"),
    ]:
        button = description.locator(f"button[data-name='{name}']")
        expect(button).to_have_attribute("aria-label", label)
        expect(button).to_have_attribute("title", label)
    # A menu item's text; the icon buttons keep their icon names, which the icon font draws.
    expect(description.locator("button[data-name=heading3]")).to_have_text("Заглавие, ниво 3")
    expect(description.locator("button[data-name=bold]")).to_have_text("format_bold")

    # A dialog of the editor's own, translated through the same catalogue.
    description.locator("[contenteditable=true].ProseMirror").click()
    description.locator("button[data-name=orderedList]").click()
    page.keyboard.type("Първа точка")
    description.locator("button[data-name=orderedListProperties]").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_label("Започва от")).to_be_visible()
    expect(dialog.get_by_role("button", name="Отказ")).to_be_visible()
    dialog.get_by_role("button", name="Отказ").click()
    expect(page.locator("dialog[open]")).to_have_count(0)

    # An editor who chose English (the language cookie) gets the English catalogue's words.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": urljoin(page.url, "/")}]
    )
    page.goto(ORGANIZATION_ADD)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    bold = page.locator(".field-description_bg button[data-name=bold]")
    expect(bold).to_have_attribute("aria-label", "Bold")
    expect(bold).to_have_attribute("title", "Bold")
