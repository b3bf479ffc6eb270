"""Load the section's initial content; safe to run any number of times."""

from django.core.management.base import BaseCommand

from international.ops.seeding import SeedLoader


class Command(BaseCommand):
    help = (
        "Load the initial content of the International activity section. Each record is "
        "created once: a record staff have edited or deleted is never overwritten or "
        "brought back."
    )

    def handle(self, *args, **options):
        created, kept = SeedLoader(self.stderr).load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content: {created} record(s) created, {kept} already loaded "
                "and left as they are."
            )
        )
