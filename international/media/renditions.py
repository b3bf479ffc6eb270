"""Uploaded images: cleaned originals and responsive renditions, made with Pillow.

An accepted upload is turned upright by its EXIF orientation and re-encoded, so that
no EXIF (GPS position, camera) survives. The cleaned file is named by the hash of its
content. The pixels are reduced once to the widest rendition (from the upload decoded
when it was checked; from the stored original, a JPEG decoded at a reduced scale by
``Image.draft``, when renditions are rebuilt) and every rendition is made from that
reduced image, in AVIF and WebP, with a JPEG (or PNG, for images with transparency)
fallback, under ``international/renditions/<hash>/<width>.<format>``. Pages build
``<picture>`` markup from the stored hash, width and height alone, with no file access.

Originals are kept when an image is replaced (history can restore them); renditions
of an image no record uses any more are removed.
"""

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageMode, ImageOps

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (320, 640, 1280)
RENDITION_ROOT = "international/renditions"
# Modern formats first: the browser takes the first <source> it supports.
MODERN_FORMATS = (("avif", "image/avif"), ("webp", "image/webp"))
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
    "AVIF": {"quality": 60, "speed": 8},
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def stored_bytes_per_pixel(mode):
    """Return the bytes Pillow keeps in memory per pixel of an image in *mode*.

    One band takes the size of its type (1 for 1, L and P; 2 for I;16; 4 for I and F);
    several 8-bit bands (LA, RGB, RGBA, CMYK, YCbCr...) take four bytes, padded.
    """
    descriptor = ImageMode.getmode(mode)
    if len(descriptor.bands) == 1:
        return max(1, int(descriptor.typestr[-1]))
    return 4


#: Bytes a pixel that re-encoding the whole original takes in its format's encoder,
#: beyond the pixels themselves (measured by bench/upload_memory.py): libavif and libwebp
#: convert the image to YUV and keep their own working buffers; JPEG and PNG encode
#: line by line.
ENCODER_BYTES_PER_PIXEL = {"AVIF": 24, "WEBP": 8}


def processing_bytes(width, height, mode, image_format):
    """Return the memory that checking and cleaning an upload needs at its peak.

    The decoded pixels in their own *mode*, beside them the upright RGB(A) copy
    (4 bytes a pixel) or, for a rotation in place, a second copy of the decoded pixels,
    and what re-encoding the original in *image_format* adds. Known from the header
    alone: Image.open() decodes nothing until load().
    """
    decoded = stored_bytes_per_pixel(mode)
    per_pixel = decoded + max(decoded, 4) + ENCODER_BYTES_PER_PIXEL.get(image_format, 0)
    return width * height * per_pixel


def normalised(image):
    """Return *image* upright, in RGB or RGBA, with no metadata attached.

    *image* is loaded and turned upright in place, so that at most one copy of its
    pixels is made beside it.
    """
    mode = "RGBA" if has_alpha(image) else "RGB"
    ImageOps.exif_transpose(image, in_place=True)
    clean = image.convert(mode) if image.mode != mode else image.copy()
    # A plain image with an empty info carries pixels only: no EXIF, XMP, ICC
    # profile, comments or text chunks reach an encoder.
    clean.info = {}
    return clean


def encode(image, image_format):
    """Return *image* encoded in *image_format* as bytes."""
    if image_format == "JPEG" and image.mode == "RGBA":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


@dataclass(frozen=True)
class CleanedImage:
    content: ContentFile
    name: str
    content_hash: str
    width: int
    height: int
    rendition_source: Image.Image  # the pixels reduced to the widest rendition


def clean_upload(checked):
    """Return a checked upload re-encoded without metadata, named by its content hash.

    *checked* is what media.validation.check_upload() returns: the upload already
    decoded, upright and without metadata, and the format it came in.
    """
    image = checked.image
    data = encode(image, checked.image_format)
    content_hash = hashlib.sha256(data).hexdigest()[:20]
    return CleanedImage(
        content=ContentFile(data),
        name=f"{content_hash}.{EXTENSIONS[checked.image_format]}",
        content_hash=content_hash,
        width=image.width,
        height=image.height,
        rendition_source=reduced_for_renditions(image),
    )


class TooManyPixelsError(Exception):
    """The image's format refused to open it for its pixel count, before telling its size."""


def pixel_size(file):
    """Return the (width, height) a JPEG, PNG, WebP or AVIF file declares, or None.

    Read from the header by Pillow's format plugins without Image.open(), whose
    decompression-bomb check warns (an error where warnings are errors) or refuses
    without saying how large the image is.
    """
    Image.init()
    position = file.tell()
    try:
        file.seek(0)
        prefix = file.read(16)
        for image_format in EXTENSIONS:
            if image_format not in Image.OPEN:  # e.g. Pillow built without AVIF
                continue
            factory, accept = Image.OPEN[image_format]
            accepted = accept(prefix) if accept else True
            if not accepted or isinstance(accepted, str):  # A str says why it cannot be read.
                continue
            file.seek(0)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    with factory(file) as image:
                        return image.size
            except Image.DecompressionBombError:
                # Some format plugins (WebP) check the pixel count themselves, without
                # saying the size: far over the limit, whatever the exact figure.
                raise TooManyPixelsError from None
            except Exception:  # noqa: S112 - not this format; try the next
                continue
        return None
    finally:
        file.seek(position)


def rendition_widths(width):
    """Return the widths made for an image *width* pixels wide (never upscaled)."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    widths.append(min(width, RENDITION_WIDTHS[-1]))
    return widths


def rendition_path(content_hash, width, extension):
    return f"{RENDITION_ROOT}/{content_hash}/{width}.{extension}"


def fallback_extension(image_name):
    """Return the fallback rendition's extension for an original's file name.

    JPEG originals fall back to JPEG; the others may have transparency, so PNG. It is
    read from the name so that pages need no file access.
    """
    return "png" if image_name.lower().endswith((".png", ".webp", ".avif")) else "jpg"


def reduced_for_renditions(image):
    """Return *image* reduced once to the widest rendition (itself if not wider).

    ``reducing_gap`` lets Pillow first shrink by a whole factor with Image.reduce(),
    cheaply, and resample only the last step; the smaller renditions are made from
    the result, not from the full image again.
    """
    width = rendition_widths(image.width)[-1]
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)


def rendition_source_from_file(image_name, storage=default_storage):
    """Return (the stored image reduced for renditions, its full (width, height))."""
    with storage.open(image_name, "rb") as file, Image.open(file) as source:
        size = source.size
        widest = rendition_widths(source.width)[-1]
        # A JPEG decodes at 1/2, 1/4 or 1/8 of its size, at least this large; the other
        # formats ignore draft(). (The stored original is upright: it was normalised.)
        source.draft(None, (widest, max(1, round(source.height * widest / source.width))))
        source.load()
        return reduced_for_renditions(normalised(source)), size


def make_renditions(image_name, content_hash, storage=default_storage, source=None, size=None):
    """Write every rendition of the stored original *image_name*; return the paths written.

    *source* is the image reduced by reduced_for_renditions() when the caller has it
    already (a new upload, decoded when it was checked), and *size* the original's;
    otherwise the stored file is opened.
    """
    if source is None:
        source, size = rendition_source_from_file(image_name, storage)
    width, height = size or source.size
    fallback = "JPEG" if fallback_extension(image_name) == "jpg" else "PNG"
    written = []
    for rendition_width in rendition_widths(width):
        # A banner 1000 times wider than high still keeps one row of pixels.
        rendition_height = max(1, round(height * rendition_width / width))
        target = (rendition_width, rendition_height)
        resized = source if source.size == target else source.resize(target, Image.LANCZOS)
        for image_format in ("AVIF", "WEBP", fallback):
            path = rendition_path(content_hash, rendition_width, EXTENSIONS[image_format])
            if storage.exists(path):
                storage.delete(path)
            storage.save(path, ContentFile(encode(resized, image_format)))
            written.append(path)
    return written


def expected_renditions(content_hash, width, image_name):
    """Return the paths of every rendition an image should have."""
    extensions = [extension for extension, _mime in MODERN_FORMATS]
    extensions.append(fallback_extension(image_name))
    return {
        rendition_path(content_hash, rendition_width, extension)
        for rendition_width in rendition_widths(width)
        for extension in extensions
    }


def renditions_exist(content_hash, width, image_name, storage=default_storage):
    widest = rendition_widths(width)[-1]
    return storage.exists(rendition_path(content_hash, widest, fallback_extension(image_name)))


def delete_renditions(content_hash, storage=default_storage):
    """Remove every rendition of the image with *content_hash*."""
    folder = f"{RENDITION_ROOT}/{content_hash}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    try:
        storage.delete(folder)
    except OSError:  # Object storages have no folders to remove.
        logger.debug("Could not remove %s", folder)


@dataclass(frozen=True)
class Picture:
    """What a page needs to show an image: sources, fallback and intrinsic size."""

    sources: list  # [(mime type, srcset)]
    src: str
    srcset: str
    width: int
    height: int
    #: The widest rendition in the fallback format: what a gallery's thumbnail links to.
    large: str = ""


def picture(content_hash, width, height, image_name, storage=default_storage):
    """Return the <picture> data for an image, computed from stored fields alone."""
    widths = rendition_widths(width)

    def srcset(extension):
        return ", ".join(
            f"{storage.url(rendition_path(content_hash, w, extension))} {w}w" for w in widths
        )

    fallback = fallback_extension(image_name)
    default_width = next((w for w in widths if w >= 640), widths[-1])
    return Picture(
        sources=[(mime, srcset(extension)) for extension, mime in MODERN_FORMATS],
        src=storage.url(rendition_path(content_hash, default_width, fallback)),
        srcset=srcset(fallback),
        width=width,
        height=height,
        large=storage.url(rendition_path(content_hash, widths[-1], fallback)),
    )
