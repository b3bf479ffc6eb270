"""Make every image's renditions again, and remove renditions no record uses."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from international.media import renditions
from international.models import image_models


class Command(BaseCommand):
    help = (
        "Rebuild the responsive renditions of every uploaded image (e.g. after changing "
        "the widths or formats) and remove renditions that no record uses."
    )

    def handle(self, *args, **options):
        in_use = set()
        rebuilt = missing = 0
        for model in image_models():
            for record in model.objects.exclude(image="").exclude(image_hash=""):
                if not default_storage.exists(record.image.name):
                    self.stderr.write(
                        f"Missing original for {model.__name__} {record.pk}: {record.image.name}"
                    )
                    missing += 1
                    continue
                if record.image_hash not in in_use:
                    renditions.delete_renditions(record.image_hash)
                    renditions.make_renditions(record.image.name, record.image_hash)
                    rebuilt += 1
                in_use.add(record.image_hash)
        removed = 0
        try:
            folders, _files = default_storage.listdir(renditions.RENDITION_ROOT)
        except FileNotFoundError:
            folders = []
        for folder in folders:
            if folder not in in_use:
                renditions.delete_renditions(folder)
                removed += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions rebuilt for {rebuilt} image(s); {removed} unused set(s) removed; "
                f"{missing} original(s) missing."
            )
        )
