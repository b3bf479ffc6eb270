"""Back up the section's content and uploaded files into one archive, and restore it.

An archive is a gzipped tar file with three kinds of member:

``content.json``
    Every record of the international app (history, seed bookkeeping and the content
    version included), the users, the groups and the admin's change log, as Django's
    serializers write them. Users, groups, permissions and content types are referred
    to by natural key, so the archive loads into any freshly migrated database,
    whatever ids its permissions and content types got there.
``media/<path>``
    Every file under MEDIA_ROOT: uploaded originals and their renditions.
``manifest.json``
    The format version, when and from which migrations the archive was made, the
    number of records of each model, and the SHA-256 of ``content.json`` and of every
    media file. Restoring checks every member against it before touching anything.

Restoring loads the content in one transaction and puts the media files in place
before it commits; if either fails, neither is left half done.
"""

import contextlib
import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.timezone import is_aware

from .content import content_changed

FORMAT = "stara-zagora-international-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
MEDIA_PREFIX = "media/"
CHUNK_SIZE = 1024 * 1024


class BackupError(Exception):
    """An archive cannot be written or restored; the message says why, for the operator."""


# What is backed up ----------------------------------------------------------------------


def backed_up_models():
    """Return the models whose rows an archive holds.

    Permissions and content types are not among them: migrate makes them, and the
    rows that refer to them do so by natural key. Sessions and django-axes' login
    attempts are left out on purpose: they are short-lived and tied to the old site.
    """
    return [
        *apps.get_app_config("international").get_models(),
        get_user_model(),
        Group,
        LogEntry,
    ]


def content_models():
    """Return the models whose rows make a database "not empty" for a restore.

    Every backed-up model except those a fresh site fills by itself: groups (the
    editors' group comes from a migration) and the content version (made by the first
    page view).
    """
    from .models import ContentVersion

    return [model for model in backed_up_models() if model not in (Group, ContentVersion)]


def model_label(model):
    return model._meta.label_lower


def migration_state():
    """Return the applied migrations of every app, as {app label: [names]}."""
    applied = MigrationRecorder(connection).applied_migrations()
    state = {}
    for app_label, name in sorted(applied):
        state.setdefault(app_label, []).append(name)
    return state


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def require_local_media():
    """Refuse to run when uploads are not on local disk under MEDIA_ROOT."""
    if not isinstance(storages["default"], FileSystemStorage):
        raise BackupError(
            "Uploads are kept in object storage (S3_BUCKET), not under MEDIA_ROOT: this "
            "command backs up and restores local media only. Back up the bucket with its "
            "provider's versioning or replication, and the database with its own tools "
            "(pg_dump)."
        )


def media_files(media_root):
    """Return the regular files under *media_root* and the symbolic links found there.

    Files come as (relative POSIX path, absolute path). Links are not followed or
    backed up: what they point to is not the site's to copy.
    """
    media_root = Path(media_root)
    files, links = [], []
    if not media_root.is_dir():
        return files, links
    for folder, folder_names, file_names in os.walk(media_root):
        folder_names.sort()
        for name in sorted(folder_names + file_names):
            path = Path(folder, name)
            relative = path.relative_to(media_root).as_posix()
            if path.is_symlink():
                links.append(relative)
            elif name in file_names and path.is_file():
                files.append((relative, path))
    return files, links


# Writing -------------------------------------------------------------------------------


@dataclass
class BackupSummary:
    path: Path
    size: int
    counts: dict
    media_count: int
    skipped_links: list = field(default_factory=list)
    missing_originals: list = field(default_factory=list)

    @property
    def record_count(self):
        return sum(self.counts.values())


def default_backup_path(directory=None):
    """Return a new archive's path, named by the time it is made, in *directory*."""
    directory = Path(directory or getattr(settings, "BACKUP_DIR", None) or Path.cwd())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return directory / f"international-backup-{stamp}.tar.gz"


class HashingReader:
    """Read a file while computing the SHA-256 of exactly the bytes that were read."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def tar_info(name, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o644
    info.mtime = int(timezone.now().timestamp())
    info.type = tarfile.REGTYPE
    return info


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Encode times to the microsecond.

    DjangoJSONEncoder (and so dumpdata) cuts them to the millisecond, which would
    change every timestamp of a restored record.
    """

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            if isinstance(o, datetime.time) and is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


def dump_content():
    """Return every backed-up row as JSON that loaddata reads, from one consistent snapshot.

    Users, groups, permissions and content types are written by natural key.
    """
    by_app = {}
    for model in backed_up_models():
        by_app.setdefault(model._meta.app_config, []).append(model)
    rows = []
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every query of the dump, not one per query. (Inside a
            # caller's transaction, it is the caller's to choose.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in serializers.sort_dependencies(by_app.items(), allow_cycles=True):
            rows += serializers.serialize(
                "python",
                model._base_manager.order_by(model._meta.pk.name).iterator(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
    return json.dumps(rows, cls=LosslessJSONEncoder, indent=1, ensure_ascii=False).encode()


def referenced_images(rows):
    """Return the media paths of the images that the dumped records refer to."""
    from .models import image_models

    labels = {model_label(model) for model in image_models()}
    return {
        row["fields"]["image"]
        for row in rows
        if row["model"] in labels and row["fields"].get("image")
    }


def write_backup(path=None):
    """Write the content and the media files into a new archive at *path*; return a summary.

    The archive is written beside its final name and renamed when complete, so a
    half-written archive never carries the final name. It holds password hashes and
    e-mail addresses: only its owner may read it.
    """
    require_local_media()
    path = Path(path) if path else default_backup_path()
    if path.is_dir():
        path = default_backup_path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another name (--output).")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")

    # The content first, the files second: every file a dumped record names was
    # saved before the record, so it is on disk by the time the files are read.
    content = dump_content()
    rows = json.loads(content)
    counts = Counter({model_label(model): 0 for model in backed_up_models()})
    counts.update(row["model"] for row in rows)
    counts = dict(sorted(counts.items()))

    files, links = media_files(settings.MEDIA_ROOT)
    manifest_media = {}
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive,
        ):
            archive.addfile(tar_info(CONTENT, len(content)), io.BytesIO(content))
            for relative, absolute in files:
                with open(absolute, "rb") as file:
                    size = os.fstat(file.fileno()).st_size
                    reader = HashingReader(file)
                    archive.addfile(tar_info(MEDIA_PREFIX + relative, size), reader)
                manifest_media[relative] = {"sha256": reader.digest.hexdigest(), "size": size}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "database_vendor": connection.vendor,
                "migrations": migration_state(),
                "counts": counts,
                "content": {
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "size": len(content),
                },
                "media": manifest_media,
            }
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            archive.addfile(tar_info(MANIFEST, len(data)), io.BytesIO(data))
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return BackupSummary(
        path=path,
        size=path.stat().st_size,
        counts=counts,
        media_count=len(manifest_media),
        skipped_links=links,
        missing_originals=sorted(referenced_images(rows) - set(manifest_media)),
    )


# Reading and checking ------------------------------------------------------------------


def unsafe_name(name):
    """Return why an archive member's *name* may not be written to disk, or ""."""
    if not name or "\x00" in name or "\\" in name:
        return "has a character a file name may not have"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "leads out of its folder (..)"
    if any(part in ("", ".") for part in name.split("/")):
        return "is not a plain relative path"
    return ""


def member_kind(member):
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isdir():
        return "a folder"
    return "not a regular file"


@dataclass
class VerifiedBackup:
    """An archive whose members all matched its manifest, unpacked into a private folder."""

    path: Path
    manifest: dict
    folder: Path

    @property
    def content_path(self):
        return self.folder / CONTENT

    def media_path(self, relative):
        return self.folder / "media" / relative

    @property
    def counts(self):
        return self.manifest["counts"]


def read_manifest(archive, members, path):
    member = members.get(MANIFEST)
    if member is None:
        raise BackupError(
            f"{path} has no {MANIFEST}: it was not written by backup_content, or it is incomplete."
        )
    try:
        manifest = json.loads(archive.extractfile(member).read())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The manifest of {path} is not readable JSON: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not an archive of this site's content (unknown format).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format version {version!r}; this version of the site "
            f"reads format version {FORMAT_VERSION} only."
        )
    media = manifest.get("media")
    content = manifest.get("content")
    if not (
        isinstance(media, dict)
        and isinstance(content, dict)
        and isinstance(manifest.get("counts"), dict)
        and isinstance(manifest.get("migrations"), dict)
        and all(isinstance(entry, dict) for entry in media.values())
    ):
        raise BackupError(f"The manifest of {path} is incomplete.")
    for relative in media:
        reason = unsafe_name(relative)
        if reason:
            raise BackupError(f"The archive refers to a media file {relative!r} that {reason}.")
    return manifest


def extract_checked(archive, member, target, expected, path):
    """Write *member* to *target*, refusing it unless its size and SHA-256 are *expected*."""
    if member.size != expected.get("size"):
        raise BackupError(
            f"{member.name} in {path} does not have the size its manifest gives: the archive "
            "is damaged or was altered. Nothing was restored."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = archive.extractfile(member)
    with open(target, "wb") as file:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            file.write(chunk)
    if digest.hexdigest() != expected.get("sha256"):
        raise BackupError(
            f"{member.name} in {path} does not match its checksum in the manifest: the "
            "archive is damaged or was altered. Nothing was restored."
        )


def verify_archive(path, folder):
    """Check every member of the archive at *path* and unpack it into *folder*.

    Refuses, before anything is written outside *folder*: a missing or unreadable
    file, members with unsafe names, links or other non-files, members the manifest
    does not list or lists but lacks, an unknown format version, and any member
    whose size or checksum differs from the manifest.
    """
    path = Path(path)
    if not path.exists():
        raise BackupError(f"There is no backup archive at {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with tarfile.open(path, mode="r:*") as archive:
            return verify_members(archive, path, Path(folder))
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(
            f"{path} is not a backup archive written by backup_content (a .tar.gz file), "
            f"or it is damaged: {error}"
        ) from None


def verify_members(archive, path, folder):
    members = {}
    for member in archive.getmembers():
        reason = unsafe_name(member.name)
        if reason:
            raise BackupError(
                f"{path} is refused: its member {member.name!r} {reason}. Nothing was restored."
            )
        if not member.isreg():
            raise BackupError(
                f"{path} is refused: its member {member.name!r} is {member_kind(member)}, "
                "and an archive of this site holds regular files only. Nothing was restored."
            )
        if member.name in members:
            raise BackupError(f"{path} is refused: it holds {member.name!r} twice.")
        members[member.name] = member

    manifest = read_manifest(archive, members, path)
    expected = {CONTENT: manifest["content"]}
    expected.update(
        {MEDIA_PREFIX + relative: entry for relative, entry in manifest["media"].items()}
    )
    unlisted = sorted(set(members) - set(expected) - {MANIFEST})
    if unlisted:
        raise BackupError(
            f"{path} is refused: {unlisted[0]} is not listed in its manifest "
            f"({len(unlisted)} such member(s)). Nothing was restored."
        )
    absent = sorted(set(expected) - set(members))
    if absent:
        raise BackupError(
            f"{path} is incomplete: {absent[0]} is listed in its manifest but missing "
            f"({len(absent)} such member(s)). Nothing was restored."
        )
    for name, entry in expected.items():
        extract_checked(archive, members[name], folder / name, entry, path)
    return VerifiedBackup(path=path, manifest=manifest, folder=folder)


# Restoring -----------------------------------------------------------------------------


def existing_content():
    """Return {model label: count} of the rows that make the database not empty."""
    found = {}
    for model in content_models():
        count = model._base_manager.count()
        if count:
            found[model_label(model)] = count
    return found


def migration_difference(first, second):
    """Return the migrations (of the backed-up apps) in state *first* but not in *second*."""
    app_labels = {model._meta.app_label for model in backed_up_models()}
    return sorted(
        f"{app_label}.{name}"
        for app_label in app_labels
        for name in set(first.get(app_label, [])) - set(second.get(app_label, []))
    )


def missing_migrations(manifest):
    """Return the archive's migrations not applied to this database."""
    return migration_difference(manifest["migrations"], migration_state())


def clear_content():
    """Delete every backed-up row, their many-to-many links and the sessions.

    Plain DELETE statements: no signals, since one would remove renditions from disk
    that a rolled-back restore could not bring back; and no TRUNCATE, which
    PostgreSQL refuses in a transaction that has already written. Foreign keys are
    checked at commit, so the order does not matter.
    """
    models = [*backed_up_models(), Session]
    tables = {model._meta.db_table for model in models}
    for model in models:
        for many_to_many in model._meta.local_many_to_many:
            tables.add(many_to_many.remote_field.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


class MediaPlacement:
    """Put restored files in place, remembering enough to undo it."""

    def __init__(self, media_root, spare_folder):
        self.media_root = Path(media_root)
        self.spare_folder = Path(spare_folder)
        self.created = []
        self.replaced = []  # (target, the previous file's copy)
        self.unchanged = 0

    def place(self, source, relative, sha256):
        target = self.media_root / relative
        if not target.resolve().is_relative_to(self.media_root.resolve()):
            raise BackupError(f"{target} leads out of MEDIA_ROOT; nothing was restored.")
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise BackupError(f"{target} exists and is not a regular file; nothing was restored.")
        if target.exists():
            if sha256_of(target) == sha256:
                self.unchanged += 1
                return
            spare = self.spare_folder / relative
            spare.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, spare)
            self.replaced.append((target, spare))
        else:
            self.created.append(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(source, partial)
        os.replace(partial, target)

    def undo(self):
        for target in self.created:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        for target, spare in self.replaced:
            shutil.copyfile(spare, target)


@dataclass
class RestoreSummary:
    counts: dict
    media_written: int
    media_unchanged: int
    replaced: dict
    content_version: int
    newer_migrations_here: list = field(default_factory=list)


def check_counts(backup):
    """Return the rows of each model now in the database; refuse if the archive lists others.

    Groups may already be there (a migration makes the editors' group), and the
    content version is changed on purpose: neither is compared.
    """
    from .models import ContentVersion

    counts = {model_label(model): model._base_manager.count() for model in backed_up_models()}
    skipped = {model_label(Group), model_label(ContentVersion)}
    for label, expected in backup.counts.items():
        if label not in skipped and counts.get(label) != expected:
            raise BackupError(
                f"The archive lists {expected} row(s) of {label} but {counts.get(label)} were "
                "loaded; nothing was restored."
            )
    return counts


def bump_version_past(previous_version):
    """Give the content a version number this database has never used.

    A page cached under an earlier number must not be served as the restored content,
    whether the archive's number is lower or higher than the one it replaces.
    """
    from .models import ContentVersion

    restored = ContentVersion.objects.filter(pk=1).first()
    restored_version = restored.version if restored else 0
    ContentVersion.objects.update_or_create(
        pk=1, defaults={"version": max(previous_version, restored_version)}
    )
    content_changed()


def restore_backup(backup, replace=False):
    """Load a verified archive into the database and MEDIA_ROOT, all or nothing."""
    from .models import ContentVersion

    require_local_media()
    missing = missing_migrations(backup.manifest)
    if missing:
        raise BackupError(
            "The archive was made by a newer version of the site: this database lacks "
            f"the migration(s) {', '.join(missing)}. Deploy that version and run "
            "`manage.py migrate` first."
        )
    spare_folder = backup.folder / "replaced"
    placement = MediaPlacement(settings.MEDIA_ROOT, spare_folder)
    try:
        with transaction.atomic():
            found = existing_content()
            if found and not replace:
                listed = ", ".join(f"{label}: {count}" for label, count in found.items())
                raise BackupError(
                    f"The database already has content ({listed}). Restoring would mix it "
                    "with the archive's. To delete it and restore the archive in its place, "
                    "run again with --replace."
                )
            previous = ContentVersion.objects.filter(pk=1).first()
            previous_version = previous.version if previous else 0
            if replace:
                clear_content()
            try:
                call_command("loaddata", str(backup.content_path), verbosity=0)
            except Exception as error:
                raise BackupError(
                    f"The archive's content could not be loaded, and nothing was restored: {error}"
                ) from error
            counts = check_counts(backup)
            bump_version_past(previous_version)
            for relative, entry in backup.manifest["media"].items():
                placement.place(backup.media_path(relative), relative, entry["sha256"])
    except DatabaseError as error:
        # E.g. a foreign key checked at commit: the transaction is rolled back.
        placement.undo()
        raise BackupError(f"The restore failed and nothing was restored: {error}") from error
    except BaseException:
        placement.undo()
        raise
    return RestoreSummary(
        counts=counts,
        media_written=len(placement.created) + len(placement.replaced),
        media_unchanged=placement.unchanged,
        replaced=found if replace else {},
        content_version=ContentVersion.objects.get(pk=1).version,
        newer_migrations_here=newer_migrations(backup.manifest),
    )


def newer_migrations(manifest):
    """Return this database's migrations the archive did not have."""
    return migration_difference(migration_state(), manifest["migrations"])
