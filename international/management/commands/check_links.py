"""Check every outside address of the section's records and keep the link report up to date."""

from django.core.management.base import BaseCommand

from international.links.report import describe, run_check


class Command(BaseCommand):
    help = (
        "Check every web address in the records (their website fields and the links in "
        "their texts, both languages) and update the admin's link report."
    )

    def handle(self, *args, **options):
        # No time budget here: every address is checked (the admin's button has one).
        self.stdout.write(describe(run_check()))
