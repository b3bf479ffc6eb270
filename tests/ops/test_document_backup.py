"""A backup carries the documents of programmes and projects, rows and files, and a restore
gives them back byte for byte, served again at their addresses."""

import pytest
from django.contrib.contenttypes.models import ContentType

from international.models import Document
from tests.documents import pdf_bytes
from tests.factories import DocumentFactory, ProgrammeFactory
from tests.ops.test_backup import empty_the_site, media_checksums, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_a_backup_and_restore_bring_back_the_documents_and_their_files(settings, tmp_path, client):
    project_document = DocumentFactory(title_bg="Доклад", title_en="Report")
    programme_document = DocumentFactory(programme=ProgrammeFactory(), participation=None)
    rows = list(Document.objects.order_by("pk").values())
    files = media_checksums(settings.MEDIA_ROOT)
    assert project_document.file.name in files and programme_document.file.name in files
    path = tmp_path / "site.tar.gz"

    printed = run("backup_content", "--output", str(path))
    empty_the_site(settings.MEDIA_ROOT)
    assert not Document.objects.exists()
    run("restore_content", str(path))

    assert list(Document.objects.order_by("pk").values()) == rows
    assert media_checksums(settings.MEDIA_ROOT) == files
    assert Document.history.count() == 2
    assert "missing" not in printed.lower()
    response = client.get(project_document.get_absolute_url())
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_backup_names_a_document_whose_file_is_missing(settings, tmp_path):
    document = DocumentFactory()
    (settings.MEDIA_ROOT / document.file.name).unlink()
    printed = run("backup_content", "--output", str(tmp_path / "site.tar.gz"))
    assert f"image or document is missing from MEDIA_ROOT: {document.file.name}" in printed
