"""A record's picture: its text alternative, the cleaned original and its renditions."""

import logging
from functools import partial

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from ..media import renditions
from ..media.validation import check_upload

logger = logging.getLogger(__name__)


class ImageMixin(models.Model):
    """A picture with its text alternative, cleaned and rendered in several sizes.

    Subclasses declare ``image = ImageUploadField(...)``.
    """

    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it, "
            "e.g. “Logo of the Strasbourg Club”. Required when an image is set."
        ),
    )
    image_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing to the text beside it; "
            "screen readers then skip it."
        ),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_hash = models.CharField(max_length=64, blank=True, editable=False)

    #: The content hash the record had when loaded, to find renditions to remove.
    _loaded_image_hash = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save the record, its cleaned original and, once committed, its renditions.

        The original is written before the row that names it (a file field saves its
        file first). If the save fails, that file is removed again; the renditions are
        only made when the transaction commits, so a rollback leaves none. What a
        killed worker leaves behind, `manage.py clean_media` finds.
        """
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        source = None  # a new upload's pixels, reduced for the renditions
        written = None  # the original this save wrote
        try:
            with transaction.atomic(using=using):
                if self.image and not self.image._committed:
                    cleaned = renditions.clean_upload(check_upload(self.image))
                    self.image.save(cleaned.name, cleaned.content, save=False)
                    written = self.image.name
                    self.image_hash = cleaned.content_hash
                    self.image_width, self.image_height = cleaned.width, cleaned.height
                    source = cleaned.rendition_source
                elif not self.image:
                    self.image_hash = ""
                    self.image_width = self.image_height = None
                super().save(*args, **kwargs)
        except BaseException:
            if written:
                discard_original(written)
            raise
        transaction.on_commit(
            partial(
                update_renditions,
                self.image.name if self.image else "",
                self.image_hash,
                (self.image_width, self.image_height),
                self._loaded_image_hash,
                source,
            ),
            using=using,
        )
        self._loaded_image_hash = self.image_hash

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_image_hash = instance.__dict__.get("image_hash", "")
        return instance

    def clean(self):
        super().clean()
        if self.image and not self.image_decorative and not self.image_alt_bg:
            raise ValidationError(
                {
                    "image_alt_bg": _(
                        "Describe the image in Bulgarian for people who cannot see it, "
                        "or mark it as decorative."
                    )
                }
            )

    def picture(self):
        """Return what a page needs to show the image, or None."""
        if not (self.image and self.image_hash and self.image_width):
            return None
        return renditions.picture(
            self.image_hash, self.image_width, self.image_height, self.image.name
        )


def image_models():
    return [model for model in apps.get_models() if issubclass(model, ImageMixin)]


def update_renditions(image_name, content_hash, size, previous_hash, source=None):
    """Make an image's renditions if they are missing, and remove the previous image's.

    Run once the save that set *content_hash* is committed. *source* is a new
    upload's pixels reduced for the renditions; without it the stored original is read.
    """
    if content_hash and (
        content_hash != previous_hash
        or not renditions.renditions_exist(content_hash, size[0], image_name)
    ):
        renditions.make_renditions(image_name, content_hash, source=source, size=size)
    if previous_hash and previous_hash != content_hash:
        remove_unused_renditions(previous_hash)


def discard_original(name):
    """Remove an original written by a save that failed, unless a row names it.

    (An object storage that overwrites files of the same name may hold the same
    content for another record, and history keeps the names of earlier originals.)
    """
    try:
        if not original_is_named(name):
            default_storage.delete(name)
    except Exception:  # The save's own error is the one to report.
        logger.exception("Could not remove %s after a failed save", name)


def original_is_named(name):
    """Whether a record or a version in its history names the original *name*."""
    return any(
        manager.filter(image=name).exists()
        for model in image_models()
        for manager in (model._base_manager, model.history.model._base_manager)
    )


def remove_unused_renditions(content_hash):
    """Remove the renditions of an image that no record shows any more."""
    if not any(model.objects.filter(image_hash=content_hash).exists() for model in image_models()):
        renditions.delete_renditions(content_hash)
