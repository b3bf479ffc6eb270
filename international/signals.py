"""What every saved or deleted record sets off: stale pages, and renditions no record shows.

Connected when the app is ready (apps.py).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models.base import TranslatedRecord
from .models.content import content_changed
from .models.images import ImageMixin, remove_unused_renditions


@receiver(post_delete)
def remove_renditions_of_deleted_image(sender, instance, **kwargs):
    """Remove a deleted record's renditions; its original stays for history to restore.

    Once the deletion is committed: a deletion rolled back keeps its renditions.
    """
    if isinstance(instance, ImageMixin) and instance.image_hash:
        transaction.on_commit(
            partial(remove_unused_renditions, instance.image_hash), using=kwargs.get("using")
        )


@receiver(post_save)
@receiver(post_delete)
def bump_content_version(sender, instance, **kwargs):
    """Every saved or deleted record makes cached pages stale."""
    if isinstance(instance, TranslatedRecord):
        content_changed()
