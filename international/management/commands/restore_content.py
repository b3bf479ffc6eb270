"""Restore an archive written by backup_content into the database and MEDIA_ROOT."""

import tempfile

from django.core.management.base import BaseCommand, CommandError

from international.ops.backup import BackupError
from international.ops.restore import restore_backup
from international.ops.verify import verify_archive


class Command(BaseCommand):
    help = (
        "Restore the International activity section from an archive written by "
        "backup_content. Every file in the archive is checked first; the database must "
        "be freshly migrated and empty unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The .tar.gz archive to restore.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Delete the section's records, their history, the users, groups and "
                "sessions already in the database, and restore the archive in their place."
            ),
        )

    def handle(self, *args, path, replace=False, verbosity=1, **options):
        with tempfile.TemporaryDirectory(prefix="restore-content-") as folder:
            try:
                backup = verify_archive(path, folder)
                summary = restore_backup(backup, replace=replace)
            except BackupError as error:
                raise CommandError(str(error)) from error
        for migration in summary.newer_migrations_here:
            self.stderr.write(
                self.style.WARNING(
                    f"The archive predates the migration {migration}; its content was "
                    "loaded into the newer schema."
                )
            )
        if summary.replaced:
            listed = ", ".join(f"{label}: {count}" for label, count in summary.replaced.items())
            self.stdout.write(f"Deleted what the database held before: {listed}.")
        if verbosity >= 2:
            for label, count in summary.counts.items():
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(summary.counts.values())} records and "
                f"{summary.media_written + summary.media_unchanged} media files "
                f"({summary.media_unchanged} already in place) from {path}. "
                f"Content version is now {summary.content_version}."
            )
        )
