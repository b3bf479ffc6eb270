"""List (or remove) the uploaded files that no record or version in history refers to."""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from international.ops.orphans import orphans


class Command(BaseCommand):
    help = (
        "List the files in the media storage that no record, no version in a record's "
        "history and no rendition of a record's image accounts for, with their count and "
        "size. Nothing is removed unless --delete is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove the files listed (default: only list)."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=3600,
            metavar="SECONDS",
            help=(
                "Leave out files changed less than this long ago: an upload is written "
                "just before its record is saved (default: 3600; 0 for every file)."
            ),
        )

    def handle(self, *args, delete=False, min_age=3600, **options):
        found = orphans(default_storage, min_age=datetime.timedelta(seconds=min_age))
        for orphan in found:
            self.stdout.write(f"{orphan.path}\t{orphan.size}")
            if delete:
                default_storage.delete(orphan.path)
        size = sum(orphan.size for orphan in found)
        total = f"{size} bytes ({size / 1_000_000:.1f} MB)"
        if delete:
            summary = f"{len(found)} unreferenced file(s), {total}, removed."
        else:
            summary = (
                f"{len(found)} unreferenced file(s), {total}; nothing removed "
                "(run with --delete to remove them)."
            )
        self.stdout.write(self.style.SUCCESS(summary))
