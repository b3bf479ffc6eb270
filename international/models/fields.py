"""The model fields the section's records share, with their validators and messages defined once.

Rich text, years, web addresses, images and the rule that an end is not before its start
are declared here once, so every kind of record gets the same limits, help texts and
error messages.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from PIL import Image

from ..media.validation import check_upload, validate_image_upload
from ..text import RICH_TEXT_EXTENSIONS, clean_rich_text

EARLIEST_YEAR = 1800

# Only web addresses a browser opens safely; no ftp:, javascript: or data:.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a full web address starting with https:// (or http://)."),
)

validate_not_too_early = MinValueValidator(
    EARLIEST_YEAR,
    message=_("Enter a year from %(limit_value)s onwards."),
)


def validate_not_future_year(value):
    """Reject a year after the current one."""
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(
            _("The year %(year)s is in the future; enter this year or an earlier one."),
            code="future_year",
            params={"year": value},
        )


YEAR_VALIDATORS = [validate_not_too_early, validate_not_future_year]


#: A telephone number as people write it: digits, spaces, brackets, dots, dashes and
#: slashes, with an optional leading "+" (e.g. "+359 42 614 613", "(042) 614-613").
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()./-]+")


def validate_phone(value):
    """Refuse a telephone number with letters or other signs, or with too few or many digits.

    Between 6 digits (a local number) and 15 (the longest in the international numbering
    plan, ITU-T E.164), so that the tel: link the site makes of it can be dialled.
    """
    digits = sum(char.isdigit() for char in value)
    if not PHONE_CHARACTERS.fullmatch(value.strip()) or not 6 <= digits <= 15:
        raise ValidationError(
            _("Enter a telephone number like +359 42 614 613: digits, spaces and a leading +."),
            code="invalid_phone",
        )


def PhoneField(verbose_name, **kwargs):  # noqa: N802 - reads as a field class
    """Return an optional telephone number, checked by validate_phone."""
    return models.CharField(
        verbose_name, max_length=50, blank=True, validators=[validate_phone], **kwargs
    )


def RichTextField(verbose_name, **kwargs):  # noqa: N802 - reads as a field class
    """Return a sanitised WYSIWYG text field limited to the allowed markup.

    Saving refuses a link no reader could open (javascript:, a bare "starazagora.bg",
    an address the editor emptied), naming it; www. addresses, e-mail addresses and
    phone numbers become https:, mailto: and tel: links (international/text.py).
    """
    return ProseEditorField(
        verbose_name,
        extensions=RICH_TEXT_EXTENSIONS,
        sanitize=clean_rich_text,
        blank=kwargs.pop("blank", True),
        **kwargs,
    )


def YearField(verbose_name, **kwargs):  # noqa: N802 - reads as a field class
    """Return an optional year field that refuses years before 1800 or in the future."""
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=YEAR_VALIDATORS, **kwargs
    )


def WebsiteField(**kwargs):  # noqa: N802 - reads as a field class
    """Return an optional http(s) address field."""
    return models.URLField(
        _("official website"),
        max_length=300,
        blank=True,
        validators=[validate_web_url],
        help_text=_("The full address, e.g. https://www.club-strasbourg.eu/"),
        **kwargs,
    )


def unique_slug_constraints(model_name):
    """Return one unique constraint per language slug, with the message defined once."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{language}"],
            name=f"{model_name}_unique_slug_{language}",
            violation_error_message=_("Another record already uses this address (slug)."),
        )
        for language in ("bg", "en")
    ]


UNTIL_NOT_AFTER_FROM = _("“Publish until” must be after “publish from”.")


def schedule_in_order(model_name):
    """Return the constraint that a record's "publish until" is after its "publish from"."""
    return models.CheckConstraint(
        condition=Q(publish_from__isnull=True)
        | Q(publish_until__isnull=True)
        | Q(publish_until__gt=F("publish_from")),
        name=f"{model_name}_publish_until_after_from",
        violation_error_message=UNTIL_NOT_AFTER_FROM,
    )


END_DATE_BEFORE_START = _("The end date cannot be before the start date.")
LAST_YEAR_BEFORE_FIRST = _("The last year cannot be before the first year.")


def end_not_before_start(model_name, start, end, message):
    """Return the constraint that a record's *end* (date or year) is not before its *start*.

    Either may be empty. The message says which: END_DATE_BEFORE_START or
    LAST_YEAR_BEFORE_FIRST. Model validation checks it too, so forms show the message.
    """
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=f"{model_name}_end_not_before_start",
        violation_error_message=message,
    )


IMAGE_HELP = _("JPEG, PNG, WebP or AVIF, at most 5 MB.")

#: The names of the formats check_upload() accepts. Django's image fields would accept
#: every extension Pillow knows (and list them all, pdf and tif too, as "allowed").
validate_image_extension = FileExtensionValidator(
    allowed_extensions=["jpg", "jpeg", "png", "webp", "avif"],
    message=_(
        "Only JPEG, PNG, WebP and AVIF images are accepted: the file's name must end "
        "in .jpg, .jpeg, .png, .webp or .avif."
    ),
    code="invalid_extension",
)


def upload_to(folder):
    return f"international/{folder}/%Y/"


class ImageUploadFormField(forms.ImageField):
    """Django's image form field, saying why an image is refused before anything is saved.

    The upload is checked by check_upload() (size, declared pixel count, format, a full
    decoding) instead of Django's own opening and verify() of the file: Pillow's
    decompression-bomb check would turn an image over the pixel limit into "not a valid
    image", and verify() does not notice a truncated JPEG.
    """

    default_validators = [validate_image_extension]

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is not None:
            checked = check_upload(file)
            file.content_type = Image.MIME.get(checked.image_format)
        return file


class ImageModelField(models.ImageField):
    default_validators = [validate_image_extension]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the size from the file whenever one is assigned: the upload once
        # more, and the stored copy once saved. ImageMixin.save sets it instead, from the
        # image decoded when the upload was checked; a stored image's size is in the record.
        pass

    def deconstruct(self):
        # Migrations see Django's ImageField: only the form field differs.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def ImageUploadField(verbose_name, folder, blank=True):  # noqa: N802 - reads as a field class
    """Return an image field (optional unless *blank* is False): JPEG, PNG, WebP, AVIF only."""
    return ImageModelField(
        verbose_name,
        upload_to=upload_to(folder),
        blank=blank,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
        help_text=IMAGE_HELP,
    )
