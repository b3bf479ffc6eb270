"""The open data described as a Frictionless Data Package: datapackage.json.

https://specs.frictionlessdata.io/data-package/ (v1): the JSON file as a data resource,
each kind's CSV file as a tabular data resource with its Table Schema, all made from the
registry's columns (kinds.py), so a new kind is described with no code of its own. The
licence (CC BY 4.0), the publisher (a contributor with the role "publisher"), when the
content last changed ("created": the package is made again from every change) and the
files' absolute addresses (SITE_URL, in the language of the request).

Both languages: the standard `title` and `description` are English, for the tools that
read the package; each has a Bulgarian twin, `title_bg` and `description_bg`, named like
the data's own fields (name_bg, name_en). Served beside the exports as
.../open-data/datapackage.json, cached under the content version like them.
"""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..models import SiteContact
from ..models.content import request_version
from .open_data import DATASETS, LICENCE
from .portal import DATASET_DESCRIPTION, DATASET_TITLE, in_languages

DATASETS_BY_MODEL = {dataset.model: dataset for dataset in DATASETS}

NAME = "stara-zagora-international-activity"
PROFILE = "data-package"
#: Table Schema field types (specs.frictionlessdata.io/table-schema/) of the column types.
FIELD_TYPES = {
    "identifier": {"type": "string"},
    "string": {"type": "string"},
    "html": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "date": {"type": "date"},
    "datetime": {"type": "datetime"},
    "url": {"type": "string", "format": "uri"},
    # The CSV cell holds the documents (the photos) as JSON text: a JSON array.
    "documents": {"type": "array"},
    "photos": {"type": "array"},
}


def both(text):
    """Return a lazy *text* in English and in Bulgarian, with a capital first letter."""
    values = in_languages(lambda: capfirst(str(text)))
    return values["en"], values["bg"]


def texts(title, description=None):
    english, bulgarian = both(title)
    values = {"title": english, "title_bg": bulgarian}
    if description is not None:
        english, bulgarian = both(description)
        values |= {"description": english, "description_bg": bulgarian}
    return values


def field(column):
    return {
        "name": column.name,
        **FIELD_TYPES[column.type],
        **texts(column.description, column.type_name),
    }


def csv_resource(dataset):
    return {
        "name": resource_name(dataset),
        "profile": "tabular-data-resource",
        "path": absolute_url(reverse(dataset.url_name)),
        "format": "csv",
        "mediatype": "text/csv",
        # With a byte order mark (docs/open-data.md), which UTF-8 readers skip.
        "encoding": "utf-8",
        **texts(dataset.title),
        "schema": {
            "fields": [field(column) for column in dataset.columns],
            "primaryKey": ["id"],
            "foreignKeys": foreign_keys(dataset),
        },
    }


def resource_name(dataset):
    return dataset.key.replace("_", "-")


def foreign_keys(dataset):
    """Return the references to records of another kind: an event's organisation."""
    keys = []
    for column in dataset.columns:
        if column.type != "identifier" or column.name == "id":
            continue
        related = dataset.model._meta.get_field(column.fields[0]).related_model
        keys.append(
            {
                "fields": [column.name],
                "reference": {
                    "resource": resource_name(DATASETS_BY_MODEL[related]),
                    "fields": ["id"],
                },
            }
        )
    return keys


def json_resource():
    return {
        "name": "international-activity",
        "profile": "data-resource",
        "path": absolute_url(reverse("international:open_data_json")),
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        **texts(
            _("Every published record (JSON)"),
            DATASET_DESCRIPTION,
        ),
    }


def datapackage(request):
    """Return the Data Package descriptor of the open data."""
    site_contact = SiteContact.objects.current()
    return {
        "profile": PROFILE,
        "name": NAME,
        **texts(DATASET_TITLE),
        "homepage": absolute_url(reverse("international:open_data")),
        "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"], "title": LICENCE["name"]}],
        "contributors": [
            {
                "title": site_contact.organisation_name_en or site_contact.organisation_name_bg,
                "title_bg": site_contact.organisation_name_bg,
                "role": "publisher",
                **({"path": site_contact.website} if site_contact.website else {}),
            }
        ],
        "created": request_version(request).changed_at.isoformat(),
        "resources": [json_resource(), *(csv_resource(dataset) for dataset in DATASETS)],
    }


def datapackage_file(request):
    """The open data's datapackage.json."""
    text = json.dumps(datapackage(request), ensure_ascii=False, indent=2)
    return HttpResponse(text + "\n", content_type="application/json; charset=utf-8")
