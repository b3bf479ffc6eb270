"""Backing up the section into one archive and restoring it, record for record, byte for byte."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from international.models import ContentVersion, Organization, PendingChange, TwinCity
from international.models.content import content_version
from tests.conftest import load_seed
from tests.factories import UserFactory, uploaded_image

pytestmark = pytest.mark.django_db

EDITORS = "International activity editors"


# Helpers -------------------------------------------------------------------------------


def run(command, *args, **options):
    """Run a management command; return what it printed."""
    output = io.StringIO()
    call_command(command, *args, stdout=output, stderr=output, **options)
    return output.getvalue()


def backed_up_rows():
    """Return every row the archive should carry, serialised with both languages' columns.

    Users and groups are compared by natural key: a fresh database may give them other ids.
    The content version is left out: a restore bumps it on purpose.
    """
    querysets = [
        model._base_manager.order_by("pk")
        for model in apps.get_app_config("international").get_models()
        if model is not ContentVersion
    ]
    querysets += [
        apps.get_model("auth", "User")._base_manager.order_by("username"),
        Group.objects.order_by("name"),
        LogEntry.objects.order_by("pk"),
    ]
    return {
        queryset.model._meta.label: serializers.serialize(
            "python", queryset, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        for queryset in querysets
    }


def media_checksums(media_root):
    """Return {relative path: SHA-256} of every file under *media_root*."""
    media_root = Path(media_root)
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def empty_the_site(media_root):
    """Leave a freshly migrated, empty database and no media folder, as on a new server."""
    # PostgreSQL truncates only once the test's deferred foreign key checks have run.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def rewrite_archive(source, target, edit=lambda name, data: data, extra=()):
    """Copy the archive *source* to *target*, passing each member's bytes through *edit*.

    *edit* returns the new bytes, or None to leave the member out; *extra* are
    TarInfo/bytes pairs added at the end (bytes None for links and folders).
    """
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = edit(member.name, original.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        for info, data in extra:
            if data is not None:
                info.size = len(data)
            copy.addfile(info, io.BytesIO(data) if data is not None else None)
    return target


def edit_manifest(change):
    """Return an *edit* for rewrite_archive that applies *change* to the manifest dict."""

    def edit(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return edit


def first_media_member(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return next(name for name in tar.getnames() if name.startswith("media/"))


# Fixtures ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Forget content types cached during a test that flushed and remade them.

    Rolling the test back brings the old rows back, with other ids than the cached ones.
    """
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def media_root(settings):
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def site(db, media_root, django_capture_on_commit_callbacks):
    """The seed content, two uploaded images, editors with history, a change awaiting approval
    and an admin log entry."""
    load_seed()
    editor = UserFactory(username="ivanova", first_name="Мария", last_name="Иванова")
    editor.groups.add(Group.objects.get(name=EDITORS))
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    UserFactory(username="petrov", is_staff=True, is_superuser=True)

    # Renditions are made when a save commits; a test's transaction never does.
    with django_capture_on_commit_callbacks(execute=True):
        organization = Organization.objects.get(slug_bg="strasburgski-klub")
        organization.image = uploaded_image("лого клуб.png", size=(360, 200))
        organization.image_alt_bg = "Логото на Страсбургския клуб"
        organization.image_alt_en = "Logo of the Strasbourg Club"
        organization._history_user = editor
        organization._change_reason = "Added the logo"
        organization.save()

        city = TwinCity.objects.order_by("pk").first()
        city.image = uploaded_image("coat.jpg", image_format="JPEG", size=(120, 144))
        city.image_alt_bg = "Герб"
        city.name_en = "A city renamed in English only"
        city._history_user = editor
        city.save()

    # A change awaiting approval goes with its author and record.
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=organization.pk,
        values={"name_en": "Club of Strasbourg"},
        author=editor,
    )
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=str(organization.pk),
        object_repr=str(organization),
        action_flag=CHANGE,
        change_message="Added the logo",
    )
    assert len(media_checksums(media_root)) > 2  # the originals and their renditions


@pytest.fixture
def archive(site, tmp_path):
    """A backup of the site, written outside MEDIA_ROOT."""
    folder = tmp_path / "backups"
    folder.mkdir()
    path = folder / "site.tar.gz"
    run("backup_content", "--output", str(path))
    return path


# The round trip ------------------------------------------------------------------------


def test_a_restored_archive_gives_back_every_record_user_history_row_and_file(
    site, media_root, tmp_path
):
    rows = backed_up_rows()
    files = media_checksums(media_root)
    version_before = content_version().version
    path = tmp_path / "site.tar.gz"

    printed = run("backup_content", "--output", str(path))
    empty_the_site(media_root)
    assert not Organization.objects.exists()
    assert not Group.objects.exists()
    restored = run("restore_content", str(path))

    assert backed_up_rows() == rows
    assert media_checksums(media_root) == files
    assert content_version().version > version_before
    assert str(path) in printed
    assert f"{len(files)} media files" in printed
    assert f"{len(files)} media files" in restored


def test_the_round_trip_keeps_both_languages_history_and_logins(site, archive, media_root):
    empty_the_site(media_root)
    run("restore_content", str(archive))

    organization = Organization.objects.get(slug_en="strasbourg-club")
    assert organization.name_bg == "Страсбургски клуб"
    assert organization.name_en == "Strasbourg Club"
    assert organization.image_alt_en == "Logo of the Strasbourg Club"
    latest = organization.history.latest()
    assert latest.history_user.username == "ivanova"
    assert latest.history_change_reason == "Added the logo"
    editor = apps.get_model("auth", "User").objects.get(username="ivanova")
    assert editor.check_password("a-long-test-password")
    assert editor.has_perm("international.change_organization")
    assert LogEntry.objects.get().user == editor


def test_the_restored_site_serves_its_pages_and_images(site, archive, media_root, client):
    empty_the_site(media_root)
    run("restore_content", str(archive))

    organization = Organization.objects.get(slug_bg="strasburgski-klub")
    with translation.override("bg"):
        response = client.get(organization.get_absolute_url())
    picture = organization.picture()

    assert response.status_code == 200
    assert picture.src in response.content.decode()
    assert (media_root / picture.src.removeprefix("/media/")).is_file()


def test_a_restore_bumps_the_content_version_past_every_number_used_before(
    site, archive, media_root, client
):
    section = "/bg/mezhdunarodna-deynost/"
    organization = Organization.objects.get(slug_bg="strasburgski-klub")
    for number in range(5):
        organization.name_bg = f"Преименуван клуб {number}"
        organization.save()
    assert "Преименуван клуб 4" in client.get(section).content.decode()
    version_before = content_version().version

    run("restore_content", str(archive), "--replace")

    assert content_version().version > version_before
    page = client.get(section).content.decode()
    assert "Страсбургски клуб" in page
    assert "Преименуван клуб" not in page


# Refusing to mix or overwrite ----------------------------------------------------------


def test_a_restore_into_a_database_with_content_refuses_and_names_replace(site, archive):
    Organization.objects.create(name_bg="Запис, добавен след архива")
    rows = backed_up_rows()

    with pytest.raises(CommandError, match="--replace") as refused:
        run("restore_content", str(archive))

    assert "international.organization: 4" in str(refused.value)
    assert backed_up_rows() == rows


def test_a_restore_with_replace_deletes_what_was_there_first(site, archive, media_root):
    rows = backed_up_rows()
    files = media_checksums(media_root)
    Organization.objects.create(name_bg="Запис, добавен след архива")
    UserFactory(username="newcomer")
    Group.objects.create(name="Translators")
    TwinCity.objects.order_by("pk").first().delete()
    altered = next(path for path in sorted(media_root.rglob("*")) if path.is_file())
    altered.write_bytes(b"changed on disk after the backup")

    printed = run("restore_content", str(archive), "--replace")

    assert backed_up_rows() == rows
    assert not Group.objects.filter(name="Translators").exists()
    assert media_checksums(media_root) == files
    assert "Deleted what the database held before" in printed


def test_a_database_with_only_the_migrations_own_rows_counts_as_empty(site, archive, media_root):
    empty_the_site(media_root)
    # A fresh site makes its content version on the first page view.
    ContentVersion.objects.get_or_create(pk=1)

    run("restore_content", str(archive))

    assert Organization.objects.count() == 3


# Refusing a wrong or altered archive ---------------------------------------------------


def test_a_missing_archive_is_refused_by_name(db, tmp_path):
    with pytest.raises(CommandError, match=r"There is no backup archive at .*missing\.tar\.gz"):
        run("restore_content", str(tmp_path / "missing.tar.gz"))


def test_a_file_that_is_not_an_archive_is_refused(db, tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("Не е архив.")

    with pytest.raises(CommandError, match="is not a backup archive written by backup_content"):
        run("restore_content", str(path))


def test_an_archive_of_another_format_version_is_refused(archive, media_root, tmp_path):
    future = rewrite_archive(
        archive,
        tmp_path / "future.tar.gz",
        edit_manifest(lambda manifest: manifest.update(format_version=2)),
    )
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=r"format version 2; .* reads format version 1"):
        run("restore_content", str(future))
    assert not Organization.objects.exists()


def test_an_archive_from_a_newer_schema_is_refused(archive, media_root, tmp_path):
    newer = rewrite_archive(
        archive,
        tmp_path / "newer.tar.gz",
        edit_manifest(lambda manifest: manifest["migrations"]["international"].append("9999_x")),
    )
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=r"international\.9999_x.*migrate"):
        run("restore_content", str(newer))
    assert not Organization.objects.exists()


def test_an_archive_with_one_altered_byte_in_a_media_file_is_refused(archive, media_root, tmp_path):
    altered_name = first_media_member(archive)

    def alter_one_byte(name, data):
        if name != altered_name:
            return data
        return data[:-1] + bytes([data[-1] ^ 0x01])

    tampered = rewrite_archive(archive, tmp_path / "tampered.tar.gz", alter_one_byte)
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=f"{altered_name} .* does not match its checksum"):
        run("restore_content", str(tampered))
    assert not Organization.objects.exists()
    assert media_checksums(media_root) == {}


def test_an_archive_with_altered_content_is_refused(archive, media_root, tmp_path):
    def rename_a_record(name, data):
        if name != "content.json":
            return data
        return data.replace("Страсбургски клуб".encode(), "Подменен клуб".encode(), 1)

    tampered = rewrite_archive(archive, tmp_path / "tampered.tar.gz", rename_a_record)
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=r"content\.json .* does not"):
        run("restore_content", str(tampered))
    assert not Organization.objects.exists()


def regular(name):
    return tarfile.TarInfo(name)


def link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def folder(name):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    return info


@pytest.mark.parametrize(
    ("member", "data", "reason"),
    [
        (regular("../evil"), b"evil", r"'\.\./evil' leads out of its folder"),
        (regular("media/../../evil"), b"evil", "leads out of its folder"),
        (regular("/var/evil"), b"evil", "is an absolute path"),
        (link("media/international/evil", "/etc/passwd"), None, "is a symbolic link"),
        (link("media/evil", "content.json", tarfile.LNKTYPE), None, "is a hard link"),
        (folder("media/extra"), None, "is a folder"),
        (regular("media/unlisted.txt"), b"extra", "not listed in its manifest"),
    ],
    ids=["parent", "nested-parent", "absolute", "symlink", "hardlink", "folder", "unlisted"],
)
def test_an_archive_with_an_unsafe_or_unlisted_member_is_refused(
    archive, media_root, tmp_path, member, data, reason
):
    unsafe = rewrite_archive(archive, tmp_path / "unsafe.tar.gz", extra=[(member, data)])
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=reason):
        run("restore_content", str(unsafe))
    assert not Organization.objects.exists()
    assert media_checksums(media_root) == {}
    assert not (tmp_path / "evil").exists()


def test_an_archive_missing_a_listed_file_is_refused(archive, media_root, tmp_path):
    dropped = first_media_member(archive)
    incomplete = rewrite_archive(
        archive,
        tmp_path / "incomplete.tar.gz",
        lambda name, data: None if name == dropped else data,
    )
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=f"{dropped} is listed in its manifest but missing"):
        run("restore_content", str(incomplete))


def test_content_that_fails_to_load_leaves_the_database_and_media_untouched(
    archive, media_root, tmp_path
):
    """A consistent archive whose content breaks a constraint: all or nothing."""

    def break_a_project(name, data):
        if name not in ("content.json", "manifest.json"):
            return data
        if name == "content.json":
            rows = json.loads(data)
            project = next(row for row in rows if row["model"] == "international.participation")
            project["fields"]["programme"] = 999
            broken_content[0] = json.dumps(rows).encode()
            return broken_content[0]
        manifest = json.loads(data)
        manifest["content"] = {
            "sha256": hashlib.sha256(broken_content[0]).hexdigest(),
            "size": len(broken_content[0]),
        }
        return json.dumps(manifest).encode()

    broken_content = [b""]  # content.json comes before the manifest in the archive
    broken = rewrite_archive(archive, tmp_path / "broken.tar.gz", break_a_project)
    empty_the_site(media_root)

    with pytest.raises(CommandError, match="could not be loaded, and nothing was restored"):
        run("restore_content", str(broken))

    assert not Organization.objects.exists()
    assert not apps.get_model("auth", "User").objects.exists()
    assert media_checksums(media_root) == {}
    run("restore_content", str(archive))
    assert Organization.objects.count() == 3


# Writing the archive -------------------------------------------------------------------


def test_the_archive_lists_counts_migrations_and_a_checksum_per_file(archive, media_root):
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = tar.getnames()

    assert manifest["format_version"] == 1
    assert manifest["counts"]["international.organization"] == 3
    assert manifest["counts"]["international.historicalorganization"] == 4
    assert manifest["counts"]["auth.user"] == 2
    assert "0003_content_version" in manifest["migrations"]["international"]
    assert {entry["sha256"] for entry in manifest["media"].values()} == set(
        media_checksums(media_root).values()
    )
    assert sorted(names) == sorted(
        ["manifest.json", "content.json", *(f"media/{name}" for name in manifest["media"])]
    )


def test_the_archive_is_readable_by_its_owner_only(archive):
    assert archive.stat().st_mode & 0o077 == 0


def test_a_backup_goes_to_backup_dir_under_a_dated_name(site, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "nightly"
    settings.BACKUP_DIR.mkdir()

    printed = run("backup_content")

    (written,) = settings.BACKUP_DIR.glob("international-backup-*.tar.gz")
    assert str(written) in printed
    assert "records of" in printed


def test_a_backup_skips_symbolic_links_in_the_media_folder(site, media_root, tmp_path):
    (media_root / "passwords").symlink_to("/etc/passwd")
    path = tmp_path / "site.tar.gz"

    printed = run("backup_content", "--output", str(path))

    with tarfile.open(path, "r:gz") as tar:
        assert "media/passwords" not in tar.getnames()
    assert "Skipped the symbolic link passwords" in printed


def test_a_backup_never_overwrites_an_existing_file(site, tmp_path):
    existing = tmp_path / "site.tar.gz"
    existing.write_bytes(b"an older backup")

    with pytest.raises(CommandError, match="already exists"):
        run("backup_content", "--output", str(existing))
    assert existing.read_bytes() == b"an older backup"


def test_a_backup_leaves_out_files_no_record_refers_to(site, media_root, tmp_path):
    organization = Organization.objects.get(slug_bg="strasburgski-klub")
    orphans = [
        "international/organisations/2026/left-by-a-killed-worker.png",
        "international/renditions/0123456789abcdef0123/320.avif",
    ]
    for orphan in orphans:
        (media_root / orphan).parent.mkdir(parents=True, exist_ok=True)
        (media_root / orphan).write_bytes(b"not referenced")
    path = tmp_path / "site.tar.gz"

    run("backup_content", "--output", str(path))

    with tarfile.open(path, "r:gz") as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    for orphan in orphans:
        assert f"media/{orphan}" not in names
        assert orphan not in manifest["media"]
    folder = f"international/renditions/{organization.image_hash}"
    assert f"media/{organization.image.name}" in names
    assert {f"media/{folder}/{w}.{ext}" for w in (320, 360) for ext in ("avif", "webp", "png")} <= (
        names
    )
