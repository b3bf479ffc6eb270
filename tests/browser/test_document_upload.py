"""An editor attaches a PDF to a project in a real Chromium; the public page then offers it.

Fails on any JavaScript error, console error or CSP violation (see conftest.py).
"""

from pathlib import Path

from playwright.sync_api import expect

from tests.documents import pdf_bytes
from tests.factories import ParticipationFactory

FIELDS = "#documents-group"


def change_url(project):
    return f"/admin/international/participation/{project.pk}/change/"


def add_document(page, path, title):
    page.locator(f"{FIELDS} .add-row a").click()
    row = page.locator(f"{FIELDS} tr.form-row.dynamic-documents").last
    row.locator("input[type=file]").set_input_files(str(path))
    row.locator("input[name$='-title_bg']").fill(title)
    with page.expect_navigation():
        page.locator("input[name=_continue]").last.click()


def test_an_editor_attaches_a_pdf_and_the_public_page_lists_and_downloads_it(
    logged_in_page, problems, tmp_path
):
    page = logged_in_page
    project = ParticipationFactory(title_bg="Градове за граждани")
    path = tmp_path / "Доклад 2015.pdf"
    path.write_bytes(pdf_bytes())

    page.goto(change_url(project))
    add_document(page, path, "Окончателен доклад")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    page.goto(project.get_absolute_url())
    link = page.get_by_role("link", name="Окончателен доклад")
    expect(link).to_have_count(1)
    expect(page.locator(".document-list__meta")).to_contain_text("PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Доклад_2015.pdf"
    assert Path(download.path()).read_bytes() == pdf_bytes()
    problems.assert_none()


def test_a_pdf_with_javascript_is_refused_with_the_reason_and_the_title_kept(
    logged_in_page, problems, tmp_path
):
    page = logged_in_page
    project = ParticipationFactory()
    path = tmp_path / "script.pdf"
    path.write_bytes(pdf_bytes("javascript"))

    page.goto(change_url(project))
    add_document(page, path, "Доклад със скрипт")
    expect(page.locator(f"{FIELDS} .errorlist")).to_contain_text("JavaScript")
    # Everything the editor typed is still there, ready to try again with another file.
    expect(page.locator("#id_documents-0-title_bg")).to_have_value("Доклад със скрипт")
    assert not project.documents.exists()
    problems.assert_none()
