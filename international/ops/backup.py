"""Back up the section's content and uploaded files into one archive.

An archive is a gzipped tar file with three kinds of member:

``content.json``
    Every record of the international app (history, seed bookkeeping and the content
    version included), the users, the groups and the admin's change log, as Django's
    serializers write them. Users, groups, permissions and content types are referred
    to by natural key, so the archive loads into any freshly migrated database,
    whatever ids its permissions and content types got there.
``media/<path>``
    Every file under MEDIA_ROOT that a dumped record refers to: the originals of the
    records and of their history, the records' renditions, and the programmes' and
    projects' documents. Files nothing refers to (see ops/orphans.py, `manage.py
    clean_media`) are left out.
``manifest.json``
    The format version, when and from which migrations the archive was made, the
    number of records of each model, and the SHA-256 of ``content.json`` and of every
    media file. Restoring checks every member against it before touching anything.

verify.py checks an archive against its manifest; restore.py loads it back.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.timezone import is_aware

from ..models import ContentVersion, image_models
from .orphans import FILE_MODELS, referenced_in_rows

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
    editors' and approvers' groups come from migrations) and the content version (made by the first
    page view).
    """
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
    """Return the media paths of the images and documents that the dumped records refer to."""
    fields = {model_label(model): "image" for model in image_models()}
    fields.update({model_label(model): field for model, field in FILE_MODELS})
    return {
        row["fields"][fields[row["model"]]]
        for row in rows
        if row["model"] in fields and row["fields"].get(fields[row["model"]])
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
    referenced = referenced_in_rows(rows)
    files = [(relative, absolute) for relative, absolute in files if relative in referenced]
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
