"""What an uploaded image must be: a real JPEG, PNG, WebP or AVIF within the size limits.

An upload is checked and decoded in one place, check_upload(), once: the form field,
the model field's validator and the save that re-encodes it and makes its renditions
all take the same decoded image. The messages are defined once here and name the limits.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .renditions import TooManyPixelsError, normalised, pixel_size, processing_bytes

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
#: The memory that checking and cleaning one upload may take (see
#: renditions.processing_bytes): a small file can declare many pixels, and a worker
#: keeps what it once allocated.
MAX_PROCESSING_BYTES = 100 * 1024 * 1024


NOT_AN_IMAGE = _("The file is not a readable image. Upload a JPEG, PNG, WebP or AVIF file.")


@dataclass(frozen=True)
class CheckedImage:
    """An accepted upload, decoded: its format and its pixels, upright, with no metadata."""

    image_format: str
    image: Image.Image


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


def validate_processing_memory(image):
    """Refuse an opened, not yet decoded, image whose processing would need too much memory.

    The limit is said in megapixels for images of this one's kind (its format, and
    colour, with transparency, greyscale or 16-bit), which take more or fewer bytes a
    pixel.
    """
    needed = processing_bytes(image.width, image.height, image.mode, image.format)
    if needed > MAX_PROCESSING_BYTES:
        per_pixel = processing_bytes(1, 1, image.mode, image.format)
        raise ValidationError(
            _(
                "The image has too many pixels to be processed: images of this kind may "
                "have at most %(limit)s million pixels, and this one has %(pixels)s "
                "million. Make it smaller and upload it again."
            ),
            code="too_much_memory",
            params={
                "limit": number_format(MAX_PROCESSING_BYTES / per_pixel / 1_000_000, 1),
                "pixels": number_format(round(image.width * image.height / 1_000_000, 1), 1),
            },
        )


def check_upload(file):
    """Return a new upload as a CheckedImage, or refuse it with the reason.

    The file's size, then the pixel count its header declares, then its format and the
    memory its decoding needs (from the header: Image.open() is lazy) are checked, and
    it is decoded in full: verify() alone does not notice a truncated
    JPEG. The result is kept on the uploaded file, so that however often it is asked
    for (by the form, the model's validation and the save), the file is decoded once
    (its header is read once more before, by the format plugins, for the pixel count).
    """
    upload = file.file if isinstance(file, FieldFile) else file
    checked = getattr(upload, "_checked_image", None)
    if checked is not None:
        return checked
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB; upload a smaller image."),
            code="too_large",
            params={"limit": MAX_IMAGE_BYTES // (1024 * 1024)},
        )
    validate_pixel_count(upload)
    position = upload.tell()
    try:
        upload.seek(0)
        with Image.open(upload) as source:
            image_format = source.format
            if image_format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(
                    _("Images must be JPEG, PNG, WebP or AVIF; this file is %(format)s."),
                    code="format",
                    params={"format": image_format},
                )
            validate_processing_memory(source)
            source.load()
            checked = CheckedImage(image_format, normalised(source))
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for broken or hostile files.
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    finally:
        upload.seek(position)
    upload._checked_image = checked
    return checked


def validate_image_upload(file):
    """Accept only a real JPEG, PNG, WebP or AVIF image within the size limits.

    Only a new upload is checked: an image already stored was checked when it came,
    and saving a record again (or restoring a version of it) must not reopen it.
    """
    if not getattr(file, "_committed", False):
        check_upload(file)
