"""What an uploaded image must be: a real JPEG, PNG, WebP or AVIF within the size limits.

The messages are defined once here and name the limits.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .renditions import TooManyPixelsError, pixel_size

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


NOT_AN_IMAGE = _("The file is not a readable image. Upload a JPEG, PNG, WebP or AVIF file.")


def validate_pixel_count(file):
    """Refuse an image over MAX_IMAGE_PIXELS, by the size its header declares.

    Checked before Image.open(), which would refuse (or only warn about) such a
    decompression bomb without saying how large it is.
    """
    try:
        declared = pixel_size(file)
    except TooManyPixelsError:
        raise ValidationError(
            _("The image is too large (more than %(limit)s million pixels)."),
            code="too_many_pixels",
            params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
        ) from None
    if declared and declared[0] * declared[1] > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is too large (%(width)s × %(height)s pixels)."),
            code="too_many_pixels",
            params={"width": declared[0], "height": declared[1]},
        )


def validate_image_upload(file):
    """Accept only a real JPEG, PNG, WebP or AVIF image within the size limits.

    Only a new upload is checked: an image already stored was checked when it came,
    and saving a record again (or restoring a version of it) must not reopen it.
    """
    if getattr(file, "_committed", False):
        return
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB; upload a smaller image."),
            code="too_large",
            params={"limit": MAX_IMAGE_BYTES // (1024 * 1024)},
        )
    validate_pixel_count(file)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for broken or hostile files.
        raise ValidationError(
            NOT_AN_IMAGE,
            code="not_an_image",
        ) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG, WebP or AVIF; this file is %(format)s."),
            code="format",
            params={"format": image_format},
        )
