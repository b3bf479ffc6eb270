"""The columns of the open data: each field's stable name, meaning, type and how to read it.

Every kind of record declares its columns in kinds.py with these factories; the JSON, the
CSV files, the datapackage.json, the "Open data" page and docs/open-data.md all follow them.

A column reads a row of a values() queryset (the database fields it names in `fields`),
not a model instance: the exports read thousands of records, and building instances,
reversing URLs and switching languages per record cost ~0.15 ms each. What is the same
for every record (an address's prefix, a choice's labels, a country's names) is worked
out once per export, in the Reading the columns share.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
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
#: What reverse() leaves unquoted in a path (django.urls.resolvers).
PATH_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class Column:
    """One field of a record: its stable name, what it means, its type and how to read it."""

    name: str
    description: object  # a lazily translated text
    type: str  # one of TYPE_NAMES
    #: The database fields the column reads (names for values()).
    fields: tuple
    #: (row, reading) -> the value, None when empty; row is a dict of the fields.
    read: Callable

    @property
    def type_name(self):
        return TYPE_NAMES[self.type]


class Reading:
    """What the columns of one export of one kind share, worked out once."""

    def __init__(self, model, queryset):
        self.model = model
        #: The exported records (for a column that reads related rows in one query).
        self.queryset = queryset
        self._known = {}

    def once(self, key, function):
        """Return function(), computed on the first call with *key* only."""
        if key not in self._known:
            self._known[key] = function()
        return self._known[key]


def empty_to_none(value):
    return None if value in ("", None) else value


def verbose_name(model, field_name):
    return model._meta.get_field(field_name).verbose_name


def identifier(model, pk):
    """Return a record's stable identifier from its model and key, as Record.identifier."""
    return f"{model.identifier_prefix or model._meta.model_name}-{pk}"


def address_builder(url_name, argument, sentinel="zzopendatazz", **kwargs):
    """Return a function that gives reverse(url_name) for a value, reversing only once.

    The address is reversed with *sentinel* in place of the value, in the active
    language; each value is then put in its place, quoted as reverse() quotes it.
    """
    before, after = reverse(url_name, kwargs={**kwargs, argument: sentinel}).split(sentinel)
    return lambda value: f"{before}{quote(str(value), safe=PATH_SAFE)}{after}"


def identifier_column():
    return Column(
        "id",
        _("Stable identifier of the record; never reused"),
        "identifier",
        ("pk",),
        lambda row, reading: identifier(reading.model, row["pk"]),
    )


def field_column(model, field_name, value_type="string", name=None):
    return Column(
        name or field_name,
        verbose_name(model, field_name),
        value_type,
        (field_name,),
        lambda row, reading: empty_to_none(row[field_name]),
    )


def date_column(model, field_name):
    def read(row, reading):
        value = row[field_name]
        return value and value.isoformat()

    return Column(field_name, verbose_name(model, field_name), "date", (field_name,), read)


def local_datetime_column(model, field_name):
    """Return a moment in Sofia time with its offset, e.g. 2027-01-15T17:00:00+02:00."""

    def read(row, reading):
        value = row[field_name]
        return value and timezone.localtime(value).isoformat()

    return Column(field_name, verbose_name(model, field_name), "datetime", (field_name,), read)


def translated_columns(model, field_name, value_type="string"):
    """Return one column per language for a translated field: name_bg, name_en."""
    return [
        Column(
            f"{field_name}_{language}",
            format_lazy("{}, {}", verbose_name(model, field_name), LANGUAGE_NAMES[language]),
            value_type,
            (f"{field_name}_{language}",),
            lambda row, reading, attribute=f"{field_name}_{language}": empty_to_none(
                row[attribute]
            ),
        )
        for language in LANGUAGES
    ]


def in_language(language, function):
    with translation.override(language):
        return function()


def address_columns():
    """Return the record's own page in every language, as absolute addresses."""

    def read(language):
        # The record's slug in the language, else the fallback's (modeltranslation's).
        slugs = [f"slug_{language}"] + [
            f"slug_{fallback}"
            for fallback in settings.MODELTRANSLATION_FALLBACK_LANGUAGES
            if fallback != language
        ]

        def value(row, reading):
            page = reading.once(
                ("address", language),
                lambda: in_language(
                    language, lambda: address_builder(reading.model.url_name, "slug")
                ),
            )
            slug = next((row[name] for name in slugs if row[name]), "")
            return absolute_url(page(slug))

        return value

    return [
        Column(
            f"url_{language}",
            format_lazy("{}, {}", _("Address of the record's page"), LANGUAGE_NAMES[language]),
            "url",
            tuple(f"slug_{code}" for code in LANGUAGES),
            read(language),
        )
        for language in LANGUAGES
    ]


def choice_columns(model, field_name):
    """Return a choice field's code and its label in every language."""

    def label(language):
        def read(row, reading):
            labels = reading.once(
                ("choices", field_name, language),
                lambda: in_language(
                    language,
                    lambda: {
                        code: str(text)
                        for code, text in model._meta.get_field(field_name).flatchoices
                    },
                ),
            )
            code = row[field_name]
            return labels.get(code, str(code))

        return read

    return [
        Column(
            field_name,
            format_lazy("{}, {}", verbose_name(model, field_name), _("code")),
            "string",
            (field_name,),
            lambda row, reading: row[field_name],
        ),
        *[
            Column(
                f"{field_name}_label_{language}",
                format_lazy("{}, {}", verbose_name(model, field_name), LANGUAGE_NAMES[language]),
                "string",
                (field_name,),
                label(language),
            )
            for language in LANGUAGES
        ],
    ]


def country_columns(model):
    countries = model._meta.get_field("country").countries

    def name(language):
        def read(row, reading):
            code = row["country"] or ""
            return reading.once(
                ("country", language, code),
                lambda: in_language(language, lambda: str(countries.name(code))),
            )

        return read

    return [
        Column(
            "country",
            format_lazy("{} (ISO 3166-1 alpha-2)", verbose_name(model, "country")),
            "string",
            ("country",),
            lambda row, reading: str(row["country"] or ""),
        ),
        *[
            Column(
                f"country_name_{language}",
                format_lazy("{}, {}", verbose_name(model, "country"), LANGUAGE_NAMES[language]),
                "string",
                ("country",),
                name(language),
            )
            for language in LANGUAGES
        ],
    ]


def coordinate_column(model, field_name):
    def read(row, reading):
        value = row[field_name]
        return None if value is None else float(value)

    return Column(field_name, verbose_name(model, field_name), "number", (field_name,), read)


def image_columns(model):
    storage = model._meta.get_field("image").storage

    def url(row, reading):
        return absolute_url(storage.url(row["image"])) if row["image"] else None

    def alt(language):
        def read(row, reading):
            if not row["image"] or row["image_decorative"]:
                return None
            return empty_to_none(row[f"image_alt_{language}"])

        return read

    return [
        Column(
            "image_url",
            format_lazy("{}, {}", verbose_name(model, "image"), _("address of the file")),
            "url",
            ("image",),
            url,
        ),
        *[
            Column(
                f"image_alt_{language}",
                format_lazy("{}, {}", verbose_name(model, "image_alt"), LANGUAGE_NAMES[language]),
                "string",
                ("image", "image_decorative", f"image_alt_{language}"),
                alt(language),
            )
            for language in LANGUAGES
        ],
    ]


def reference_column(name, description, related_name):
    """Return the identifier of a related record, or None when the public does not see it."""

    def read(row, reading):
        related_model = reading.model._meta.get_field(related_name).related_model
        public = reading.once(
            ("public", related_name),
            lambda: set(related_model.objects.published().values_list("pk", flat=True)),
        )
        pk = row[f"{related_name}_id"]
        return identifier(related_model, pk) if pk in public else None

    return Column(name, description, "identifier", (f"{related_name}_id",), read)


def timestamp_columns():
    return [
        Column(
            "created",
            _("When the record was created"),
            "datetime",
            ("created_at",),
            lambda row, reading: row["created_at"].isoformat(),
        ),
        Column(
            "updated",
            _("When the record last changed"),
            "datetime",
            ("updated_at",),
            lambda row, reading: row["updated_at"].isoformat(),
        ),
    ]


def common_columns(model):
    return [
        identifier_column(),
        *translated_columns(model, "slug"),
        *address_columns(),
    ]


def documents_by_record(reading):
    """Return the approved documents of the exported records, by record, in one query."""
    from ..models.documents import Document

    owner = reading.model._meta.get_field("documents").field.name
    document_url = address_builder("document", "pk", sentinel="999999999")
    documents = {}
    rows = (
        Document.objects.approved()
        .filter(**{f"{owner}__in": reading.queryset.values("pk")})
        .values(owner, "pk", "title_bg", "title_en", "language", "date", "size", "content_type")
    )
    for document in rows:
        documents.setdefault(document[owner], []).append(
            {
                "url": absolute_url(document_url(document["pk"])),
                "title_bg": empty_to_none(document["title_bg"]),
                "title_en": empty_to_none(document["title_en"]),
                "language": document["language"],
                "date": document["date"].isoformat() if document["date"] else None,
                "size": document["size"],
                "content_type": document["content_type"],
            }
        )
    return documents


def documents_column():
    """Return the record's documents: address, titles, language, date, size and type.

    Read for all the exported records at once (one query), not a query per record.
    """

    def read(row, reading):
        return reading.once("documents", lambda: documents_by_record(reading)).get(row["pk"], [])

    return Column("documents", _("Documents"), "documents", ("pk",), read)


def photos_by_record(reading):
    """Return the photos of the exported records, by record, in one query."""
    from ..models import VisitPhoto

    storage = VisitPhoto._meta.get_field("image").storage
    photos = {}
    rows = (
        VisitPhoto.objects.filter(visit__in=reading.queryset.values("pk"))
        .order_by("order", "pk")
        .values("visit", "image", "image_alt_bg", "image_alt_en", "caption_bg", "caption_en")
    )
    for photo in rows:
        photos.setdefault(photo["visit"], []).append(
            {
                "url": absolute_url(storage.url(photo["image"])),
                "alt_bg": empty_to_none(photo["image_alt_bg"]),
                "alt_en": empty_to_none(photo["image_alt_en"]),
                "caption_bg": empty_to_none(photo["caption_bg"]),
                "caption_en": empty_to_none(photo["caption_en"]),
            }
        )
    return photos


def photos_column():
    """Return the record's photos: each file's address, text alternative and caption.

    Read for all the exported records at once (one query), not a query per record.
    """

    def read(row, reading):
        return reading.once("photos", lambda: photos_by_record(reading)).get(row["pk"], [])

    return Column("photos", _("Photos"), "photos", ("pk",), read)
