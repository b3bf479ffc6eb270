"""Open data: every published record as JSON and CSV, both languages in each record.

The schema is declared once, as each kind's columns in kinds.py (with the factories of
columns.py); the JSON, the CSV files, the public "Open data" page and
docs/open-data.md all follow it. Identifiers are stable:
"<kind>-<primary key>", e.g. "organization-3", never reused. Unpublished records,
and projects of unpublished programmes, never appear. The data is licensed under
CC BY 4.0.

Exports are streamed, a chunk of rows at a time, and cached under the content
version like the pages, by public_response (public/caching.py): the first request
after a change streams from the database, and what it sent is stored once it has all
been sent (up to caching.CACHE_LIMIT); the next ones are answered from the cache by
PublicPageCacheMiddleware, headers included.
"""

import csv
import json
from dataclasses import dataclass

import orjson
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..kinds import KINDS, Kind
from ..models import SiteContact
from ..models.content import request_version
from .columns import LANGUAGES, Reading

LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
#: Bump when a column is renamed or removed (adding one is compatible).
SCHEMA_VERSION = 1
CHUNK_SIZE = 64 * 1024
ROWS_PER_QUERY = 500


@dataclass(frozen=True)
class Dataset:
    """One kind of record as published: its name in the JSON, its CSV file and its columns."""

    kind: Kind

    @property
    def key(self):
        return self.kind.plural

    @property
    def model(self):
        return self.kind.model

    @property
    def route(self):
        """The translated address segment of the CSV file: the kind's own."""
        return self.kind.segment

    @property
    def columns(self):
        return self.kind.columns

    @property
    def title(self):
        return self.model._meta.verbose_name_plural

    @property
    def url_name(self):
        return f"international:open_data_{self.key}_csv"

    @property
    def fields(self):
        """Return the database fields the columns read, each once, in the columns' order."""
        return tuple(dict.fromkeys(field for column in self.columns for field in column.fields))

    def records(self):
        """Yield each published record as {column name: value}, read a batch at a time.

        From a values() queryset (no model instances): what every record shares, such
        as an address's prefix, is worked out once (columns.Reading).
        """
        queryset = self.kind.exported_queryset().prefetch_related(None)
        reading = Reading(self.model, queryset)
        columns = [(column.name, column.read) for column in self.columns]
        for row in queryset.values(*self.fields).iterator(chunk_size=ROWS_PER_QUERY):
            yield {name: read(row, reading) for name, read in columns}


#: One dataset per kind, in the registry's order (the order of the JSON's lists).
DATASETS = tuple(Dataset(kind) for kind in KINDS)
DATASETS_BY_KEY = {dataset.key: dataset for dataset in DATASETS}


# Streaming ------------------------------------------------------------------------------


def _batched(pieces):
    """Join small pieces of text (or UTF-8 bytes) into chunks of about CHUNK_SIZE bytes."""
    buffer, size = [], 0
    for piece in pieces:
        data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
        buffer.append(data)
        size += len(data)
        if size >= CHUNK_SIZE:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def streamed_response(pieces, content_type, filename=None):
    """Return a streaming response of *pieces*, in UTF-8 chunks of about CHUNK_SIZE bytes.

    The view's public_response stores it in the page cache once it has all been sent.
    """
    response = StreamingHttpResponse(content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    for name, value in OPEN_DATA_HEADERS.items():
        response[name] = value
    response["Content-Language"] = translation.get_language()
    response.streaming_content = _batched(pieces)
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
        "documentation": _both_languages(lambda: absolute_url(reverse("international:open_data"))),
        "modified": request_version(request).changed_at.isoformat(),
        "languages": LANGUAGES,
    }


def json_pieces(request):
    """Yield the JSON export in UTF-8 pieces: its metadata, then one record per line."""
    head = orjson.dumps(metadata(request))
    yield head[:-1]
    for dataset in DATASETS:
        yield f',\n"{dataset.key}": ['.encode()
        separator = b"\n"
        for record in dataset.records():
            yield separator + orjson.dumps(record)
            separator = b",\n"
        yield b"\n]"
    yield b"\n}\n"


def json_export(request):
    """All published records as one JSON document."""
    return streamed_response(json_pieces(request), "application/json; charset=utf-8")


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
    if isinstance(value, list | dict):
        # A list in a cell (a record's documents) is written as JSON text.
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if column_type in TEXT_TYPES and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_pieces(dataset, request):
    """Yield the CSV file of *dataset*: a byte order mark, the header, one line per record."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK
    yield writer.writerow([column.name for column in dataset.columns])
    columns = [(column.name, column.type) for column in dataset.columns]
    for values in dataset.records():
        yield writer.writerow([csv_value(values[name], kind) for name, kind in columns])


def csv_export(request, dataset_key):
    """The published records of one kind as CSV (UTF-8 with a byte order mark)."""
    dataset = DATASETS_BY_KEY[dataset_key]
    filename = request.path.rstrip("/").rsplit("/", 1)[-1]
    return streamed_response(
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
