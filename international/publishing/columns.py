"""The columns of the open data: each field's stable name, meaning, type and how to read it.

Every kind of record declares its columns in kinds.py with these factories; the JSON, the
CSV files, the "Open data" page and docs/open-data.md all follow them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_NAMES = {"bg": _("in Bulgarian"), "en": _("in English")}
TYPE_NAMES = {
    "identifier": _("identifier"),
    "string": _("text"),
    "html": _("HTML: paragraphs, lists and links"),
    "integer": _("whole number"),
    "number": _("decimal number"),
    "date": _("date, YYYY-MM-DD"),
    "datetime": _("date and time, ISO 8601"),
    "url": _("web address"),
    "documents": _(
        "list of documents, each with its address (url), title_bg, title_en, language "
        "(bg, en or other), date, size in bytes and content_type; JSON text in the CSV"
    ),
    "photos": _(
        "list of photos, each with the address of its file (url), its text alternative "
        "(alt_bg, alt_en) and its caption (caption_bg, caption_en); JSON text in the CSV"
    ),
}


@dataclass(frozen=True)
class Column:
    """One field of a record: its stable name, what it means, its type and how to read it."""

    name: str
    description: object  # a lazily translated text
    type: str  # one of TYPE_NAMES
    value: Callable  # (record, request) -> the value, None when empty

    @property
    def type_name(self):
        return TYPE_NAMES[self.type]


def empty_to_none(value):
    return None if value in ("", None) else value


def verbose_name(model, field_name):
    return model._meta.get_field(field_name).verbose_name


def identifier_column():
    return Column(
        "id",
        _("Stable identifier of the record; never reused"),
        "identifier",
        lambda record, request: record.identifier,
    )


def field_column(model, field_name, value_type="string", name=None):
    return Column(
        name or field_name,
        verbose_name(model, field_name),
        value_type,
        lambda record, request: empty_to_none(getattr(record, field_name)),
    )


def translated_columns(model, field_name, value_type="string"):
    """Return one column per language for a translated field: name_bg, name_en."""
    return [
        Column(
            f"{field_name}_{language}",
            format_lazy("{}, {}", verbose_name(model, field_name), LANGUAGE_NAMES[language]),
            value_type,
            lambda record, request, attribute=f"{field_name}_{language}": empty_to_none(
                getattr(record, attribute)
            ),
        )
        for language in LANGUAGES
    ]


def in_language(language, function):
    def read(record, request):
        with translation.override(language):
            return function(record, request)

    return read


def address_columns():
    """Return the record's own page in every language, as absolute addresses."""
    return [
        Column(
            f"url_{language}",
            format_lazy("{}, {}", _("Address of the record's page"), LANGUAGE_NAMES[language]),
            "url",
            in_language(
                language,
                lambda record, request: absolute_url(record.get_absolute_url()),
            ),
        )
        for language in LANGUAGES
    ]


def choice_columns(model, field_name):
    """Return a choice field's code and its label in every language."""
    return [
        Column(
            field_name,
            format_lazy("{}, {}", verbose_name(model, field_name), _("code")),
            "string",
            lambda record, request: getattr(record, field_name),
        ),
        *[
            Column(
                f"{field_name}_label_{language}",
                format_lazy("{}, {}", verbose_name(model, field_name), LANGUAGE_NAMES[language]),
                "string",
                in_language(
                    language,
                    lambda record, request: str(getattr(record, f"get_{field_name}_display")()),
                ),
            )
            for language in LANGUAGES
        ],
    ]


def country_columns(model):
    return [
        Column(
            "country",
            format_lazy("{} (ISO 3166-1 alpha-2)", verbose_name(model, "country")),
            "string",
            lambda record, request: str(record.country.code),
        ),
        *[
            Column(
                f"country_name_{language}",
                format_lazy("{}, {}", verbose_name(model, "country"), LANGUAGE_NAMES[language]),
                "string",
                in_language(language, lambda record, request: str(record.country.name)),
            )
            for language in LANGUAGES
        ],
    ]


def coordinate_column(model, field_name):
    def read(record, request):
        value = getattr(record, field_name)
        return None if value is None else float(value)

    return Column(field_name, verbose_name(model, field_name), "number", read)


def image_columns(model):
    def url(record, request):
        return absolute_url(record.image.url) if record.image else None

    def alt(language):
        def read(record, request):
            if not record.image or record.image_decorative:
                return None
            return empty_to_none(getattr(record, f"image_alt_{language}"))

        return read

    return [
        Column(
            "image_url",
            format_lazy("{}, {}", verbose_name(model, "image"), _("address of the file")),
            "url",
            url,
        ),
        *[
            Column(
                f"image_alt_{language}",
                format_lazy("{}, {}", verbose_name(model, "image_alt"), LANGUAGE_NAMES[language]),
                "string",
                alt(language),
            )
            for language in LANGUAGES
        ],
    ]


def reference_column(name, description, related_name):
    """Return the identifier of a related record, or None when the public does not see it."""

    def read(record, request):
        related = getattr(record, related_name)
        if related is None or not related.is_public:
            return None
        return related.identifier

    return Column(name, description, "identifier", read)


def timestamp_columns():
    return [
        Column(
            "created",
            _("When the record was created"),
            "datetime",
            lambda record, request: record.created_at.isoformat(),
        ),
        Column(
            "updated",
            _("When the record last changed"),
            "datetime",
            lambda record, request: record.updated_at.isoformat(),
        ),
    ]


def common_columns(model):
    return [
        identifier_column(),
        *translated_columns(model, "slug"),
        *address_columns(),
    ]


def documents_column():
    """Return the record's documents: address, titles, language, date, size and type.

    Read from the record's prefetched documents (kinds.py), not a query per record.
    """

    def read(record, request):
        return [
            {
                "url": absolute_url(document.get_absolute_url()),
                "title_bg": empty_to_none(document.title_bg),
                "title_en": empty_to_none(document.title_en),
                "language": document.language,
                "date": document.date.isoformat() if document.date else None,
                "size": document.size,
                "content_type": document.content_type,
            }
            for document in record.documents.all()
        ]

    return Column("documents", _("Documents"), "documents", read)


def photos_column():
    """Return the record's photos: each file's address, text alternative and caption.

    Read from the record's prefetched photos (kinds.py), not a query per record.
    """

    def read(record, request):
        return [
            {
                "url": absolute_url(photo.image.url),
                "alt_bg": empty_to_none(photo.image_alt_bg),
                "alt_en": empty_to_none(photo.image_alt_en),
                "caption_bg": empty_to_none(photo.caption_bg),
                "caption_en": empty_to_none(photo.caption_en),
            }
            for photo in record.photos.all()
        ]

    return Column("photos", _("Photos"), "photos", read)
