"""A record's picture: its text alternative, the cleaned original and its renditions."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..media import renditions
from ..media.validation import check_upload


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
        pixels = None  # a new upload's, decoded when it was checked
        if self.image and not self.image._committed:
            cleaned = renditions.clean_upload(check_upload(self.image))
            self.image.save(cleaned.name, cleaned.content, save=False)
            self.image_hash = cleaned.content_hash
            self.image_width, self.image_height = cleaned.width, cleaned.height
            pixels = cleaned.image
        elif not self.image:
            self.image_hash = ""
            self.image_width = self.image_height = None
        super().save(*args, **kwargs)
        if self.image_hash and (
            self.image_hash != self._loaded_image_hash
            or not renditions.renditions_exist(self.image_hash, self.image_width, self.image.name)
        ):
            renditions.make_renditions(self.image, self.image_hash, image=pixels)
        if self._loaded_image_hash and self._loaded_image_hash != self.image_hash:
            remove_unused_renditions(self._loaded_image_hash)
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


def remove_unused_renditions(content_hash):
    """Remove the renditions of an image that no record shows any more."""
    if not any(model.objects.filter(image_hash=content_hash).exists() for model in image_models()):
        renditions.delete_renditions(content_hash)
