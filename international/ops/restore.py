"""Restore a checked backup archive (verify.py) all or nothing; archives are made by backup.py.

Restoring loads the content in one transaction and puts the media files in place
before it commits; if either fails, neither is left half done.
"""

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ..models import ContentVersion
from ..models.content import content_changed
from .backup import (
    BackupError,
    backed_up_models,
    content_models,
    migration_state,
    model_label,
    require_local_media,
    sha256_of,
)

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
    restored = ContentVersion.objects.filter(pk=1).first()
    restored_version = restored.version if restored else 0
    ContentVersion.objects.update_or_create(
        pk=1, defaults={"version": max(previous_version, restored_version)}
    )
    content_changed()


def restore_backup(backup, replace=False):
    """Load a verified archive into the database and MEDIA_ROOT, all or nothing."""
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
