"""Write the section's content and uploaded files into one archive."""

from django.core.management.base import BaseCommand, CommandError

from international.ops.backup import BackupError, write_backup


def human_size(size):
    """Return *size* in bytes as a short reading, e.g. "2.4 MB"."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return ""  # pragma: no cover - the loop always returns


class Command(BaseCommand):
    help = (
        "Back up the International activity section: every record (with its history), "
        "the users and groups, and every file under MEDIA_ROOT, into one .tar.gz archive "
        "that restore_content loads into a fresh database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PATH",
            help=(
                "The archive to write, or a folder to write it in. Default: "
                "international-backup-<date>-<time>.tar.gz in BACKUP_DIR (a setting) or "
                "the current folder."
            ),
        )

    def handle(self, *args, output=None, verbosity=1, **options):
        try:
            summary = write_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for link in summary.skipped_links:
            self.stderr.write(f"Skipped the symbolic link {link} in MEDIA_ROOT.")
        for name in summary.missing_originals:
            self.stderr.write(
                self.style.WARNING(
                    f"A record's image or document is missing from MEDIA_ROOT: {name}"
                )
            )
        if verbosity >= 2:
            for label, count in summary.counts.items():
                self.stdout.write(f"  {label}: {count}")
        models = sum(1 for count in summary.counts.values() if count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {summary.path} ({human_size(summary.size)}): "
                f"{summary.record_count} records of {models} models and "
                f"{summary.media_count} media files. It holds password hashes: keep it safe."
            )
        )
