"""Open data: every published record as JSON and CSV, both languages in each record.

The schema is declared once here (DATASETS); the JSON, the CSV files, the public
"Open data" page and docs/open-data.md all follow it. Identifiers are stable:
"<kind>-<primary key>", e.g. "organization-3", never reused. Unpublished records,
and projects of unpublished programmes, never appear. The data is licensed under
CC BY 4.0.

Exports are streamed, a chunk of rows at a time, and cached under the content
version like the pages: the first request after a change streams from the database
and keeps what it sent; the next ones stream from the cache.
"""

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from .cache import PAGE_TIMEOUT, page_key, request_version
from .models import Event, Organization, Participation, Programme, SiteContact, TwinCity
from .views import PublicPageMixin

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
#: Bump when a column is renamed or removed (adding one is compatible).
SCHEMA_VERSION = 1
CHUNK_SIZE = 64 * 1024
ROWS_PER_QUERY = 500
#: Exports larger than this are streamed every time instead of being kept in the cache.
CACHE_LIMIT = 20 * 1024 * 1024

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
                lambda record, request: request.build_absolute_uri(record.get_absolute_url()),
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
        return request.build_absolute_uri(record.image.url) if record.image else None

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
    """Return the identifier of a related record, or None when it is not published."""

    def read(record, request):
        related = getattr(record, related_name)
        if related is None or not related.is_published:
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


@dataclass(frozen=True)
class Dataset:
    """One kind of record as published: its name in the JSON, its CSV file and its columns."""

    key: str
    model: type
    route: object  # the translated URL segment of the CSV file
    columns: tuple
    queryset: Callable

    @property
    def title(self):
        return self.model._meta.verbose_name_plural

    @property
    def url_name(self):
        return f"international:open_data_{self.key}_csv"

    def rows(self):
        """Return the published records, read a batch at a time."""
        return self.queryset().iterator(chunk_size=ROWS_PER_QUERY)

    def record(self, record, request):
        return {column.name: column.value(record, request) for column in self.columns}


DATASETS = (
    Dataset(
        key="organizations",
        model=Organization,
        route=pgettext_lazy("URL", "organisations"),
        columns=(
            *common_columns(Organization),
            *choice_columns(Organization, "kind"),
            *translated_columns(Organization, "name"),
            field_column(Organization, "original_name"),
            field_column(Organization, "original_name_language"),
            field_column(Organization, "website", "url"),
            field_column(Organization, "founded_year", "integer"),
            *translated_columns(Organization, "founded_note"),
            *translated_columns(Organization, "size"),
            field_column(Organization, "member_since", "integer"),
            *translated_columns(Organization, "role"),
            *translated_columns(Organization, "description", "html"),
            *translated_columns(Organization, "highlights", "html"),
            *image_columns(Organization),
            field_column(Organization, "order", "integer"),
            *timestamp_columns(),
        ),
        queryset=lambda: Organization.objects.published(),
    ),
    Dataset(
        key="events",
        model=Event,
        route=pgettext_lazy("URL", "events"),
        columns=(
            *common_columns(Event),
            *translated_columns(Event, "name"),
            *translated_columns(Event, "organiser"),
            *translated_columns(Event, "place"),
            *translated_columns(Event, "recurrence"),
            Column(
                "start_date",
                verbose_name(Event, "start_date"),
                "date",
                lambda record, request: record.start_date and record.start_date.isoformat(),
            ),
            Column(
                "end_date",
                verbose_name(Event, "end_date"),
                "date",
                lambda record, request: record.end_date and record.end_date.isoformat(),
            ),
            field_column(Event, "website", "url"),
            *translated_columns(Event, "description", "html"),
            reference_column(
                "organization_id", verbose_name(Event, "organization"), "organization"
            ),
            *image_columns(Event),
            field_column(Event, "order", "integer"),
            *timestamp_columns(),
        ),
        queryset=lambda: Event.objects.published().select_related("organization"),
    ),
    Dataset(
        key="programmes",
        model=Programme,
        route=pgettext_lazy("URL", "programmes"),
        columns=(
            *common_columns(Programme),
            *translated_columns(Programme, "name"),
            *translated_columns(Programme, "funder"),
            field_column(Programme, "period_start", "integer"),
            field_column(Programme, "period_end", "integer"),
            field_column(Programme, "website", "url"),
            *translated_columns(Programme, "description", "html"),
            field_column(Programme, "order", "integer"),
            *timestamp_columns(),
        ),
        queryset=lambda: Programme.objects.published(),
    ),
    Dataset(
        key="participations",
        model=Participation,
        route=pgettext_lazy("URL", "projects"),
        columns=(
            *common_columns(Participation),
            reference_column("programme_id", verbose_name(Participation, "programme"), "programme"),
            *translated_columns(Participation, "title"),
            *choice_columns(Participation, "role"),
            *translated_columns(Participation, "partners"),
            field_column(Participation, "start_year", "integer"),
            field_column(Participation, "end_year", "integer"),
            field_column(Participation, "website", "url"),
            *translated_columns(Participation, "description", "html"),
            field_column(Participation, "order", "integer"),
            *timestamp_columns(),
        ),
        # published(): a project is public only under a published programme.
        queryset=lambda: Participation.objects.published().select_related("programme"),
    ),
    Dataset(
        key="twin_cities",
        model=TwinCity,
        route=pgettext_lazy("URL", "twin-cities"),
        columns=(
            *common_columns(TwinCity),
            *translated_columns(TwinCity, "name"),
            *translated_columns(TwinCity, "region"),
            *country_columns(TwinCity),
            *choice_columns(TwinCity, "kind"),
            field_column(TwinCity, "since_year", "integer"),
            field_column(TwinCity, "website", "url"),
            *translated_columns(TwinCity, "cooperation_areas", "html"),
            coordinate_column(TwinCity, "latitude"),
            coordinate_column(TwinCity, "longitude"),
            *image_columns(TwinCity),
            field_column(TwinCity, "order", "integer"),
            *timestamp_columns(),
        ),
        queryset=lambda: TwinCity.objects.published(),
    ),
)
DATASETS_BY_KEY = {dataset.key: dataset for dataset in DATASETS}


# Streaming with a cache ------------------------------------------------------------------


def _batched(pieces):
    """Join small pieces of text into UTF-8 chunks of about CHUNK_SIZE bytes."""
    buffer, size = [], 0
    for piece in pieces:
        data = piece.encode("utf-8")
        buffer.append(data)
        size += len(data)
        if size >= CHUNK_SIZE:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def _kept(chunks, key, headers):
    """Yield *chunks*; once all are sent, keep them in the page cache (if not too large)."""
    sent, size = [], 0
    for chunk in chunks:
        if sent is not None:
            size += len(chunk)
            if size <= CACHE_LIMIT:
                sent.append(chunk)
            else:
                sent = None
        yield chunk
    if sent is not None:
        cache.set(key, (b"".join(sent), headers), PAGE_TIMEOUT)


def streamed_response(request, pieces, content_type, filename=None):
    """Return a streaming response of *pieces*, kept in the page cache once it is sent.

    A request gets here only when the page cache has no copy for this content version
    (PublicPageCacheMiddleware and public_response looked first); the next one is
    answered from that copy like any cached page, headers included.
    """
    response = StreamingHttpResponse(content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    for name, value in OPEN_DATA_HEADERS.items():
        response[name] = value
    response["Content-Language"] = translation.get_language()
    response.streaming_content = _kept(_batched(pieces), page_key(request), dict(response.headers))
    return response


# JSON ------------------------------------------------------------------------------------


def _both_languages(function):
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = str(function())
    return values


def metadata(request):
    """Return the export's description: title, publisher, licence, documentation."""
    site_contact = SiteContact.objects.current()
    return {
        "schema_version": SCHEMA_VERSION,
        "title": _both_languages(lambda: _("International activity of Stara Zagora Municipality")),
        "publisher": {
            "name": {
                language: getattr(site_contact, f"organisation_name_{language}") or None
                for language in LANGUAGES
            },
            "url": site_contact.website or None,
        },
        "licence": LICENCE,
        "attribution": _both_languages(
            lambda: _("Source: Stara Zagora Municipality, International activity section")
        ),
        "documentation": _both_languages(
            lambda: request.build_absolute_uri(reverse("international:open_data"))
        ),
        "modified": request_version(request).changed_at.isoformat(),
        "languages": LANGUAGES,
    }


def json_pieces(request):
    """Yield the JSON export in pieces: its metadata, then one record per line."""
    head = json.dumps(metadata(request), ensure_ascii=False)
    yield head[:-1]
    for dataset in DATASETS:
        yield f',\n"{dataset.key}": ['
        for index, record in enumerate(dataset.rows()):
            yield ("\n" if index == 0 else ",\n") + json.dumps(
                dataset.record(record, request), ensure_ascii=False
            )
        yield "\n]"
    yield "\n}\n"


def json_export(request):
    """All published records as one JSON document."""
    return streamed_response(request, json_pieces(request), "application/json; charset=utf-8")


# CSV -------------------------------------------------------------------------------------

BYTE_ORDER_MARK = "\ufeff"


class _Line:
    """A file-like object whose write() returns what was written, for csv.writer."""

    def write(self, value):
        return value


# A cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"): text cells that do get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_TYPES = {"string", "html", "url"}


def csv_value(value, column_type="string"):
    """Return *value* as a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    text = str(value)
    if column_type in TEXT_TYPES and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_pieces(dataset, request):
    """Yield the CSV file of *dataset*: a byte order mark, the header, one line per record."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK
    yield writer.writerow([column.name for column in dataset.columns])
    for record in dataset.rows():
        values = dataset.record(record, request)
        yield writer.writerow(
            [csv_value(values[column.name], column.type) for column in dataset.columns]
        )


def csv_export(request, dataset_key):
    """The published records of one kind as CSV (UTF-8 with a byte order mark)."""
    dataset = DATASETS_BY_KEY[dataset_key]
    filename = request.path.rstrip("/").rsplit("/", 1)[-1]
    return streamed_response(
        request,
        csv_pieces(dataset, request),
        "text/csv; charset=utf-8; header=present",
        filename=filename,
    )


#: Any web page may read the open data (no cookies are involved).
OPEN_DATA_HEADERS = {"Access-Control-Allow-Origin": "*"}


def open_data_headers(view):
    """Send OPEN_DATA_HEADERS with every response of *view*."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for name, value in OPEN_DATA_HEADERS.items():
            response[name] = value
        return response

    wrapped.__name__ = getattr(view, "__name__", "open_data_view")
    wrapped.__doc__ = view.__doc__
    return wrapped


# The "Open data" page --------------------------------------------------------------------


class OpenDataView(PublicPageMixin, TemplateView):
    """What the section publishes as data, under which licence, and what each field means."""

    template_name = "international/open_data.html"

    def get_context_data(self, **kwargs):
        datasets = [
            {"dataset": dataset, "url": reverse(dataset.url_name), "columns": dataset.columns}
            for dataset in DATASETS
        ]
        return super().get_context_data(
            page_title=_("Open data"),
            page_description=_(
                "The content of the International activity section as open data: every "
                "published record in Bulgarian and English, free to reuse under the CC BY 4.0 "
                "licence."
            ),
            datasets=datasets,
            licence=LICENCE,
            **kwargs,
        )
