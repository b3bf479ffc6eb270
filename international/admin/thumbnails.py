"""The image input of the admin: the current image shown small, the chosen one kept.

The smallest rendition (made when the image was saved) is shown, at a small size, with the
record's text alternative as its alt, in the change form and in the lists of kinds with
images: no file is opened, the record's fields say it all. An image chosen in a form that
then fails on another field is kept (media/kept.py) and used by the next submit.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..media import kept as kept_uploads
from ..media.renditions import fallback_extension, rendition_path, rendition_widths

FORM_WIDTH = 160
LIST_WIDTH = 64


def thumbnail(record, shown_width):
    """Return the record's image as a small <img>, or "" if it has none (yet)."""
    if not (record.image and record.image_hash and record.image_width):
        return ""
    smallest = rendition_widths(record.image_width)[0]
    src = default_storage.url(
        rendition_path(record.image_hash, smallest, fallback_extension(record.image.name))
    )
    width = min(shown_width, smallest)
    height = max(1, round(record.image_height * width / record.image_width))
    alt = "" if record.image_decorative else (record.image_alt or "")
    return format_html(
        '<img class="admin-thumbnail" src="{}" width="{}" height="{}" alt="{}">',
        src,
        width,
        height,
        alt,
    )


class ThumbnailFileInput(AdminFileWidget):
    """Django admin's file input, with the current image beside it and the chosen one kept."""

    record = None
    #: (token, file name) of the image kept from the previous submit, or None.
    kept = None

    def kept_name(self, name):
        return f"{name}_kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is not None:  # A new file, or "clear" ticked.
            return value
        token = data.get(self.kept_name(name)) or ""
        cached = getattr(self, "_kept_upload", None)
        if cached and cached[0] == token:
            return cached[1]
        path = kept_uploads.kept_path(token)
        upload = kept_uploads.load(path) if path else None
        if upload is None:
            return None
        self._kept_upload = (token, upload)
        self.kept = (token, upload.name)
        return upload

    def render(self, name, value, attrs=None, renderer=None):
        # Around Django's own input (the form renderer does not see the project's templates).
        html = super().render(name, value, attrs, renderer)
        current = thumbnail(self.record, FORM_WIDTH) if self.record else ""
        if current:
            html = format_html('<div class="admin-thumbnail-current">{}</div>{}', current, html)
        if self.kept:
            token, file_name = self.kept
            html = format_html(
                '{}<input type="hidden" name="{}" value="{}"><p class="kept-image">{}</p>',
                html,
                self.kept_name(name),
                token,
                gettext(
                    "Chosen image kept: %(name)s. Saving again uses it; "
                    "choose another file to replace it."
                )
                % {"name": file_name},
            )
        return html


def keep_chosen_image(form, name="image"):
    """After a failed validation, keep the accepted new image of *form* for the next submit."""
    if not form.is_bound or not form.errors or name in form.errors:
        return
    upload = form.cleaned_data.get(name)
    widget = form.fields[name].widget
    if not isinstance(upload, UploadedFile) or not isinstance(widget, ThumbnailFileInput):
        return
    if getattr(upload, "kept_path", None) is None:
        token, upload.kept_path = kept_uploads.keep(upload)
        widget.kept = (token, upload.name)


def discard_kept_image(form, name="image"):
    """Remove the kept file a saved form used: the record has its own copy now."""
    path = getattr(form.cleaned_data.get(name), "kept_path", None)
    if path:
        kept_uploads.discard(path)


@admin.display(description=_("Image"))
def image_thumbnail(record):
    return thumbnail(record, LIST_WIDTH)
