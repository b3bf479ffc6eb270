"""No file that nothing refers to: failed saves clean up, clean_media finds the rest."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model

from international.media.renditions import RENDITION_ROOT
from international.models import Organization
from tests.factories import OrganizationFactory, uploaded_image

pytestmark = pytest.mark.django_db

ORPHANS = [
    "international/organisations/2026/left-by-a-killed-worker.png",
    "international/renditions/0123456789abcdef0123/320.avif",
]


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return set()
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def renditions_of(record):
    return {
        path for path in stored_files() if path.startswith(f"{RENDITION_ROOT}/{record.image_hash}/")
    }


def clean_media(*args):
    output = io.StringIO()
    call_command("clean_media", *args, stdout=output)
    return output.getvalue()


def put_orphans():
    for orphan in ORPHANS:
        path = Path(settings.MEDIA_ROOT) / orphan
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"0123456789")


class DatabaseWriteError(Exception):
    pass


def test_a_save_that_fails_after_writing_the_original_leaves_no_file(monkeypatch):
    def failing_save_base(self, *args, **kwargs):
        raise DatabaseWriteError

    monkeypatch.setattr(Model, "save_base", failing_save_base)

    with pytest.raises(DatabaseWriteError):
        OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)), image_alt_bg="Лого")

    assert stored_files() == set()


def test_renditions_are_made_only_when_the_save_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        record = OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))
        assert stored_files() == {record.image.name}

    for callback in callbacks:
        callback()
    assert len(renditions_of(record)) == 9  # 320, 640 and 700 px, in AVIF, WebP and PNG


def test_a_rolled_back_save_makes_no_renditions_and_clean_media_finds_its_original(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record = OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))
        transaction.set_rollback(True)

    assert not Organization.objects.filter(pk=record.pk).exists()
    assert stored_files() == {record.image.name}
    assert record.image.name in clean_media("--min-age", "0")


@pytest.fixture
def record_with_history(django_capture_on_commit_callbacks):
    """A record whose logo was replaced: the first logo is kept for its history."""
    with django_capture_on_commit_callbacks(execute=True):
        record = OrganizationFactory(image=uploaded_image("first.png", size=(700, 300)))
    first = record.image.name
    record = Organization.objects.get(pk=record.pk)
    record.image = uploaded_image("second.png", size=(700, 300), color=(10, 120, 200))
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    return record, first


def test_clean_media_lists_unreferenced_files_and_keeps_them_by_default(record_with_history):
    put_orphans()
    before = stored_files()

    printed = clean_media("--min-age", "0")

    for orphan in ORPHANS:
        assert f"{orphan}\t10" in printed
    assert "2 unreferenced file(s), 20 bytes" in printed
    assert "nothing removed" in printed
    assert stored_files() == before


def test_clean_media_delete_removes_only_what_nothing_refers_to(record_with_history):
    record, first = record_with_history
    put_orphans()
    referenced = stored_files() - set(ORPHANS)

    printed = clean_media("--delete", "--min-age", "0")

    assert "2 unreferenced file(s), 20 bytes (0.0 MB), removed." in printed
    assert stored_files() == referenced
    # The current logo, its renditions, and the first logo that history can restore.
    assert {record.image.name, first} | renditions_of(record) == referenced
    assert len(renditions_of(record)) == 9


def test_clean_media_leaves_files_written_in_the_last_hour(record_with_history):
    put_orphans()

    printed = clean_media("--delete")

    assert "0 unreferenced file(s)" in printed
    assert set(ORPHANS) <= stored_files()


def test_a_deletion_rolled_back_keeps_the_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = OrganizationFactory(image=uploaded_image("logo.png", size=(700, 300)))
    shown = renditions_of(record)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Organization.objects.get(pk=record.pk).delete()
        transaction.set_rollback(True)

    assert Organization.objects.filter(pk=record.pk).exists()
    assert renditions_of(record) == shown
    assert len(shown) == 9


def test_clean_media_keeps_the_documents_and_their_earlier_versions_files():
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    earlier = document.file.name
    document.file = DocumentFactory.build().file
    document.save()
    put_orphans()

    printed = clean_media("--delete", "--min-age", "0")

    assert "2 unreferenced file(s)" in printed
    assert {document.file.name, earlier} <= stored_files()
    assert not set(ORPHANS) & stored_files()
