"""Uploaded images: cleaned originals and responsive renditions, made with Pillow.

An accepted upload is turned upright by its EXIF orientation and re-encoded, so that
no EXIF (GPS position, camera) survives. The cleaned file is named by the hash of its
content. From the same pixels (decoded once, when the upload was checked; read from
the stored original when renditions are rebuilt), renditions at a few widths are made
in AVIF and WebP, with a JPEG (or PNG, for images with transparency) fallback, under
``international/renditions/<hash>/<width>.<format>``. Pages build ``<picture>``
markup from the stored hash, width and height alone, with no file access.

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
from PIL import Image, ImageOps

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


def normalised(image):
    """Return *image* upright, in RGB or RGBA, with no metadata attached."""
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if has_alpha(image) else "RGB")
    # A new image carries pixels only: no EXIF, XMP, ICC comments or text chunks.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
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
    image: Image.Image  # the pixels encoded in content, for the renditions


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
        image=image,
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


def make_renditions(image_file, content_hash, storage=default_storage, image=None):
    """Write every rendition of *image_file*; return the paths written.

    *image* is the original's pixels when the caller has them already (a new upload,
    decoded when it was checked); otherwise the stored file is opened.
    """
    if image is None:
        image_file.open("rb")
        try:
            with Image.open(image_file) as source:
                image = normalised(source)
        finally:
            image_file.close()
    fallback = "JPEG" if fallback_extension(image_file.name) == "jpg" else "PNG"
    written = []
    for width in rendition_widths(image.width):
        # A banner 1000 times wider than high still keeps one row of pixels.
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for image_format in ("AVIF", "WEBP", fallback):
            path = rendition_path(content_hash, width, EXTENSIONS[image_format])
            if storage.exists(path):
                storage.delete(path)
            storage.save(path, ContentFile(encode(resized, image_format)))
            written.append(path)
    return written


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
    )
